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

/** A live variant's ids (product-variants_catalog.v3.yml): keyed by lower-cased variant SKU. */
export interface LiveVariantIds {
  id: number
  product_id: number
  /** Variant metafield id by `namespace\u0000key` (managed namespaces only). */
  metafieldIds: Record<string, number>
}

/** A live option's ids, keyed by `<lower-cased product SKU>\u0000<display name>`; values by label. */
export interface LiveOptionIds {
  id: number
  product_id: number
  values: Record<string, number>
}

export interface LiveIds {
  /** Variants and options (empty when the plan read none). */
  variants?: Record<string, LiveVariantIds>
  options?: Record<string, LiveOptionIds>
  products: Record<string, LiveProductIds>
  brands: Record<string, number>
  categories: Record<string, number>
  /** Price lists and customer groups (src/model/price-list.ts); absent when the plan read no pricing. */
  pricing?: LivePricingIds
  /** BigCommerce location id by the catalog's location key (resolved by id, else by code). */
  locations: Record<string, number>
}
