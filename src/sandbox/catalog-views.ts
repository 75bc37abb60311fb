import type {SandboxStore} from './store.js'
import type {Json, OptionRecord, OptionValueRecord, ProductRecord, VariantRecord} from './state.js'
import {productInventoryLevel, variantInventoryLevel} from './stock.js'

/*
 * Products and variants are rendered straight to JSON text: the stored record is serialised as it is and the
 * computed fields are appended. Building a copy of every product object first and serialising that doubled
 * the garbage per page and made a 250-product page with variants miss its time budget (bench/sandbox.ts).
 * The object forms below parse that same text, so there is one rendering, not two.
 */

type Labels = Map<number, {label: string; display: string}>

function calculatedPrice(price: number, salePrice: number | null): number {
  return salePrice !== null && salePrice > 0 ? salePrice : price
}

/** Appends `,"key":value…` pairs to the JSON text of an object (the object never has these keys). */
function extend(objectJson: string, tail: string): string {
  return tail === '' ? objectJson : `${objectJson.slice(0, -1)}${objectJson.length > 2 ? ',' : ''}${tail}}`
}

export function renderProductJson(
  store: SandboxStore,
  product: ProductRecord,
  include: ReadonlySet<string>,
): string {
  const data = product.data
  let json = JSON.stringify(data)
  // S-P types base_variant_id as an integer: a product whose variants all have options has none, so the key is
  // left out. (`"` inside string values is escaped, so this text can only be the key itself.)
  if (data.base_variant_id === null) json = json.replace(',"base_variant_id":null', '')
  let tail = `"inventory_level":${productInventoryLevel(store, product)},"calculated_price":${calculatedPrice(data.price as number, data.sale_price as number)}`
  if (include.has('variants')) {
    const labels = optionLabels(product)
    tail += `,"variants":[${product.variants.map((variant) => renderVariantJson(store, product, variant, labels)).join(',')}]`
  }
  if (include.has('images')) tail += `,"images":${JSON.stringify(product.images)}`
  if (include.has('primary_image'))
    tail += `,"primary_image":${JSON.stringify(product.images.find((image) => image.is_thumbnail) ?? null)}`
  if (include.has('custom_fields')) tail += `,"custom_fields":${JSON.stringify(product.customFields)}`
  if (include.has('options')) tail += `,"options":${JSON.stringify(product.options.map(renderOption))}`
  if (include.has('modifiers')) tail += ',"modifiers":[]'
  if (include.has('bulk_pricing_rules')) tail += ',"bulk_pricing_rules":[]'
  if (include.has('videos')) tail += ',"videos":[]'
  return extend(json, tail)
}

export function renderProduct(
  store: SandboxStore,
  product: ProductRecord,
  include: ReadonlySet<string>,
): Json {
  return JSON.parse(renderProductJson(store, product, include)) as Json
}

/** A variant with `price: null` etc. kept as null (inherit), and the computed fields filled in. */
export function renderVariantJson(
  store: SandboxStore,
  product: ProductRecord,
  variant: VariantRecord,
  labels: Labels = optionLabels(product),
): string {
  const data = variant.data
  const price = (data.price as number | null) ?? (product.data.price as number)
  const sale =
    data.price === null
      ? ((data.sale_price as number | null) ?? (product.data.sale_price as number))
      : (data.sale_price as number | null)
  const optionValues = variant.optionValueIds.map(({option_id, id}) => {
    const found = labels.get(id)
    return {id, label: found?.label ?? '', option_id, option_display_name: found?.display ?? ''}
  })
  const tail =
    `"sku_id":${data.id === product.data.base_variant_id ? 'null' : data.id}` +
    `,"calculated_price":${calculatedPrice(price, sale)}` +
    `,"calculated_weight":${JSON.stringify((data.weight as number | null) ?? product.data.weight)}` +
    `,"inventory_level":${variantInventoryLevel(store, product, data.id)}` +
    `,"option_values":${JSON.stringify(optionValues)}`
  return extend(JSON.stringify(data), tail)
}

export function renderVariant(store: SandboxStore, product: ProductRecord, variant: VariantRecord): Json {
  return JSON.parse(renderVariantJson(store, product, variant)) as Json
}

/** Option value id → its label and option display name, built once per product render. */
function optionLabels(product: ProductRecord): Labels {
  const labels: Labels = new Map()
  for (const option of product.options) {
    for (const value of option.option_values)
      labels.set(value.id, {label: value.label, display: option.display_name})
  }
  return labels
}

export function renderOption(option: OptionRecord): Json {
  return {
    ...option,
    option_values: option.option_values.map(renderOptionValue),
    name: `${option.display_name}${option.id}`,
    config: {},
    image_url: '',
  }
}

/** S-O types value_data as an object (not nullable): values without data leave it out. */
export function renderOptionValue(value: OptionValueRecord): Json {
  if (value.value_data !== null) return value
  const {value_data: _unused, ...rest} = value
  return rest
}
