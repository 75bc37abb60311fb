import {describe, expect, it} from 'vitest'

import {mockStore, rateHeaders, STORE} from '../bigcommerce/mock-store.js'

/** Pages a broken store or proxy could send: refused, never read as "no more products". */
describe('malformed list pages', () => {
  it('a V3 page whose data is not a list is an invalid-body error, not an empty page', async () => {
    const {pool, client} = mockStore()
    pool
      .intercept({path: `${STORE}/v3/catalog/products?page=1&limit=250`, method: 'GET'})
      .reply(200, {data: {id: 1}, meta: {pagination: {total_pages: 1}}}, {headers: rateHeaders()})
    await expect(client.listAll('/v3/catalog/products')).rejects.toThrow(
      /GET \/v3\/catalog\/products failed: the answer is not a BigCommerce list page \(`data` is not a list\)/,
    )
  })

  it('a full page without pagination meta is refused: more pages may follow', async () => {
    const {pool, client} = mockStore()
    pool
      .intercept({path: `${STORE}/v3/catalog/products?page=1&limit=2`, method: 'GET'})
      .reply(200, {data: [{id: 1}, {id: 2}]}, {headers: rateHeaders()})
    await expect(client.listAll('/v3/catalog/products', {limit: 2})).rejects.toThrow(
      /a full page without `meta.pagination`/,
    )
  })

  it('a short page without pagination meta is the last page', async () => {
    const {pool, client} = mockStore()
    pool
      .intercept({path: `${STORE}/v3/catalog/products?page=1&limit=2`, method: 'GET'})
      .reply(200, {data: [{id: 1}]}, {headers: rateHeaders()})
    expect(await client.listAll('/v3/catalog/products', {limit: 2})).toEqual([{id: 1}])
  })
})
