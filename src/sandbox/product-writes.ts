import {fail, failWithDetail} from './api-errors.js'
import {assertFields, checkFields, pickFields} from './field-rules.js'
import {PRODUCT_RULES, VARIANT_RULES, productDefaults, slugify, variantDefaults} from './product-fields.js'
import type {SandboxStore} from './store.js'
import {applyChanges} from './store.js'
import type {Json, OptionRecord, ProductRecord, VariantRecord} from './state.js'
import {DEFAULT_LOCATION_ID, stockKey, writeStock} from './stock.js'

export const MAX_VARIANTS_PER_PRODUCT = 600
export const MAX_VALUES_PER_OPTION = 250
export const MAX_CUSTOM_FIELDS = 200

interface OptionValueRef {
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

function checkCustomFields(product: ProductRecord | undefined, list: unknown): Json[] {
  if (!Array.isArray(list)) fail(422, 'JSON data is missing or invalid', {custom_fields: 'must be an array'})
  const items = list as Json[]
  for (const item of items) {
    assertFields(
      item,
      {
        name: {type: 'string', min: 1, max: 250, required: true},
        value: {type: 'string', min: 1, max: 250, required: true},
      },
      {creating: item.id === undefined},
    )
    if (item.id !== undefined && !product?.customFields.some((field) => field.id === item.id)) {
      fail(422, 'JSON data is missing or invalid', {
        custom_fields: `Custom field ${String(item.id)} does not exist`,
      })
    }
  }
  const added = items.filter((item) => item.id === undefined).length
  if ((product?.customFields.length ?? 0) + added > MAX_CUSTOM_FIELDS) {
    fail(422, 'JSON data is missing or invalid', {
      custom_fields: `A product can have at most ${MAX_CUSTOM_FIELDS} custom fields`,
    })
  }
  return items
}

function applyCustomFields(store: SandboxStore, product: ProductRecord, items: Json[]): boolean {
  let changed = false
  for (const item of items) {
    const existing = product.customFields.find((field) => field.id === item.id)
    if (existing) {
      changed =
        applyChanges(existing, pickFields(item, {name: {type: 'string'}, value: {type: 'string'}})) || changed
    } else {
      product.customFields.push({
        id: store.nextId('customField'),
        name: item.name as string,
        value: item.value as string,
      })
      changed = true
    }
  }
  return changed
}

function checkImages(list: unknown): Json[] {
  if (!Array.isArray(list)) fail(422, 'JSON data is missing or invalid', {images: 'must be an array'})
  for (const image of list as Json[]) {
    if (image.id === undefined)
      assertFields(image, {image_url: {type: 'string', min: 1, max: 255, required: true}}, {creating: true})
  }
  return list as Json[]
}

/** An image from `image_url`; the sandbox "CDN" serves the original URL in every `url_*` field. */
export function buildImage(store: SandboxStore, product: ProductRecord, input: Json): Json {
  const url = input.image_url as string
  return {
    id: store.nextId('image'),
    product_id: product.data.id,
    is_thumbnail: input.is_thumbnail === true,
    sort_order: typeof input.sort_order === 'number' ? input.sort_order : product.images.length,
    description: typeof input.description === 'string' ? input.description : '',
    image_file: url.split('/').pop() ?? url,
    url_zoom: url,
    url_standard: url,
    url_thumbnail: url,
    url_tiny: url,
    date_modified: store.now(),
  }
}

/** Only one thumbnail per product; a sole image becomes the thumbnail (D-CAT). */
export function settleThumbnail(product: ProductRecord, preferred?: Json): void {
  const chosen = preferred?.is_thumbnail
    ? preferred
    : (product.images.find((image) => image.is_thumbnail) ?? product.images[0])
  for (const image of product.images) image.is_thumbnail = image === chosen
}

function resolveBrand(store: SandboxStore, input: Json): number | undefined {
  if (input.brand_id !== undefined && input.brand_name !== undefined) {
    fail(422, 'JSON data is missing or invalid', {brand_name: 'Send brand_id or brand_name, not both'})
  }
  if (typeof input.brand_id === 'number') {
    if (input.brand_id !== 0 && !store.data.brands.some((brand) => brand.id === input.brand_id)) {
      fail(409, 'The brand does not exist', {brand_id: `Brand ${input.brand_id} does not exist`})
    }
    return input.brand_id
  }
  return undefined
}

/** `brand_name` finds (case-insensitively) or creates the brand. Runs only once the request is valid. */
function applyBrandName(store: SandboxStore, input: Json): number | undefined {
  if (typeof input.brand_name !== 'string' || input.brand_name === '') return undefined
  const name = input.brand_name
  const found = store.data.brands.find((brand) => (brand.name as string).toLowerCase() === name.toLowerCase())
  if (found) return found.id as number
  const id = store.nextId('brand')
  store.data.brands.push(newBrand(id, name))
  return id
}

export function newBrand(id: number, name: string): Json {
  return {
    id,
    name,
    page_title: '',
    meta_keywords: [],
    meta_description: '',
    image_url: '',
    search_keywords: '',
    custom_url: {url: `/${slugify(name)}/`, is_customized: false},
  }
}

function checkCategories(store: SandboxStore, input: Json): void {
  if (!Array.isArray(input.categories)) return
  if (input.categories.length > 1000)
    fail(422, 'JSON data is missing or invalid', {categories: 'at most 1000 categories'})
  const known = new Set(store.data.categories.map((category) => category.category_id))
  for (const id of input.categories) {
    if (!known.has(id))
      fail(409, 'The category does not exist', {categories: `Category ${String(id)} does not exist`})
  }
}

/** POST /catalog/products: one product with inline variants, images and custom fields. */
export function createProduct(store: SandboxStore, input: Json): ProductRecord {
  assertFields(input, PRODUCT_RULES, {creating: true})
  store.assertProductNameFree(input.name as string)
  const pending = new Set<string>()
  if (typeof input.sku === 'string') store.assertSkuFree(input.sku, {productId: -1}, pending)
  resolveBrand(store, input)
  checkCategories(store, input)
  const variantInputs = input.variants === undefined ? [] : (input.variants as Json[])
  if (!Array.isArray(variantInputs))
    fail(422, 'JSON data is missing or invalid', {variants: 'must be an array'})
  if (variantInputs.length > MAX_VARIANTS_PER_PRODUCT)
    failWithDetail(422, 'Input is invalid', `A product can have at most ${MAX_VARIANTS_PER_PRODUCT} variants`)
  const combinations = new Set<string>()
  const variantRefs = variantInputs.map((variant) =>
    checkVariantInput(store, undefined, variant, pending, undefined, combinations),
  )
  checkValueCounts(variantRefs)
  const customFields =
    input.custom_fields === undefined ? [] : checkCustomFields(undefined, input.custom_fields)
  const images = input.images === undefined ? [] : checkImages(input.images)

  const now = store.now()
  const fields = pickFields(input, PRODUCT_RULES)
  delete fields.brand_name
  delete fields.inventory_level
  const id = store.nextId('product')
  const brandId = applyBrandName(store, input)
  const product: ProductRecord = {
    data: Object.assign(productDefaults(id), fields, brandId === undefined ? {} : {brand_id: brandId}, {
      custom_url: (fields.custom_url as Json | undefined) ?? {
        url: `/${slugify(input.name as string)}/`,
        is_customized: false,
      },
      name: input.name as string,
      sku: (input.sku as string | undefined) ?? '',
      date_created: now,
      date_modified: now,
      base_variant_id: null,
    }),
    variants: [],
    options: [],
    images: [],
    customFields: [],
    metafields: [],
  }
  if (variantInputs.length === 0) {
    const base: VariantRecord = {
      data: Object.assign(variantDefaults(), {
        id: store.nextId('variant'),
        product_id: id,
        sku: product.data.sku,
      }),
      optionValueIds: [],
      metafields: [],
    }
    product.variants.push(base)
    product.data.base_variant_id = base.data.id
  }
  store.indexProduct(product)
  variantInputs.forEach((variant, index) => addVariant(store, product, variant, variantRefs[index] ?? []))
  applyCustomFields(store, product, customFields)
  for (const image of images) product.images.push(buildImage(store, product, image))
  settleThumbnail(
    product,
    product.images.find((image) => image.is_thumbnail),
  )
  if (typeof input.inventory_level === 'number')
    writeStock(store, `p${id}`, DEFAULT_LOCATION_ID, {onhand: input.inventory_level})
  store.touch()
  return product
}

function checkValueCounts(refs: OptionValueRef[][]): void {
  const values = new Map<string, Set<string>>()
  for (const ref of refs.flat()) {
    if (ref.option_display_name === undefined) continue
    const set = values.get(ref.option_display_name) ?? new Set()
    set.add(ref.label ?? '')
    values.set(ref.option_display_name, set)
    if (set.size > MAX_VALUES_PER_OPTION)
      failWithDetail(422, 'Input is invalid', `An option can have at most ${MAX_VALUES_PER_OPTION} values`)
  }
}

/** Validates a product update completely; returns a function that applies it (so batches apply all or none). */
export function prepareProductUpdate(
  store: SandboxStore,
  product: ProductRecord,
  input: Json,
  pendingSkus: Set<string>,
  pendingNames: Set<string>,
): () => boolean {
  assertFields(input, PRODUCT_RULES, {creating: false})
  if (typeof input.name === 'string') {
    store.assertProductNameFree(input.name, product.data.id)
    const key = input.name.toLowerCase()
    if (pendingNames.has(key))
      fail(409, 'The product name is a duplicate', {name: `Product name "${input.name}" is not unique`})
    pendingNames.add(key)
  }
  if (typeof input.sku === 'string') store.assertSkuFree(input.sku, {productId: product.data.id}, pendingSkus)
  resolveBrand(store, input)
  checkCategories(store, input)
  const customFields =
    input.custom_fields === undefined ? [] : checkCustomFields(product, input.custom_fields)
  const images = input.images === undefined ? [] : checkImages(input.images)
  const variantUpdates = Array.isArray(input.variants) ? (input.variants as Json[]) : []
  for (const update of variantUpdates) {
    const existing = product.variants.find((variant) => variant.data.id === update.id)
    if (!existing)
      fail(422, 'JSON data is missing or invalid', {
        variants: `Variant ${String(update.id)} does not belong to the product`,
      })
    checkVariantInput(store, product, update, pendingSkus, existing)
  }
  return () => {
    const fields = pickFields(input, PRODUCT_RULES)
    delete fields.brand_name
    delete fields.inventory_level
    const brandId = applyBrandName(store, input)
    if (brandId !== undefined) fields.brand_id = brandId
    const before = {name: product.data.name, sku: product.data.sku}
    const trackingBefore = product.data.inventory_tracking
    let changed = applyChanges(product.data, fields)
    if (product.data.name !== before.name || product.data.sku !== before.sku) {
      store.renameProduct(product, before)
      const base = product.variants.find((variant) => variant.data.id === product.data.base_variant_id)
      if (base && base.data.sku !== product.data.sku) {
        const beforeSku = base.data.sku
        base.data.sku = product.data.sku
        store.reskuVariant(product, base, beforeSku)
      }
    }
    if (trackingBefore !== product.data.inventory_tracking) changed = true
    changed = applyCustomFields(store, product, customFields) || changed
    for (const image of images) {
      const existing = product.images.find((candidate) => candidate.id === image.id)
      if (existing)
        changed =
          applyChanges(
            existing,
            pickFields(image, {
              is_thumbnail: {type: 'boolean'},
              sort_order: {type: 'integer'},
              description: {type: 'string'},
            }),
          ) || changed
      else {
        product.images.push(buildImage(store, product, image))
        changed = true
      }
    }
    if (images.length > 0)
      settleThumbnail(
        product,
        images.find((image) => image.is_thumbnail === true) &&
          product.images.find((image) => image.is_thumbnail),
      )
    for (const update of variantUpdates) {
      const variant = product.variants.find((candidate) => candidate.data.id === update.id) as VariantRecord
      changed = updateVariant(store, product, variant, update) || changed
    }
    if (typeof input.inventory_level === 'number') {
      writeStock(store, `p${product.data.id}`, DEFAULT_LOCATION_ID, {onhand: input.inventory_level})
      changed = true
    }
    if (changed) {
      product.data.date_modified = store.now()
      store.touch()
    }
    return changed
  }
}

export function findOption(product: ProductRecord, id: number): OptionRecord | undefined {
  return product.options.find((option) => option.id === id)
}
