import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'

import {aProductWithVariants, changeKeys, DeltaRepo} from './helpers/delta-repo.js'

const MINUTE = 60_000
const NARROW_ROWS =
  /Stock and price records: the candidates' and those modified in the store since \d{4}-\d{2}-\d{2}T[\d:.]+Z( \(([^)]*)\))?\./

/**
 * With stock and price-list files unchanged since the marker, a delta reads the candidates' stock and
 * price records and the records the store modified since the apply began reading — not every item and
 * record (src/delta/read-delta-live.ts). The plan is the full plan's, whatever the store did to the rows.
 */
describe('a delta reads only the candidates’ stock and price records', () => {
  let repo: DeltaRepo

  async function converge(): Promise<void> {
    await repo.apply({mode: 'full'})
    repo.advanceClock(10 * MINUTE)
    // A second apply later: its marker's read begins after the first one's writes.
    await repo.apply({mode: 'full'})
    repo.advanceClock(10 * MINUTE)
  }

  async function deltaEqualsFull(): Promise<{keys: string[]; rows: string}> {
    const delta = await repo.plan({mode: 'delta'})
    const full = await repo.plan({mode: 'full'})
    expect(delta.fallback).toBeNull()
    expect(changeKeys(delta.plan)).toEqual(changeKeys(full.plan))
    const note = delta.plan.notes[0] ?? ''
    expect(note).toMatch(NARROW_ROWS)
    return {keys: changeKeys(full.plan), rows: NARROW_ROWS.exec(note)?.[2] ?? ''}
  }

  beforeAll(async () => {
    repo = await DeltaRepo.create(
      [aProductWithVariants(1), aProductWithVariants(2), aProductWithVariants(3)],
      {
        config: {locations: {east: {id: 1}}, customer_groups: {Wholesale: {}}},
      },
    )
    await repo.writeYaml('inventory/east.yaml', {
      location: 'east',
      stock: {'DL-1-S': 1, 'DL-1-M': 2, 'DL-2-S': 3, 'DL-2-M': 4, 'DL-3-S': 5, 'DL-3-M': 6},
    })
    await repo.writeYaml('price-lists/wholesale.yaml', {
      name: 'Wholesale',
      currency: 'USD',
      customer_groups: ['Wholesale'],
      prices: {'DL-1-S': {price: 9}, 'DL-1-M': {price: 19}, 'DL-2-S': {price: 8}, 'DL-2-M': {price: 18}},
    })
    await repo.commit('stock and prices')
    await converge()
  })

  afterEach(async () => {
    await converge()
    expect((await repo.plan({mode: 'full'})).plan.changes).toEqual([])
  })

  afterAll(async () => {
    await repo.remove()
  })

  it('nothing changed: an empty plan from the candidates’ rows alone', async () => {
    const {keys, rows} = await deltaEqualsFull()
    expect(keys).toEqual([])
    expect(rows).toBe('')
  })

  it('a price record edited in the store (no product moves): found by its own date', async () => {
    const lists = await repo.api<{data: {id: number; name: string}[]}>('GET', '/v3/pricelists')
    const wholesale = lists.body.data.find((list) => list.name === 'Wholesale')
    await repo.api('PUT', `/v3/pricelists/${wholesale?.id}/records`, [
      {sku: 'DL-2-M', currency: 'USD', price: 1},
    ])
    const {keys} = await deltaEqualsFull()
    expect(keys).toEqual([expect.stringMatching(/^price_record update wholesale dl-2-m usd price=18/)])
  })

  it('a price record deleted in the store: that list is read in full, and says so', async () => {
    const lists = await repo.api<{data: {id: number; name: string}[]}>('GET', '/v3/pricelists')
    const wholesale = lists.body.data.find((list) => list.name === 'Wholesale')
    await repo.api('DELETE', `/v3/pricelists/${wholesale?.id}/records?sku:in=DL-1-S`)
    const {keys, rows} = await deltaEqualsFull()
    expect(rows).toBe('price list wholesale in full: it lost records')
    expect(keys).toEqual(['price_record create wholesale dl-1-s usd'])
  })

  it('a stock level set in the store: its product moved, its items are read', async () => {
    const items = await repo.api<{data: {identity: {variant_id: number}}[]}>(
      'GET',
      '/v3/inventory/items?sku:in=DL-3-M',
    )
    await repo.api('PUT', '/v3/inventory/adjustments/absolute', {
      items: [{location_id: 1, variant_id: items.body.data[0]?.identity.variant_id, quantity: 60}],
    })
    const {keys} = await deltaEqualsFull()
    expect(keys).toEqual([expect.stringMatching(/^stock update DL-3-M@east /i)])
  })

  it('a product edited in git: its rows are read and compared with it', async () => {
    await repo.editProduct('DL-001', (product) => void (product['description'] = '<p>New words.</p>'))
    await repo.commit('words')
    const {keys} = await deltaEqualsFull()
    expect(keys).toEqual([expect.stringMatching(/^product update dl-001 description=/i)])
  })
})
