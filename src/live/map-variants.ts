import type {LiveOptionIds, LiveVariantIds} from '../model/live-ids.js'
import type {MetafieldModel} from '../model/product.js'
import type {OptionModel, VariantModel} from '../model/variant.js'

import {normaliseVariant} from '../model/desired-variants.js'
import {productMatchKey} from '../model/kinds.js'

/** A variant as `GET /v3/catalog/variants` returns it (product-variants_catalog.v3.yml `productVariant_Full`). */
export interface BigCommerceVariantJson {
  id: number
  product_id: number
  sku?: string | null
  option_values?: {id: number; option_id: number; label?: string; option_display_name?: string}[] | null
  price?: number | string | null
  sale_price?: number | string | null
  cost_price?: number | string | null
  retail_price?: number | string | null
  weight?: number | string | null
  width?: number | string | null
  height?: number | string | null
  depth?: number | string | null
  image_url?: string | null
  gtin?: string | null
  upc?: string | null
  mpn?: string | null
  purchasing_disabled?: boolean | null
  [field: string]: unknown
}

export interface BigCommerceVariantMetafieldJson {
  id: number
  namespace: string
  key: string
  value: string
  resource_id?: number
  permission_set?: string
}

/** The variant fields a plan reads (`include_fields`; `id` always comes back). */
export const READ_VARIANT_FIELDS = [
  'product_id',
  'sku',
  'option_values',
  'price',
  'sale_price',
  'cost_price',
  'retail_price',
  'weight',
  'width',
  'height',
  'depth',
  'image_url',
  'gtin',
  'upc',
  'mpn',
  'purchasing_disabled',
] as const

export interface MappedVariants {
  options: OptionModel[]
  variants: VariantModel[]
  variantIds: Record<string, LiveVariantIds>
  optionIds: Record<string, LiveOptionIds>
}

/**
 * Live variants → the model. Base variants (no option values: the product itself, S-V `getVariants`) are
 * left out. A product's options are the option values its variants use: one list read serves variants and
 * options (never `include=options`, which caps a product page at 10).
 */
export function mapLiveVariants(
  json: readonly BigCommerceVariantJson[],
  productSkuById: ReadonlyMap<number, string>,
  metafields: readonly BigCommerceVariantMetafieldJson[],
  metafieldNamespaces: readonly string[],
): MappedVariants {
  const namespaces = new Set(metafieldNamespaces)
  const metafieldsByVariant = new Map<number, BigCommerceVariantMetafieldJson[]>()
  for (const metafield of metafields) {
    if (metafield.resource_id === undefined || !namespaces.has(metafield.namespace)) continue
    metafieldsByVariant.set(metafield.resource_id, [
      ...(metafieldsByVariant.get(metafield.resource_id) ?? []),
      metafield,
    ])
  }
  const result: MappedVariants = {options: [], variants: [], variantIds: {}, optionIds: {}}
  const optionByKey = new Map<string, OptionModel>()
  for (const variant of json) {
    const values = variant.option_values ?? []
    const product = productSkuById.get(variant.product_id)
    const sku = (variant.sku ?? '').trim()
    if (values.length === 0 || product === undefined || sku === '') continue
    const options: Record<string, string> = {}
    for (const value of values) {
      const name = value.option_display_name ?? ''
      const label = value.label ?? ''
      options[name] = label
      const key = `${productMatchKey(product)}\u0000${name}`
      let option = optionByKey.get(key)
      if (!option) {
        option = {product, name, values: []}
        optionByKey.set(key, option)
        result.options.push(option)
        result.optionIds[key] = {id: value.option_id, product_id: variant.product_id, values: {}}
      }
      if (!option.values.includes(label)) option.values.push(label)
      const ids = result.optionIds[key]
      if (ids) ids.values[label] = value.id
    }
    const own = metafieldsByVariant.get(variant.id) ?? []
    const models: MetafieldModel[] = own.map(({namespace, key, value, permission_set}) => ({
      namespace,
      key,
      value,
      permission_set: permission_set ?? 'app_only',
    }))
    result.variants.push(
      normaliseVariant({
        sku,
        product,
        options,
        price: amountOrNull(variant.price),
        sale_price: amountOrNull(variant.sale_price),
        cost_price: amountOrNull(variant.cost_price),
        retail_price: amountOrNull(variant.retail_price),
        weight: amountOrNull(variant.weight),
        width: amountOrNull(variant.width),
        height: amountOrNull(variant.height),
        depth: amountOrNull(variant.depth),
        image: nonEmpty(variant.image_url),
        gtin: variant.gtin ?? '',
        upc: variant.upc ?? '',
        mpn: variant.mpn ?? '',
        purchasing_disabled: variant.purchasing_disabled ?? false,
        metafields: models,
      }),
    )
    const metafieldIds: Record<string, number> = {}
    for (const field of own) metafieldIds[`${field.namespace}\u0000${field.key}`] = field.id
    result.variantIds[productMatchKey(sku)] = {id: variant.id, product_id: variant.product_id, metafieldIds}
  }
  return result
}

function amountOrNull(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null
  const number = Number(value)
  return Number.isFinite(number) ? number : null
}

function nonEmpty(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value
}
