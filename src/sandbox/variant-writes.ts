/** Variant writes: validating a variant body, adding a variant (auto-creating its options), updating one. */
import {fail} from './api-errors.js'
import {checkFields, pickFields} from './field-rules.js'
import {VARIANT_RULES, variantDefaults} from './product-fields.js'
import type {SandboxStore} from './store.js'
import {applyChanges} from './store.js'
import type {Json, ProductRecord, VariantRecord} from './state.js'
import {DEFAULT_LOCATION_ID, stockKey, writeStock} from './stock.js'

export const MAX_VARIANTS_PER_PRODUCT = 600
export const MAX_VALUES_PER_OPTION = 250

export interface OptionValueRef {
  option_id?: number
  id?: number
  option_display_name?: string
  label?: string
}

/** Validates a variant body; returns its option value references. Throws 422/409 before anything changes. */
export function checkVariantInput(
  store: SandboxStore,
  product: ProductRecord | undefined,
  input: Json,
  pendingSkus: Set<string>,
  existing?: VariantRecord,
  pendingCombinations: Set<string> = new Set(),
): OptionValueRef[] {
  const errors = checkFields(input, VARIANT_RULES, {creating: false})
  if (!existing && typeof input.sku !== 'string') errors.sku = 'sku is required'
  if (Object.keys(errors).length > 0) fail(422, 'JSON data is missing or invalid', errors)
  if (typeof input.sku === 'string') {
    store.assertSkuFree(
      input.sku,
      {productId: product?.data.id ?? -1, ...(existing ? {variantId: existing.data.id} : {})},
      pendingSkus,
    )
  }
  if (existing) return []
  const refs = input.option_values as OptionValueRef[] | undefined
  if (!Array.isArray(refs) || refs.length === 0) {
    fail(422, 'JSON data is missing or invalid', {option_values: 'A variant needs option_values'})
  }
  for (const ref of refs as OptionValueRef[]) {
    const byId = typeof ref.id === 'number' && typeof ref.option_id === 'number'
    const byName = typeof ref.option_display_name === 'string' && typeof ref.label === 'string'
    if (!byId && !byName) {
      fail(422, 'JSON data is missing or invalid', {
        option_values: 'Each option value needs id+option_id or option_display_name+label',
      })
    }
    if (byId && product) {
      const option = product.options.find((candidate) => candidate.id === ref.option_id)
      if (!option?.option_values.some((value) => value.id === ref.id)) {
        fail(422, 'JSON data is missing or invalid', {
          option_values: `Option value ${String(ref.id)} does not exist`,
        })
      }
    }
  }
  assertNewCombination(product, refs as OptionValueRef[], pendingCombinations)
  return refs as OptionValueRef[]
}

/** `size=m|color=navy`: a variant's option values by name, so id and name references compare. */
function combinationKey(product: ProductRecord | undefined, refs: OptionValueRef[]): string {
  return refs
    .map((ref) => {
      if (ref.option_display_name !== undefined)
        return `${ref.option_display_name}=${ref.label ?? ''}`.toLowerCase()
      const option = product?.options.find((candidate) => candidate.id === ref.option_id)
      const value = option?.option_values.find((candidate) => candidate.id === ref.id)
      return `${option?.display_name ?? ''}=${value?.label ?? ''}`.toLowerCase()
    })
    .sort()
    .join('|')
}

/**
 * 409 when a variant with the same option values exists or is being created in the same request; 422 when
 * a new label would take an option past 250 values. Checked before anything is created, so a refused variant
 * leaves no auto-created options behind.
 */
function assertNewCombination(
  product: ProductRecord | undefined,
  refs: OptionValueRef[],
  pending: Set<string>,
): void {
  const key = `${product?.data.id ?? 'new'}:${combinationKey(product, refs)}`
  const taken = product?.variants.some(
    (variant) => `${product.data.id}:${combinationKey(product, variant.optionValueIds)}` === key,
  )
  if (taken || pending.has(key)) {
    fail(409, 'A variant with the same option values already exists', {
      option_values: 'duplicate option value combination',
    })
  }
  pending.add(key)
  for (const ref of refs) {
    if (ref.option_display_name === undefined || !product) continue
    const option = product.options.find((candidate) => candidate.display_name === ref.option_display_name)
    if (
      option &&
      option.option_values.length >= MAX_VALUES_PER_OPTION &&
      !option.option_values.some((value) => value.label === ref.label)
    ) {
      fail(422, 'JSON data is missing or invalid', {
        option_values: `An option can have at most ${MAX_VALUES_PER_OPTION} values`,
      })
    }
  }
}

/** Finds or creates the option value a reference names (auto-creation per D-CAT, radio buttons by default). */
function resolveOptionValue(
  store: SandboxStore,
  product: ProductRecord,
  ref: OptionValueRef,
): {option_id: number; id: number} {
  if (typeof ref.id === 'number' && typeof ref.option_id === 'number')
    return {option_id: ref.option_id, id: ref.id}
  const name = ref.option_display_name as string
  let option = product.options.find((candidate) => candidate.display_name === name)
  if (!option) {
    option = {
      id: store.nextId('option'),
      product_id: product.data.id,
      display_name: name,
      type: 'radio_buttons',
      sort_order: product.options.length,
      option_values: [],
    }
    product.options.push(option)
  }
  let value = option.option_values.find((candidate) => candidate.label === ref.label)
  if (!value) {
    if (option.option_values.length >= MAX_VALUES_PER_OPTION) {
      fail(422, 'JSON data is missing or invalid', {
        option_values: `An option can have at most ${MAX_VALUES_PER_OPTION} values`,
      })
    }
    value = {
      id: store.nextId('optionValue'),
      label: ref.label as string,
      sort_order: option.option_values.length,
      is_default: false,
      value_data: null,
    }
    option.option_values.push(value)
  }
  return {option_id: option.id, id: value.id}
}

/** Adds an option variant; the base variant of an option-less product gives way (its id is retired). */
export function addVariant(
  store: SandboxStore,
  product: ProductRecord,
  input: Json,
  refs: OptionValueRef[],
): VariantRecord {
  const optionValueIds = refs.map((ref) => resolveOptionValue(store, product, ref))
  const signature = optionValueIds
    .map((ref) => ref.id)
    .sort()
    .join(',')
  if (
    product.variants.some(
      (variant) =>
        variant.optionValueIds
          .map((ref) => ref.id)
          .sort()
          .join(',') === signature,
    )
  ) {
    fail(409, 'A variant with the same option values already exists', {
      option_values: 'duplicate option value combination',
    })
  }
  if (product.data.base_variant_id !== null) {
    const base = product.variants.find((variant) => variant.data.id === product.data.base_variant_id)
    if (base) store.unindexVariant(product, base)
    product.variants = product.variants.filter((variant) => variant.data.id !== product.data.base_variant_id)
    product.data.base_variant_id = null
  }
  const fields = pickFields(input, VARIANT_RULES)
  const level = fields.inventory_level
  delete fields.inventory_level
  const variant: VariantRecord = {
    data: Object.assign(variantDefaults(), fields, {
      id: store.nextId('variant'),
      product_id: product.data.id,
      sku: input.sku as string,
    }),
    optionValueIds,
    metafields: [],
  }
  product.variants.push(variant)
  store.indexVariant(product, variant)
  if (typeof level === 'number')
    writeStock(store, stockKey(product, variant.data.id), DEFAULT_LOCATION_ID, {onhand: level})
  return variant
}

/** Updates a variant's writable fields; returns whether anything changed. */
export function updateVariant(
  store: SandboxStore,
  product: ProductRecord,
  variant: VariantRecord,
  input: Json,
): boolean {
  const fields = pickFields(input, VARIANT_RULES)
  const level = fields.inventory_level
  delete fields.inventory_level
  const beforeSku = variant.data.sku
  let changed = applyChanges(variant.data, fields)
  if (variant.data.sku !== beforeSku) {
    store.reskuVariant(product, variant, beforeSku)
    if (variant.data.id === product.data.base_variant_id) {
      const before = {name: product.data.name, sku: product.data.sku}
      product.data.sku = variant.data.sku
      store.renameProduct(product, before)
    }
  }
  if (typeof level === 'number') {
    writeStock(store, stockKey(product, variant.data.id), DEFAULT_LOCATION_ID, {onhand: level})
    changed = true
  }
  return changed
}
