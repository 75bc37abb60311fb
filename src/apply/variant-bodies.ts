import type {FieldChange} from '../plan/plan.js'
import type {VariantModel} from '../model/variant.js'

import {fieldOfPath} from '../model/kinds.js'

/** Model field → the BigCommerce variant field (product-variants_catalog.v3.yml `productVariant_Base`). */
const BODY_FIELD: Readonly<Record<string, string>> = {
  price: 'price',
  sale_price: 'sale_price',
  cost_price: 'cost_price',
  retail_price: 'retail_price',
  weight: 'weight',
  width: 'width',
  height: 'height',
  depth: 'depth',
  image: 'image_url',
  gtin: 'gtin',
  upc: 'upc',
  mpn: 'mpn',
  purchasing_disabled: 'purchasing_disabled',
}

/** The writable fields of a variant; overrides null = inherit (sent as null), the image only when declared. */
export function variantFields(variant: VariantModel): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const [field, target] of Object.entries(BODY_FIELD)) {
    const value = (variant as unknown as Record<string, unknown>)[field]
    if (field === 'image' && value === null) continue
    body[target] = value
  }
  return body
}

/**
 * A variant inside a product create (`variants[]` of `POST /v3/catalog/products`): options and values by
 * `option_display_name` + `label`, auto-created by BigCommerce in this order (D-CAT "Creating products with
 * variant options"). Null overrides are left out (absent = inherit).
 */
export function inlineVariantBody(variant: VariantModel): Record<string, unknown> {
  const body: Record<string, unknown> = {
    sku: variant.sku,
    option_values: Object.entries(variant.options).map(([name, label]) => ({
      option_display_name: name,
      label,
    })),
  }
  for (const [field, value] of Object.entries(variantFields(variant))) {
    if (value !== null && value !== '' && value !== false) body[field] = value
  }
  return body
}

/** The fields of an update item (`id` added by the caller): only what changed, metafields aside. */
export function variantUpdateFields(
  after: VariantModel,
  fields: readonly FieldChange[],
): Record<string, unknown> {
  const all = variantFields(after)
  const body: Record<string, unknown> = {}
  for (const field of fields) {
    const target = BODY_FIELD[fieldOfPath(field.path)]
    if (target !== undefined && target in all) body[target] = all[target]
  }
  return body
}
