import type {LiveIds} from './live-ids.js'
import type {LivePricing} from './price-list.js'
import type {BrandModel, CategoryModel, ProductModel} from './product.js'

/**
 * The store, read into the model (src/live/map-*.ts build it from BigCommerce JSON). Records carry keys
 * only; server ids are in `ids`, keyed by match key: lower-cased SKU, lower-cased brand name, category
 * path. A product is managed by catalogctl when `ids.products[key].ownershipMetafieldId` is not null.
 */
export interface LiveState {
  products: ProductModel[]
  brands: BrandModel[]
  categories: CategoryModel[]
  ids: LiveIds
  /** Live products without a SKU: they cannot be keyed, so they are always unmanaged. */
  unkeyedProducts: number
  /** The declared price lists as the store holds them; absent when the plan's scope reads no pricing. */
  pricing?: LivePricing
}

export function emptyLiveState(): LiveState {
  return {
    products: [],
    brands: [],
    categories: [],
    ids: {products: {}, brands: {}, categories: {}},
    unkeyedProducts: 0,
  }
}
