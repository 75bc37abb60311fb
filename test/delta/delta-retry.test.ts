import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {BigCommerceClient} from '../../src/bigcommerce/client.js'
import {readStoreMarker} from '../../src/delta/store-marker.js'
import {aProduct, changeKeys, DeltaRepo} from './helpers/delta-repo.js'

const MINUTE = 60_000
const TOO_LONG_UPC = '12345678901234567890'

/**
 * Scenario: an apply where one product fails (BigCommerce's 422: upc is at most 14 characters, as in
 * e2e 007). The marker does not advance and remembers the failed SKU; the next delta plan reads it again
 * even when nothing about it changed since in git or in the store.
 */
describe('delta after a partial failure', () => {
  let repo: DeltaRepo
  let client: BigCommerceClient
  let firstCommit: string

  beforeAll(async () => {
    const products = Array.from({length: 8}, (_, index) =>
      aProduct(index + 1, {attributes: {material: 'Steel', upc: `0000000000${index + 1}`}}),
    )
    repo = await DeltaRepo.create(products, {template: {fields: {upc: 'attributes.upc'}}})
    client = repo.client()
    await repo.apply()
    repo.advanceClock(10 * MINUTE)
    const noop = await repo.apply()
    expect(noop.marker).toMatchObject({status: 'advanced'})
    firstCommit = (await repo.git.revparse(['HEAD'])).trim()
  })

  afterAll(async () => {
    await repo.remove()
  })

  it('keeps the old marker, adds the failed SKU, and the next delta retries it', async () => {
    await repo.editProduct('DL-003', (product) => {
      ;(product['attributes'] as Record<string, unknown>)['upc'] = TOO_LONG_UPC
    })
    await repo.editProduct('DL-005', (product) => {
      product['name'] = 'Five, renamed'
    })
    await repo.commit('two edits, one the store refuses')
    const applied = await repo.apply({mode: 'delta'})
    const failed = applied.report.results.filter((result) => result.status === 'failed')
    expect(failed.map((result) => result.key)).toEqual(['DL-003'])
    expect(applied.marker).toMatchObject({status: 'kept', retry: 1})

    const reading = await readStoreMarker(client, 'all')
    expect(reading.found && reading.marker.commit).toBe(firstCommit)
    expect(reading.found && reading.marker.failed_skus).toEqual(['DL-003'])

    // Later, the store fixed nothing and git changed nothing about DL-003: delta still plans it.
    repo.advanceClock(10 * MINUTE)
    const delta = await repo.plan({mode: 'delta'})
    expect(delta.fallback).toBeNull()
    expect(delta.plan.notes[0]).toContain('1 to retry from the last apply')
    const full = await repo.plan({mode: 'full'})
    expect(changeKeys(delta.plan)).toEqual(changeKeys(full.plan))
    expect(changeKeys(delta.plan)).toEqual([`product update dl-003 mapped.upc="${TOO_LONG_UPC}"`])
  })

  it('advances the marker and clears the retry list once everything applies', async () => {
    await repo.editProduct('DL-003', (product) => {
      ;(product['attributes'] as Record<string, unknown>)['upc'] = '00000000333'
    })
    const head = await repo.commit('a upc the store accepts')
    const applied = await repo.apply({mode: 'delta'})
    expect(applied.report.results.map((result) => `${result.key} ${result.status}`)).toEqual([
      'DL-003 applied',
    ])
    expect(applied.marker).toMatchObject({status: 'advanced', commit: head})
    const reading = await readStoreMarker(client, 'products')
    expect(reading.found && reading.marker.failed_skus).toEqual([])
    expect(reading.found && reading.marker.commit).toBe(head)
  })

  it('an edit someone makes in the store while apply runs is retried by the next delta', async () => {
    repo.advanceClock(10 * MINUTE)
    await repo.editProduct('DL-006', (product) => {
      product['name'] = 'Six, renamed'
    })
    await repo.commit('rename six')
    const applied = await repo.apply({
      mode: 'delta',
      beforeWrites: async () => {
        const id = await repo.productId('DL-008')
        await repo.api('PUT', `/v3/catalog/products/${id}`, {price: 1234})
        // The apply's writes and the marker come five minutes after the edit: past the delta margin,
        // so only the marker's retry list can bring DL-008 back.
        repo.advanceClock(5 * MINUTE)
      },
    })
    expect(applied.report.results.map((result) => `${result.key} ${result.status}`)).toEqual([
      'DL-006 applied',
    ])
    expect(applied.marker).toMatchObject({status: 'advanced'})
    const reading = await readStoreMarker(client, 'all')
    expect(reading.found && reading.marker.failed_skus).toEqual(['DL-008'])

    const delta = await repo.plan({mode: 'delta'})
    expect(delta.plan.notes[0]).toContain('1 to retry from the last apply')
    expect(changeKeys(delta.plan)).toEqual(['product update dl-008 price=18'])
    expect(changeKeys(delta.plan)).toEqual(changeKeys((await repo.plan({mode: 'full'})).plan))
  })
}, 60_000)
