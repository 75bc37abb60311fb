import {describe, expect, it} from 'vitest'

import type {LiveState} from '../../src/model/live-state.js'
import type {StoreApi, StoreRequest} from '../../src/live/store-api.js'

import {deferOwnership, productKeysWritten, readOwnershipMarkers} from '../../src/live/read-ownership.js'
import {diff} from '../../src/plan/diff.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from '../plan/factories.js'

interface Sent {
  path: string
  request: StoreRequest | undefined
}

/**
 * A store holding the catalogctl marker of the given product ids (marker id = 9000 + product id), served
 * `perPage` a page on the batch list, and per product on `/catalog/products/{id}/metafields`.
 */
function markerStore(managedIds: number[], perPage = 250) {
  const sent: Sent[] = []
  const marker = (id: number) => ({id: 9000 + id, resource_id: id, namespace: 'catalogctl', key: 'managed'})
  const api: StoreApi = {
    storeHash: 'abc',
    request<T>(_method: string, path: string, request?: StoreRequest) {
      sent.push({path, request})
      if (path === '/v3/catalog/products/metafields') {
        const page = Number(request?.query?.['page'] ?? 1)
        const data = managedIds.slice((page - 1) * perPage, page * perPage).map(marker)
        const totalPages = Math.max(1, Math.ceil(managedIds.length / perPage))
        return Promise.resolve({
          status: 200,
          body: {data, meta: {pagination: {total_pages: totalPages}}} as T,
        })
      }
      const id = Number(request?.params?.['product_id'])
      return Promise.resolve({status: 200, body: {data: managedIds.includes(id) ? [marker(id)] : []} as T})
    },
    listAll: () => Promise.reject(new Error('not used')),
  }
  return {api, sent}
}

/** A store of `count` products TEE-0…, ids 1…; the catalog lowers the price of the given ones. */
function pricedStore(count: number, cheaper: number[]) {
  const live = aLiveState(
    Array.from({length: count}, (_, index) => ({
      model: aProduct({sku: `TEE-${index}`, price: 20}),
      id: index + 1,
      managed: false,
    })),
  )
  const desired = aDesiredState(
    Array.from({length: count}, (_, index) =>
      aProduct({sku: `TEE-${index}`, price: cheaper.includes(index) ? 19 : 20}),
    ),
  )
  return {live, desired}
}

async function scopedPlan(live: LiveState, desired: ReturnType<typeof aDesiredState>, api: StoreApi) {
  deferOwnership(
    live,
    desired.products.map((product) => product.model.sku.toLowerCase()),
  )
  const options = diffOptions({scope: 'pricing'})
  const first = diff(desired, live, options)
  const reread = await readOwnershipMarkers(api, live, productKeysWritten(first))
  return {first, plan: reread ? diff(desired, live, options) : first}
}

describe('deferred ownership of scoped plans', () => {
  it('a scoped plan never writes to an unmanaged product: its change drops out once the marker is read', async () => {
    const {live, desired} = pricedStore(3, [0, 1])
    const {api} = markerStore([1])
    const {first, plan} = await scopedPlan(live, desired, api)
    expect(first.changes.map((change) => change.key)).toEqual(['TEE-0', 'TEE-1'])
    expect(plan.changes.map((change) => `${change.kind} ${change.key} ${change.action}`)).toEqual([
      'product TEE-0 update',
    ])
    // One page of markers settles all three: TEE-1 and the unchanged TEE-2 are unmanaged.
    expect(plan.summary).toMatchObject({update: 1, unmanaged: 2})
    expect(plan.notes.join(' ')).toContain(
      '2 catalog products exist in the store without the catalogctl marker',
    )
  })

  it('one page of markers settles every product, as the full read did', async () => {
    const {live, desired} = pricedStore(4, [0])
    const {api, sent} = markerStore([1, 2])
    const {plan} = await scopedPlan(live, desired, api)
    expect(sent.map((entry) => entry.path)).toEqual(['/v3/catalog/products/metafields'])
    expect(sent[0]?.request?.query).toMatchObject({namespace: 'catalogctl', key: 'managed', page: 1})
    expect(live.unreadOwnership?.size).toBe(0)
    expect(plan.summary).toMatchObject({update: 1, unchanged: 1, unmanaged: 2})
  })

  it('past page 1, few changed products are read one by one; many read the remaining pages', async () => {
    const few = pricedStore(12, [11])
    const fewStore = markerStore(
      Array.from({length: 12}, (_, index) => index + 1),
      2,
    )
    const fewPlan = await scopedPlan(few.live, few.desired, fewStore.api)
    expect(fewStore.sent.map((entry) => entry.path)).toEqual([
      '/v3/catalog/products/metafields',
      '/v3/catalog/products/{product_id}/metafields',
    ])
    expect(fewStore.sent[1]?.request?.params).toEqual({product_id: 12})
    expect(fewPlan.plan.changes.map((change) => change.key)).toEqual(['TEE-11'])
    // Products whose marker was not needed stay provisional: counted unchanged, never written.
    expect(few.live.unreadOwnership?.size).toBe(11)

    const many = pricedStore(12, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    const manyStore = markerStore([3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 2)
    const manyPlan = await scopedPlan(many.live, many.desired, manyStore.api)
    expect(manyStore.sent.every((entry) => entry.path === '/v3/catalog/products/metafields')).toBe(true)
    expect(manyStore.sent).toHaveLength(5)
    expect(manyPlan.plan.changes).toHaveLength(10)
  })

  it('with nothing to change, no marker is read at all', async () => {
    const {live, desired} = pricedStore(3, [])
    const {api, sent} = markerStore([1, 2, 3])
    const {plan} = await scopedPlan(live, desired, api)
    expect(sent).toEqual([])
    expect(plan.changes).toEqual([])
    expect(plan.summary).toMatchObject({unchanged: 3, unmanaged: 0})
  })
})
