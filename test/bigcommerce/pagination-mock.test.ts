import {afterEach, describe, expect, it} from 'vitest'

import {STORE, mockStore, rateHeaders} from './mock-store.js'

// The sandbox has no cursor-paginated endpoint yet, so cursor paging is tested against a MockAgent.
const agents: Array<{close(): Promise<void>; assertNoPendingInterceptors(): void}> = []
function store() {
  const created = mockStore()
  agents.push(created.agent)
  return created
}
afterEach(async () => {
  for (const agent of agents.splice(0)) {
    agent.assertNoPendingInterceptors()
    await agent.close()
  }
})

function cursorPage(ids: number[], endCursor: string, hasNext: boolean) {
  return {
    data: ids.map((id) => ({id})),
    meta: {
      cursor_pagination: {
        count: ids.length,
        per_page: 2,
        start_cursor: 'x',
        end_cursor: endCursor,
        links: hasNext ? {next: `?after=${endCursor}&limit=2`, current: '?limit=2'} : {current: '?limit=2'},
      },
    },
  }
}

describe('cursor pagination', () => {
  it('follows end_cursor with after= while BigCommerce gives a next link', async () => {
    const {pool, client} = store()
    const base = `${STORE}/v3/pricelists/3/records`
    pool
      .intercept({path: `${base}?limit=2`, method: 'GET'})
      .reply(200, cursorPage([1, 2], 'Mg==', true), {headers: rateHeaders()})
    pool
      .intercept({path: `${base}?limit=2&after=Mg%3D%3D`, method: 'GET'})
      .reply(200, cursorPage([3, 4], 'NA==', true), {headers: rateHeaders()})
    pool
      .intercept({path: `${base}?limit=2&after=NA%3D%3D`, method: 'GET'})
      .reply(200, cursorPage([5], 'NQ==', false), {headers: rateHeaders()})
    const records = await client.listAllCursor<{id: number}>('/v3/pricelists/{price_list_id}/records', {
      params: {price_list_id: 3},
      limit: 2,
    })
    expect(records.map((record) => record.id)).toEqual([1, 2, 3, 4, 5])
  })

  it('falls back to offset pages when the endpoint answers with offset meta', async () => {
    const {pool, client} = store()
    const page = (ids: number[], current: number) => ({
      data: ids.map((id) => ({id})),
      meta: {pagination: {total_pages: 2, current_page: current}},
    })
    pool
      .intercept({path: `${STORE}/v3/catalog/products/metafields?limit=2`, method: 'GET'})
      .reply(200, page([1, 2], 1), {headers: rateHeaders()})
    pool
      .intercept({path: `${STORE}/v3/catalog/products/metafields?page=2&limit=2`, method: 'GET'})
      .reply(200, page([3], 2), {headers: rateHeaders()})
    const records = await client.listAllCursor<{id: number}, number>('/v3/catalog/products/metafields', {
      limit: 2,
      map: (record) => record.id * 10,
    })
    expect(records).toEqual([10, 20, 30])
  })
})

describe('offset pagination', () => {
  it('V2 bare arrays are read page by page until a short page', async () => {
    const {pool, client} = store()
    const groups = (ids: number[]) => ids.map((id) => ({id, name: `G${id}`}))
    pool
      .intercept({path: `${STORE}/v2/customer_groups?page=1&limit=2`, method: 'GET'})
      .reply(200, groups([1, 2]), {headers: rateHeaders()})
    pool
      .intercept({path: `${STORE}/v2/customer_groups?page=2&limit=2`, method: 'GET'})
      .reply(200, groups([3, 4]), {headers: rateHeaders()})
    pool
      .intercept({path: `${STORE}/v2/customer_groups?page=3&limit=2`, method: 'GET'})
      .reply(204, '', {headers: rateHeaders()})
    const all = await client.listAll<{id: number}>('/v2/customer_groups', {limit: 2})
    expect(all.map((group) => group.id)).toEqual([1, 2, 3, 4])
  })

  it('maps every V3 page as it arrives, the first one included', async () => {
    const {pool, client} = store()
    for (const current of [1, 2, 3]) {
      pool.intercept({path: `${STORE}/v3/inventory/items?page=${current}&limit=2`, method: 'GET'}).reply(
        200,
        {
          data: [2 * current - 1, 2 * current].slice(0, current === 3 ? 1 : 2).map((id) => ({id})),
          meta: {pagination: {total_pages: 3, current_page: current}},
        },
        {headers: rateHeaders()},
      )
    }
    const seen: number[] = []
    const ids = await client.listAll<{id: number}, string>('/v3/inventory/items', {
      limit: 2,
      map: ({id}) => {
        seen.push(id)
        return `item-${id}`
      },
    })
    expect(ids).toEqual(['item-1', 'item-2', 'item-3', 'item-4', 'item-5'])
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5])
  })

  it('refuses to read past maxPages', async () => {
    const {pool, client} = store()
    pool
      .intercept({path: `${STORE}/v3/catalog/products?page=1&limit=1`, method: 'GET'})
      .reply(200, {data: [{id: 1}], meta: {pagination: {total_pages: 50_000}}}, {headers: rateHeaders()})
    await expect(client.listAll('/v3/catalog/products', {limit: 1, maxPages: 100})).rejects.toThrow(
      /more than 100 pages/,
    )
  })
})
