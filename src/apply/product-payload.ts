import {isDeepStrictEqual} from 'node:util'

import type {ProductModel} from '../model/product.js'

/** Resolves the model's keys (brand name, category path) to the store's ids at apply time. */
export interface IdResolver {
  brandId(name: string): number
  categoryId(path: string): number
}

/** The product fields that map one-to-one onto BigCommerce product fields. */
const SCALAR_FIELDS = [
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
] as const satisfies readonly (keyof ProductModel)[]

/**
 * The top-level model field a plan's field path belongs to: `custom_fields[Material]` → `custom_fields`,
 * `mapped.upc` → `mapped`, `images[0].url` → `images`.
 */
export function topField(path: string): string {
  const match = /^[^.[]+/.exec(path)
  return match ? match[0] : path
}

/**
 * The body of `POST /v3/catalog/products` for a new product: one product per call, images and custom
 * fields inline (bigcommerce-api.md §2). Metafields are not accepted inline; they follow in a batch.
 */
export function createProductBody(product: ProductModel, ids: IdResolver): Record<string, unknown> {
  const body: Record<string, unknown> = {sku: product.sku}
  for (const field of SCALAR_FIELDS) body[field] = product[field]
  Object.assign(body, product.mapped)
  body.brand_id = product.brand === null ? 0 : ids.brandId(product.brand)
  body.categories = product.categories.map((path) => ids.categoryId(path))
  body.images = product.images.map((image, index) => ({
    image_url: image.url,
    description: image.alt,
    is_thumbnail: index === 0,
    sort_order: index,
  }))
  body.custom_fields = product.custom_fields.map(({name, value}) => ({name, value}))
  return body
}

/**
 * The item of a batch `PUT /v3/catalog/products` for the changed top-level fields only: nothing is
 * rewritten that did not change. Images, custom fields and metafields have their own endpoints
 * (custom fields may go inline, but their removal cannot), so they are not part of this body.
 */
export function updateProductItem(
  id: number,
  after: ProductModel,
  changedFields: ReadonlySet<string>,
  ids: IdResolver,
): Record<string, unknown> | null {
  const item: Record<string, unknown> = {}
  for (const field of SCALAR_FIELDS) if (changedFields.has(field)) item[field] = after[field]
  if (changedFields.has('mapped')) Object.assign(item, after.mapped)
  if (changedFields.has('brand')) item.brand_id = after.brand === null ? 0 : ids.brandId(after.brand)
  if (changedFields.has('categories')) item.categories = after.categories.map((path) => ids.categoryId(path))
  return Object.keys(item).length === 0 ? null : {id, ...item}
}

/** The top-level fields whose values differ, for writing an adopted product found by SKU. */
export function changedTopFields(before: ProductModel, after: ProductModel): Set<string> {
  const fields = Object.keys(after) as (keyof ProductModel)[]
  return new Set(fields.filter((field) => !isDeepStrictEqual(before[field], after[field])))
}
