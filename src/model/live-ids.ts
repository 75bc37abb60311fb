import type {LivePricingIds} from './price-list.js'

/**
 * Server ids live here, in a side table of the live state — never in the model, so desired and live
 * compare equal whatever the ids are. Keys are the model's keys (lower-cased SKU, brand name,
 * category path).
 */
export interface LiveProductIds {
  id: number
  date_modified: string
  /** Image ids in the model's image order. */
  imageIds: number[]
  /** Custom field id by `name\u0000value`. */
  customFieldIds: Record<string, number>
  /** Metafield id by `namespace\u0000key`. */
  metafieldIds: Record<string, number>
  /** The ownership metafield's id, or null when the product is not managed by catalogctl. */
  ownershipMetafieldId: number | null
}

export interface LiveIds {
  products: Record<string, LiveProductIds>
  brands: Record<string, number>
  categories: Record<string, number>
  /** Price lists and customer groups (src/model/price-list.ts); absent when the plan read no pricing. */
  pricing?: LivePricingIds
  /** BigCommerce location id by the catalog's location key (resolved by id, else by code). */
  locations: Record<string, number>
}
