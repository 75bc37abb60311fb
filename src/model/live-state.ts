import type {LiveIds} from './live-ids.js'
import type {LivePricing} from './price-list.js'
import type {BrandModel, CategoryModel, ProductModel, StockModel} from './product.js'
import type {OptionModel, VariantModel} from './variant.js'

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
  /**
   * Options and variants of the live products (read when the catalog declares variants; `variantsRead`
   * says whether they were). Base variants (no option values) are not variants here.
   */
  options?: OptionModel[]
  variants?: VariantModel[]
  variantsRead?: boolean
  /** Live products without a SKU: they cannot be keyed, so they are always unmanaged. */
  unkeyedProducts: number
  /** The declared price lists as the store holds them; absent when the plan's scope reads no pricing. */
  pricing?: LivePricing
  /** Every location of the store (read by inventory plans only; empty otherwise). */
  locations: LiveLocation[]
  /**
   * Stock on hand at the catalog's locations, keyed by the catalog's location key (read by inventory
   * plans only). An item the Inventory API lists without a record at a location has quantity 0.
   */
  stock: StockModel[]
  /**
   * Scoped (pricing, inventory) reads only: match keys of declared products whose ownership marker was
   * not read yet; they carry a provisional marker id until src/live/read-ownership.ts resolves them.
   */
  unreadOwnership?: Set<string>
}

/** A BigCommerce location as read (locations.v3 `Location`): its id is the match for `id:` references. */
export interface LiveLocation {
  id: number
  code: string
  label: string
  type: 'PHYSICAL' | 'VIRTUAL'
  enabled: boolean
  address: Record<string, string>
}

export function emptyLiveState(): LiveState {
  return {
    products: [],
    brands: [],
    categories: [],
    ids: {products: {}, brands: {}, categories: {}, locations: {}},
    unkeyedProducts: 0,
    locations: [],
    stock: [],
  }
}
