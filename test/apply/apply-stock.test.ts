import {describe, expect, it} from 'vitest'

import type {AdjustmentItem} from '../../src/apply/apply-stock.js'

import {adjustmentBatches, adjustmentBody, badItemIndexes} from '../../src/apply/apply-stock.js'

function items(count: number, locationId: number): AdjustmentItem[] {
  return Array.from({length: count}, (_, index) => ({
    change: {} as AdjustmentItem['change'],
    location_id: locationId,
    product_id: index + 1,
    quantity: index,
  }))
}

describe('adjustmentBatches', () => {
  it('groups by location (one location per request) and splits at 2,000 items', () => {
    const batches = adjustmentBatches([...items(4500, 3), ...items(10, 1), ...items(2000, 2)])
    expect(batches.map((batch) => [batch[0]?.location_id, batch.length])).toEqual([
      [1, 10],
      [2, 2000],
      [3, 2000],
      [3, 2000],
      [3, 500],
    ])
    for (const batch of batches) expect(new Set(batch.map((item) => item.location_id)).size).toBe(1)
  })

  it('sends nothing for no items', () => {
    expect(adjustmentBatches([])).toEqual([])
  })
})

describe('adjustmentBody', () => {
  it('addresses a variant level by variant_id alone and a product level by product_id (one identity each)', () => {
    const change = {} as AdjustmentItem['change']
    expect(adjustmentBody({change, location_id: 2, product_id: 7, variant_id: 70, quantity: 5})).toEqual({
      location_id: 2,
      variant_id: 70,
      quantity: 5,
    })
    expect(adjustmentBody({change, location_id: 2, product_id: 7, quantity: 5})).toEqual({
      location_id: 2,
      product_id: 7,
      quantity: 5,
    })
  })

  it('mixes variant and product items in one location request', () => {
    const change = {} as AdjustmentItem['change']
    const batches = adjustmentBatches([
      {change, location_id: 1, product_id: 7, variant_id: 70, quantity: 1},
      {change, location_id: 1, product_id: 8, quantity: 2},
    ])
    expect(batches.map((batch) => batch.map(adjustmentBody))).toEqual([
      [
        {location_id: 1, variant_id: 70, quantity: 1},
        {location_id: 1, product_id: 8, quantity: 2},
      ],
    ])
  })
})

describe('badItemIndexes', () => {
  it('reads the item positions a 422 names', () => {
    const body = {
      status: 422,
      errors: {'items.3.location_id': 'unknown location', 'items.0': 'unknown sku', other: 'x'},
    }
    expect([...badItemIndexes(body, 5)].sort()).toEqual([0, 3])
  })

  it('names none when the body has no item errors (the whole batch failed)', () => {
    expect(badItemIndexes({status: 422, title: 'tracked by product', errors: {}}, 5).size).toBe(0)
    expect(badItemIndexes(null, 5).size).toBe(0)
    expect(badItemIndexes({errors: {'items.9': 'x'}}, 5).size).toBe(0)
  })
})
