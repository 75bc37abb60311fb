/** Product creation (with inline variants, images, custom fields) and validated, all-or-nothing updates. */
import {fail, failWithDetail} from './api-errors.js'
import {applyCustomFields, checkCustomFields} from './custom-field-writes.js'
import {assertFields, pickFields} from './field-rules.js'
import {applyImages, buildImage, checkImages, settleThumbnail} from './image-writes.js'
import {PRODUCT_RULES, productDefaults, slugify, variantDefaults} from './product-fields.js'
import {applyBrandName, checkCategories, resolveBrand} from './product-references.js'
import type {SandboxStore} from './store.js'
import {applyChanges} from './store.js'
import type {Json, ProductRecord, VariantRecord} from './state.js'
import {DEFAULT_LOCATION_ID, writeStock} from './stock.js'
import type {OptionValueRef} from './variant-writes.js'
import {
  MAX_VALUES_PER_OPTION,
  MAX_VARIANTS_PER_PRODUCT,
  addVariant,
  checkVariantInput,
  updateVariant,
} from './variant-writes.js'

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
    changed = applyImages(store, product, images) || changed
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
