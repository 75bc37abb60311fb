import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aProductWithVariants, changeKeys, DeltaRepo} from './helpers/delta-repo.js'

/**
 * Delta with variants: a variant changed in the YAML, or in the store (an admin edit of a variant's price),
 * is in a delta plan exactly as in a full plan — variants are read for the candidate products by
 * `product_id:in`, and a variant write moves its product's date_modified.
 */
describe('delta mode with variants', () => {
  let repo: DeltaRepo
  beforeAll(async () => {
    repo = await DeltaRepo.create([aProductWithVariants(1), aProductWithVariants(2), aProductWithVariants(3)])
    await repo.commit('catalog')
    const applied = await repo.apply({mode: 'full'})
    expect(applied.report.results.every((result) => result.status === 'applied')).toBe(true)
    repo.advanceClock(30 * 60_000)
  })
  afterAll(() => repo.remove())

  it('a variant price edited in the YAML and one edited in the store: delta plan = full plan', async () => {
    await repo.editProduct('DL-001', (product) => {
      const variants = product['variants'] as Record<string, unknown>[]
      if (variants[0]) variants[0]['price'] = 12.5
    })
    await repo.commit('variant price')
    const id = await repo.productId('DL-002')
    const variants = await repo.api<{data: {id: number; sku: string}[]}>(
      'GET',
      `/v3/catalog/products/${id}/variants`,
    )
    const medium = variants.body.data.find((variant) => variant.sku === 'DL-2-M')
    expect(medium).toBeDefined()
    await repo.api('PUT', `/v3/catalog/products/${id}/variants/${medium?.id}`, {price: 99})

    const full = await repo.plan({mode: 'full'})
    const delta = await repo.plan({mode: 'delta'})
    expect(delta.fallback).toBeNull()
    const keys = changeKeys(full.plan)
    expect(keys.join('\n')).toMatch(/variant update dl-1-s price=12.5/)
    expect(keys.join('\n')).toMatch(/variant update dl-2-m price=30/)
    expect(changeKeys(delta.plan)).toEqual(keys)

    await repo.apply({mode: 'delta'})
    expect((await repo.plan({mode: 'full'})).plan.changes).toEqual([])
    expect((await repo.plan({mode: 'delta'})).plan.changes).toEqual([])
  })
})

/**
 * Delta with variant stock: a level changed in the inventory YAML and one changed in the store (an ERP
 * writing straight to the Inventory API) are in an inventory delta plan exactly as in a full one; the
 * variant ids come from the inventory items, as in a full inventory plan.
 */
describe('delta mode with variant stock', () => {
  let repo: DeltaRepo
  const stock = (levels: Record<string, number>) => ({location: 'east', stock: levels})
  const levels: Record<string, number> = {'DL-1-S': 1, 'DL-1-M': 2, 'DL-2-S': 3, 'DL-2-M': 4}

  beforeAll(async () => {
    repo = await DeltaRepo.create([aProductWithVariants(1), aProductWithVariants(2)], {
      config: {locations: {east: {id: 1}}},
    })
    await repo.writeYaml('inventory/east.yaml', stock(levels))
    await repo.commit('variant stock')
    const applied = await repo.apply({mode: 'full'})
    expect(applied.report.results.every((result) => result.status === 'applied')).toBe(true)
    repo.advanceClock(30 * 60_000)
  })
  afterAll(() => repo.remove())

  it('a level edited in the YAML and one edited in the store: inventory delta plan = full plan', async () => {
    await repo.writeYaml('inventory/east.yaml', stock({...levels, 'DL-1-M': 20}))
    await repo.commit('variant stock change')
    const items = await repo.api<{data: {identity: {sku: string; variant_id: number}}[]}>(
      'GET',
      '/v3/inventory/items?sku:in=DL-2-S',
    )
    const variantId = items.body.data[0]?.identity.variant_id
    expect(variantId).toBeDefined()
    const adjusted = await repo.api('PUT', '/v3/inventory/adjustments/absolute', {
      items: [{location_id: 1, variant_id: variantId, quantity: 99}],
    })
    expect(adjusted.status).toBe(200)

    const full = await repo.plan({mode: 'full', scope: 'inventory'})
    const delta = await repo.plan({mode: 'delta', scope: 'inventory'})
    expect(delta.fallback).toBeNull()
    const keys = changeKeys(full.plan)
    expect(full.plan.changes.map((change) => change.key)).toEqual(['DL-1-M@east', 'DL-2-S@east'])
    expect(changeKeys(delta.plan)).toEqual(keys)

    await repo.apply({mode: 'delta', scope: 'inventory'})
    expect((await repo.plan({mode: 'full'})).plan.changes).toEqual([])
    expect((await repo.plan({mode: 'delta', scope: 'inventory'})).plan.changes).toEqual([])
  })
})
