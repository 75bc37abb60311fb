import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aProduct, changeKeys, DeltaRepo} from './helpers/delta-repo.js'

/**
 * Delta with variants: a variant changed in the YAML, or in the store (an admin edit of a variant's price),
 * is in a delta plan exactly as in a full plan — variants are read for the candidate products by
 * `product_id:in`, and a variant write moves its product's date_modified.
 */
const withVariants = (n: number) =>
  aProduct(n, {
    variants: [
      {sku: `DL-${n}-S`, options: {Size: 'S'}},
      {sku: `DL-${n}-M`, options: {Size: 'M'}, price: 30},
    ],
  })

describe('delta mode with variants', () => {
  let repo: DeltaRepo
  beforeAll(async () => {
    repo = await DeltaRepo.create([withVariants(1), withVariants(2), withVariants(3)])
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
