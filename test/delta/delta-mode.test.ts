import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {readStoreMarker} from '../../src/delta/store-marker.js'
import type {BigCommerceClient} from '../../src/bigcommerce/client.js'
import {aProduct, changeKeys, DeltaRepo} from './helpers/delta-repo.js'

const MINUTE = 60_000

function clientFor(repo: DeltaRepo): BigCommerceClient {
  return repo.client()
}

/**
 * Delta mode against an in-process sandbox and a real (temporary) git repository: what it reads, what
 * it finds, and the store marker that makes it possible.
 */
describe('plan --mode delta', () => {
  let repo: DeltaRepo

  beforeAll(async () => {
    repo = await DeltaRepo.create(Array.from({length: 30}, (_, index) => aProduct(index + 1)))
    const created = await repo.apply()
    expect(created.report.results.every((result) => result.status === 'applied')).toBe(true)
    // The next run is later: the creates are now outside the delta margin. A no-op apply records the
    // marker an hourly job would have.
    repo.advanceClock(10 * MINUTE)
    const noop = await repo.apply()
    expect(noop.plan.changes).toEqual([])
    expect(noop.marker).toMatchObject({status: 'advanced'})
  })

  afterAll(async () => {
    await repo.remove()
  })

  it('records the last successful apply per scope in a store metafield', async () => {
    const head = (await repo.git.revparse(['HEAD'])).trim()
    for (const scope of ['all', 'products', 'pricing', 'inventory'] as const) {
      const reading = await readStoreMarker(clientFor(repo), scope)
      expect(reading.found, scope).toBe(true)
      if (reading.found) {
        expect(reading.marker.commit).toBe(head)
        expect(reading.marker.failed_skus).toEqual([])
        expect(reading.marker.product_count).toBe(30)
      }
    }
  })

  it('after a YAML change reads only that record and plans exactly what a full plan does', async () => {
    await repo.editProduct('DL-007', (product) => {
      product['name'] = 'Widget 7, renamed'
    })
    await repo.commit('DL-007 renamed')
    const before = await repo.counts()
    const delta = await repo.plan({mode: 'delta', scope: 'products'})
    const reads = DeltaRepo.requestsBetween(before, await repo.counts())
    expect(delta.fallback).toBeNull()
    expect(delta.plan.mode).toBe('delta')
    expect(changeKeys(delta.plan)).toEqual(['product update dl-007 name="Widget 7, renamed"'])
    expect(delta.plan.notes[0]).toMatch(/^Delta plan: 1 candidate product\(s\) read \(1 changed in git/)
    expect(delta.plan.summary.unchanged).toBe(29)
    // One product look-up by SKU and one metafield look-up for it; never a page of every product.
    expect(reads.byRoute['GET /v3/catalog/products']).toBe(3) // modified-since, count, sku:in
    expect(reads.byRoute['GET /v3/catalog/products/metafields']).toBe(2) // modified-since, resource_id:in
    expect(reads.total).toBeLessThanOrEqual(Math.ceil(1 / 50) + 10)

    const full = await repo.plan({mode: 'full', scope: 'products'})
    expect(changeKeys(delta.plan)).toEqual(changeKeys(full.plan))
  })

  it('finds an edit made in the store admin (a direct API write) that git knows nothing of', async () => {
    await repo.apply()
    repo.advanceClock(10 * MINUTE)
    const id = await repo.productId('DL-012')
    const edited = await repo.api('PUT', `/v3/catalog/products/${id}`, {name: 'Renamed in the admin'})
    expect(edited.status).toBe(200)
    const delta = await repo.plan({mode: 'delta', scope: 'products'})
    expect(delta.fallback).toBeNull()
    expect(changeKeys(delta.plan)).toEqual(['product update dl-012 name="Delta Widget 012"'])
    // DL-007, written by the apply a minute before the marker, is re-read too (the margin); DL-012 is
    // found by its date_modified alone.
    expect(delta.plan.notes[0]).toMatch(/0 changed in git since \w+, 2 modified in the store/)
  })
}, 60_000)
