import type {LiveProductIds} from '../model/live-ids.js'
import type {CustomFieldModel, ImageModel, MetafieldModel, ProductModel} from '../model/product.js'
import type {UpdateChange} from '../plan/plan.js'

import {UserError} from '../errors/user-error.js'
import {brandMatchKey} from '../model/kinds.js'
import {changedModelFields} from '../plan/changed-fields.js'

/**
 * The inverse of map-product.ts: model → BigCommerce request bodies (products_catalog.v3.yml
 * `product_Base_POST`, `product_Put_Collection`, `productImage_Post_Put`, metafield batch bodies). Pure.
 * Tested to round-trip through mapLiveProduct, so what apply writes reads back equal and the next plan
 * is empty.
 */
export interface BodyContext {
  /** Brand id by lower-cased name: the live brands plus those apply created. */
  brandIdByKey: Readonly<Record<string, number>>
  /** Category id by path: the live tree, plus categories.yaml `static` ids, plus those apply created. */
  categoryIdByPath: Readonly<Record<string, number>>
}

export type ProductBody = Record<string, unknown>

const CORE_FIELDS = [
  'name',
  'type',
  'description',
  'price',
  'sale_price',
  'cost_price',
  'retail_price',
  'weight',
  'width',
  'height',
  'depth',
  'is_visible',
  'availability',
] as const

/** `POST /v3/catalog/products`: one product, images and custom fields inline (metafields are separate). */
export function productCreateBody(model: ProductModel, context: BodyContext): ProductBody {
  const body: ProductBody = {sku: model.sku}
  for (const field of CORE_FIELDS) body[field] = model[field]
  Object.assign(body, brandBody(model.brand, context), model.mapped)
  body.categories = categoryIds(model.categories, model.sku, context)
  body.images = model.images.map((image, index) => imageBody(image, index))
  body.custom_fields = model.custom_fields.map(({name, value}) => ({name, value}))
  if (model.inventory_tracking !== undefined) body.inventory_tracking = model.inventory_tracking
  return body
}

/**
 * One item of `PUT /v3/catalog/products` (max 10 per call) for an update: `id` plus only the fields the
 * change writes. Custom fields ride along (an item with `id` updates, without creates); removals,
 * images and metafields need their own calls (customFieldRemovals, imageOperations,
 * metafieldOperations). Returns null when nothing goes through this endpoint.
 */
export function productUpdateBody(
  change: UpdateChange<'product'>,
  ids: LiveProductIds,
  context: BodyContext,
): ProductBody | null {
  const fields = new Set(changedModelFields(change))
  const body: ProductBody = {id: ids.id}
  for (const field of CORE_FIELDS) if (fields.has(field)) body[field] = change.after[field]
  if (fields.has('inventory_tracking')) body.inventory_tracking = change.after.inventory_tracking
  if (fields.has('brand')) Object.assign(body, brandBody(change.after.brand, context))
  if (fields.has('categories')) body.categories = categoryIds(change.after.categories, change.key, context)
  if (fields.has('mapped')) {
    for (const field of change.fields) {
      if (field.path.startsWith('mapped.')) body[field.path.slice('mapped.'.length)] = field.after
    }
  }
  if (fields.has('custom_fields')) {
    const upserts = customFieldOperations(change.before.custom_fields, ids, change.after.custom_fields).upsert
    if (upserts.length > 0) body.custom_fields = upserts
  }
  return Object.keys(body).length > 1 ? body : null
}

/**
 * Custom fields by name: a value changed in place keeps its id (updated inline), extra old values are
 * deleted (`DELETE …/custom-fields/{id}`, no batch endpoint exists), extra new values are created inline.
 */
export function customFieldOperations(
  before: readonly CustomFieldModel[],
  ids: Pick<LiveProductIds, 'customFieldIds'>,
  after: readonly CustomFieldModel[],
): {upsert: Array<{id?: number; name: string; value: string}>; remove: number[]} {
  const pair = (field: CustomFieldModel) => `${field.name}\u0000${field.value}`
  const afterPairs = new Set(after.map(pair))
  const beforePairs = new Set(before.map(pair))
  const removedByName = new Map<string, number[]>()
  for (const field of before) {
    if (afterPairs.has(pair(field))) continue
    const id = ids.customFieldIds[pair(field)]
    if (id !== undefined) removedByName.set(field.name, [...(removedByName.get(field.name) ?? []), id])
  }
  const upsert: Array<{id?: number; name: string; value: string}> = []
  for (const field of after) {
    if (beforePairs.has(pair(field))) continue
    const reuse = removedByName.get(field.name)?.shift()
    upsert.push(
      reuse === undefined
        ? {name: field.name, value: field.value}
        : {id: reuse, name: field.name, value: field.value},
    )
  }
  return {upsert, remove: [...removedByName.values()].flat()}
}

export interface ImageOperations {
  /** `DELETE /v3/catalog/products/{id}/images/{image_id}`. */
  remove: number[]
  /** `PUT …/images/{image_id}`: an image kept (same URL) whose position or alt text changed. */
  update: Array<{id: number; body: {sort_order: number; is_thumbnail: boolean; description: string}}>
  /** `POST …/images`: remember the returned id with `url` in the ownership marker. */
  add: Array<{url: string; body: ReturnType<typeof imageBody>}>
  /** Image id → source URL of the images kept; add the created ones, then encodeOwnership(). */
  kept: Record<number, string>
}

/**
 * Images matched by URL rather than position, so reordering or removing one image never re-uploads the
 * others. Position i gets `sort_order` i and the first is the thumbnail (map-product.ts reads the same).
 */
export function imageOperations(
  before: readonly ImageModel[],
  ids: Pick<LiveProductIds, 'imageIds'>,
  after: readonly ImageModel[],
): ImageOperations {
  const available = new Map<string, Array<{id: number; index: number}>>()
  before.forEach((image, index) => {
    const id = ids.imageIds[index]
    if (id !== undefined) available.set(image.url, [...(available.get(image.url) ?? []), {id, index}])
  })
  const operations: ImageOperations = {remove: [], update: [], add: [], kept: {}}
  after.forEach((image, index) => {
    const match = available.get(image.url)?.shift()
    if (!match) {
      operations.add.push({url: image.url, body: imageBody(image, index)})
      return
    }
    operations.kept[match.id] = image.url
    const old = before[match.index]
    if (match.index !== index || old?.alt !== image.alt) {
      operations.update.push({
        id: match.id,
        body: {sort_order: index, is_thumbnail: index === 0, description: image.alt},
      })
    }
  })
  for (const left of available.values()) operations.remove.push(...left.map((entry) => entry.id))
  return operations
}

/** The template's metafields: batch create / update / delete bodies for `/v3/catalog/products/metafields`. */
export function metafieldOperations(
  productId: number,
  before: readonly MetafieldModel[],
  ids: Pick<LiveProductIds, 'metafieldIds'>,
  after: readonly MetafieldModel[],
): {
  create: Array<{resource_id: number; namespace: string; key: string; value: string; permission_set: string}>
  update: Array<{id: number; value: string; permission_set?: string}>
  remove: number[]
} {
  const keyOf = (field: MetafieldModel) => `${field.namespace}\u0000${field.key}`
  const old = new Map(before.map((field) => [keyOf(field), field]))
  const wanted = new Set(after.map(keyOf))
  const result = {
    create: [] as Array<{
      resource_id: number
      namespace: string
      key: string
      value: string
      permission_set: string
    }>,
    update: [] as Array<{id: number; value: string; permission_set?: string}>,
    remove: [] as number[],
  }
  for (const field of after) {
    const previous = old.get(keyOf(field))
    const id = ids.metafieldIds[keyOf(field)]
    if (!previous || id === undefined) {
      result.create.push({resource_id: productId, ...field})
    } else if (previous.value !== field.value || previous.permission_set !== field.permission_set) {
      // Only what changed is sent: the permission rides along only when the template changed it.
      const permission =
        previous.permission_set === field.permission_set ? {} : {permission_set: field.permission_set}
      result.update.push({id, value: field.value, ...permission})
    }
  }
  for (const field of before) {
    const id = ids.metafieldIds[keyOf(field)]
    if (!wanted.has(keyOf(field)) && id !== undefined) result.remove.push(id)
  }
  return result
}

export function imageBody(
  image: ImageModel,
  index: number,
): {image_url: string; description: string; is_thumbnail: boolean; sort_order: number} {
  return {image_url: image.url, description: image.alt, is_thumbnail: index === 0, sort_order: index}
}

/**
 * `brand_id` when the brand is known; otherwise `brand_name`, which BigCommerce finds or creates with a
 * case-insensitive match (products_catalog.v3.yml: send one of the two, never both). null → brand_id 0.
 */
function brandBody(brand: string | null, context: BodyContext): {brand_id: number} | {brand_name: string} {
  if (brand === null) return {brand_id: 0}
  const id = context.brandIdByKey[brandMatchKey(brand)]
  return id === undefined ? {brand_name: brand} : {brand_id: id}
}

function categoryIds(paths: readonly string[], sku: string, context: BodyContext): number[] {
  const missing = paths.filter((path) => context.categoryIdByPath[path] === undefined && !/^#\d+$/.test(path))
  if (missing.length > 0) {
    throw new UserError(`No category id for ${missing.map((path) => `"${path}"`).join(', ')}`, {
      code: 'apply.category-unresolved',
      where: sku,
      hint: 'The category was not created (see its result above) or is missing from categories.yaml static.',
    })
  }
  return paths.map((path) => context.categoryIdByPath[path] ?? Number(path.slice(1)))
}
