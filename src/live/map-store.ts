import type {LiveState} from '../model/live-state.js'
import type {BrandIndex} from './map-brands.js'
import type {CategoryIndex} from './map-categories.js'
import type {MappedLiveProduct} from './map-product.js'

import {productMatchKey} from '../model/kinds.js'

/**
 * Mapped pieces → the LiveState the diff reads. Products without a SKU are counted, not keyed; when two
 * live products share a SKU case-insensitively (BigCommerce forbids it), the first wins.
 */
export function assembleLiveState(input: {
  products: readonly MappedLiveProduct[]
  brands: BrandIndex
  categories: CategoryIndex
}): LiveState {
  const state: LiveState = {
    products: [],
    brands: input.brands.brands,
    categories: input.categories.categories,
    ids: {
      products: {},
      brands: {...input.brands.idByKey},
      categories: {...input.categories.idByPath},
      locations: {},
    },
    unkeyedProducts: 0,
    locations: [],
    stock: [],
  }
  for (const {model, ids} of input.products) {
    const key = productMatchKey(model.sku)
    if (key === '') {
      state.unkeyedProducts++
      continue
    }
    if (key in state.ids.products) continue
    state.ids.products[key] = ids
    state.products.push(model)
  }
  return state
}
