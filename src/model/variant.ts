import type {MetafieldModel} from './product.js'

/**
 * A variant option of one product (product-variant-options_catalog.v3.yml `productOption`): its display
 * name and the value labels the catalog's variants use, in display order (first appearance in the
 * catalog, options themselves ordered by `option_order` or first appearance). Keyed by (product SKU,
 * display name); values by label. Live options are read from the variants' `option_values`, so a value
 * no variant uses is not seen (and never drift).
 */
export interface OptionModel {
  /** The owning product's SKU (as the catalog writes it). */
  product: string
  name: string
  values: string[]
}

/**
 * One variant (product-variants_catalog.v3.yml `productVariant_Base`), keyed by SKU case-insensitively
 * (SKUs are unique across products and variants). Overrides are null when the variant inherits the
 * product's value: a catalog variant without `price` equals a live variant with `price: null`.
 */
export interface VariantModel {
  sku: string
  /** The owning product's SKU. */
  product: string
  /** Option display name → value label. */
  options: Record<string, string>
  price: number | null
  sale_price: number | null
  cost_price: number | null
  retail_price: number | null
  weight: number | null
  width: number | null
  height: number | null
  depth: number | null
  /** `image_url`; null = not managed (BigCommerce serves a CDN copy, so only a declared image is compared). */
  image: string | null
  gtin: string
  upc: string
  mpn: string
  purchasing_disabled: boolean
  /** Variant metafields in namespaces the template's `variant_metafield` rules manage, sorted. */
  metafields: MetafieldModel[]
}

/** `TEE-CLASSIC:Size`: the key of a product's option in a plan. */
export function optionKey(product: string, name: string): string {
  return `${product}:${name}`
}
