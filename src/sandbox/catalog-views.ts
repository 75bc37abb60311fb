import type {SandboxStore} from './store.js'
import type {Json, OptionRecord, OptionValueRecord, ProductRecord, VariantRecord} from './state.js'
import {productInventoryLevel, variantInventoryLevel} from './stock.js'

/** Sub-resources `include=` can add to a product (S-P `IncludeParamGetProducts`). */
export type ProductInclude =
  | 'variants'
  | 'images'
  | 'custom_fields'
  | 'options'
  | 'modifiers'
  | 'bulk_pricing_rules'
  | 'primary_image'
  | 'videos'

function calculatedPrice(price: number, salePrice: number | null): number {
  return salePrice !== null && salePrice > 0 ? salePrice : price
}

export function renderProduct(
  store: SandboxStore,
  product: ProductRecord,
  include: ReadonlySet<string>,
): Json {
  const data = product.data
  const out: Json = {
    ...data,
    inventory_level: productInventoryLevel(store, product),
    calculated_price: calculatedPrice(data.price as number, data.sale_price as number),
  }
  // S-P types base_variant_id as an integer: a product whose variants all have options has none, so the key is left out.
  if (out.base_variant_id === null) delete out.base_variant_id
  if (include.has('variants'))
    out.variants = product.variants.map((variant) => renderVariant(store, product, variant))
  if (include.has('images')) out.images = product.images
  if (include.has('primary_image'))
    out.primary_image = product.images.find((image) => image.is_thumbnail) ?? null
  if (include.has('custom_fields')) out.custom_fields = product.customFields
  if (include.has('options')) out.options = product.options.map(renderOption)
  if (include.has('modifiers')) out.modifiers = []
  if (include.has('bulk_pricing_rules')) out.bulk_pricing_rules = []
  if (include.has('videos')) out.videos = []
  return out
}

/** A variant with `price: null` etc. kept as null (inherit), and the computed fields filled in. */
export function renderVariant(store: SandboxStore, product: ProductRecord, variant: VariantRecord): Json {
  const data = variant.data
  const price = (data.price as number | null) ?? (product.data.price as number)
  const sale =
    data.price === null
      ? ((data.sale_price as number | null) ?? (product.data.sale_price as number))
      : (data.sale_price as number | null)
  return {
    ...data,
    sku_id: data.id === product.data.base_variant_id ? null : data.id,
    calculated_price: calculatedPrice(price, sale),
    calculated_weight: (data.weight as number | null) ?? product.data.weight,
    inventory_level: variantInventoryLevel(store, product, data.id),
    option_values: variant.optionValueIds.map(({option_id, id}) => {
      const option = product.options.find((candidate) => candidate.id === option_id)
      const value = option?.option_values.find((candidate) => candidate.id === id)
      return {id, label: value?.label ?? '', option_id, option_display_name: option?.display_name ?? ''}
    }),
  }
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
