import {describe, expect, it} from 'vitest'

import type {CategoryListItemJson, CategoryTreeNodeJson} from '../../src/live/map-categories.js'

import {mapBrands} from '../../src/live/map-brands.js'
import {categoryPathsForProducts, mapCategoryTree} from '../../src/live/map-categories.js'
import {haveFixtures, readFixture} from './fixtures.js'

describe('mapCategoryTree', () => {
  it('maps a flat /catalog/trees/categories list, filtered to one tree', () => {
    const list: CategoryListItemJson[] = [
      {category_id: 3, parent_id: 2, name: 'Tops', tree_id: 1},
      {category_id: 2, parent_id: 0, name: 'Apparel', tree_id: 1},
      {category_id: 9, parent_id: 0, name: 'Apparel', tree_id: 2},
      {category_id: 5, parent_id: 4, name: 'Orphan', tree_id: 1},
    ]
    const index = mapCategoryTree(list, {treeId: 1})
    expect(index.idByPath).toEqual({Apparel: 2, 'Apparel/Tops': 3})
    expect(index.pathById.get(3)).toBe('Apparel/Tops')
    expect(index.categories).toEqual([{path: 'Apparel'}, {path: 'Apparel/Tops'}])
  })

  it('survives a parent cycle', () => {
    const index = mapCategoryTree([
      {id: 1, parent_id: 2, name: 'A'},
      {id: 2, parent_id: 1, name: 'B'},
    ])
    expect(index.idByPath).toEqual({})
  })

  it('reads static-map ids back as the catalog path', () => {
    const index = mapCategoryTree([
      {id: 23, parent_id: 0, name: 'Shop All', children: []},
    ] as CategoryTreeNodeJson[])
    expect(categoryPathsForProducts(index, {'Apparel/Tops': 23}).get(23)).toBe('Apparel/Tops')
  })
})

describe('mapBrands', () => {
  it('keys brands by lower-cased name, first wins', () => {
    const index = mapBrands([
      {id: 1, name: 'Acme'},
      {id: 2, name: 'ACME'},
    ])
    expect(index.idByKey).toEqual({acme: 1})
    expect(index.nameById.get(2)).toBe('ACME')
  })
})

describe.skipIf(!haveFixtures)('recorded category responses', () => {
  it('maps the nested tree', () => {
    const index = mapCategoryTree(
      readFixture<{data: CategoryTreeNodeJson[]}>('aligent__catalog__categories__get_tree.json').data,
    )
    expect(index.idByPath).toMatchObject({
      Bath: 18,
      'Bath/Small Baths': 24,
      'Bath/Small Baths/Small Red Baths': 25,
      Kitchen: 21,
    })
    expect(index.categories).toHaveLength(8)
  })
  it('maps the flat legacy list (id, parent_id)', () => {
    const index = mapCategoryTree(
      readFixture<{data: CategoryListItemJson[]}>('aligent__catalog__categories__get_all.json').data,
    )
    expect(index.idByPath['Garden/Bath']).toBe(39)
  })
})
