import type {Variant} from '../../catalog/generated/index.js'
import type {VariantJson} from './read-store-export.js'

import {roundAmount} from '../../model/normalise.js'

/**
 * A live variant → the catalog's `variants:` item (schemas/product.schema.json `Variant`). Null prices and
 * weights mean "inherits the product's" in BigCommerce (products_catalog.v3.yml `productVariant_Base`) and
 * are left out, like empty strings; `purchasing_disabled` only when true. Option values come from the
 * variant's own `option_values` (display name → label), so no per-product options read is needed.
 */
export function variantYaml(json: VariantJson): Variant | undefined {
  const sku = json.sku?.trim()
  if (!sku) return undefined
  const options: Variant['options'] = {}
  for (const value of json.option_values ?? []) {
    if (value.option_display_name) options[value.option_display_name] = value.label ?? ''
  }
  const variant: Variant = {sku, options}
  for (const field of ['price', 'sale_price', 'cost_price', 'retail_price', 'weight'] as const) {
    const value = json[field]
    if (value !== null && value !== undefined) variant[field] = roundAmount(value)
  }
  const dimensions: NonNullable<Variant['dimensions']> = {}
  for (const field of ['width', 'height', 'depth'] as const) {
    const value = json[field]
    if (value !== null && value !== undefined && roundAmount(value) !== 0)
      dimensions[field] = roundAmount(value)
  }
  if (Object.keys(dimensions).length > 0) variant.dimensions = dimensions
  if (json.image_url) variant.image = json.image_url
  for (const field of ['gtin', 'upc', 'mpn'] as const) {
    const value = json[field]
    if (value) variant[field] = value
  }
  if (json.purchasing_disabled === true) variant.purchasing_disabled = true
  return variant
}

/** The product's variants for the catalog: only when it has options (a lone base variant is the product). */
export function variantsOf(jsons: readonly VariantJson[]): Variant[] {
  if (!jsons.some((json) => (json.option_values ?? []).length > 0)) return []
  return jsons
    .filter((json) => (json.option_values ?? []).length > 0)
    .map(variantYaml)
    .filter((variant): variant is Variant => variant !== undefined)
}
