import {describe, expect, it} from 'vitest'

import {countStructure, deletedStructure, structureIds} from '../../src/delta/structure-counts.js'
import {decodeMarker} from '../../src/delta/store-marker.js'

describe('brand and category counts in the delta marker', () => {
  const then = countStructure({brands: [1, 2, 5], categories: [10, 11]})

  it('counts ids and keeps the highest', () => {
    expect(then).toEqual({brands: {count: 3, max_id: 5}, categories: {count: 2, max_id: 11}})
  })

  it('takes the tree’s categories only, by category_id', () => {
    const ids = structureIds(
      [{id: 1}, {id: 'x'}],
      [{category_id: 10, tree_id: 1}, {category_id: 20, tree_id: 2}, {id: 30}],
      1,
    )
    expect(ids).toEqual({brands: [1], categories: [10, 30]})
  })

  it('nothing deleted: same ids, or only new ones', () => {
    expect(deletedStructure(then, {brands: [1, 2, 5], categories: [10, 11]})).toBeNull()
    expect(deletedStructure(then, {brands: [1, 2, 5, 6, 7], categories: [10, 11, 12]})).toBeNull()
  })

  it('a deletion hidden by a creation is still a deletion (ids only grow)', () => {
    expect(deletedStructure(then, {brands: [1, 5, 6], categories: [10, 11]})).toBe(
      '1 brand(s) were deleted in the store since the last apply',
    )
    expect(deletedStructure(then, {brands: [1, 2, 5], categories: []})).toBe(
      '2 categories were deleted in the store since the last apply',
    )
  })

  it('the marker keeps them, and a marker without them still decodes', () => {
    const base = {
      v: 1,
      commit: 'a'.repeat(40),
      started_at: 'x',
      store_time: '2026-12-04T00:00:00Z',
      product_count: 3,
      max_product_id: 9,
    }
    expect(
      decodeMarker(JSON.stringify({...base, catalog_products: 3, structure: then}), 'all'),
    ).toMatchObject({
      catalog_products: 3,
      structure: then,
    })
    const older = decodeMarker(JSON.stringify({...base, structure: {brands: {count: 'x'}}}), 'all')
    expect(older).not.toBeNull()
    expect(older).not.toHaveProperty('structure')
    expect(older).not.toHaveProperty('catalog_products')
  })
})
