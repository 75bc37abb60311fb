import type {LiveProductIds} from '../model/live-ids.js'
import type {ImageModel, InventoryTracking, MetafieldModel, ProductModel} from '../model/product.js'

import {coerceMappedValue, normaliseProduct, roundAmount} from '../model/normalise.js'
import {decodeOwnership, isOwnershipMetafield} from '../model/ownership.js'
import {checkProductJson} from './check-live-json.js'

/**
 * BigCommerce product JSON as returned by `GET /v3/catalog/products?include=variants,images,custom_fields`
 * (products_catalog.v3.yml `product_Full`). Only what the mapping reads is declared; real answers carry
 * ~70 fields, and numbers are sometimes null or '' (recorded responses: `preorder_release_date: ''`).
 */
export interface BigCommerceProductJson {
  id: number
  inventory_tracking?: string | null
  sku?: string | null
  name?: string | null
  type?: string | null
  description?: string | null
  brand_id?: number | null
  price?: number | string | null
  sale_price?: number | string | null
  cost_price?: number | string | null
  retail_price?: number | string | null
  weight?: number | string | null
  width?: number | string | null
  height?: number | string | null
  depth?: number | string | null
  is_visible?: boolean | null
  availability?: string | null
  categories?: number[] | null
  date_modified?: string | null
  images?: BigCommerceImageJson[] | null
  custom_fields?: BigCommerceCustomFieldJson[] | null
  [field: string]: unknown
}

export interface BigCommerceImageJson {
  id: number
  is_thumbnail?: boolean | null
  sort_order?: number | null
  description?: string | null
  image_url?: string | null
  url_standard?: string | null
  [field: string]: unknown
}

export interface BigCommerceCustomFieldJson {
  id: number
  name: string
  value: string
}

/** A product metafield (`GET /v3/catalog/products/metafields`, products_catalog.v3.yml `metafield_Full`). */
export interface BigCommerceMetafieldJson {
  id: number
  namespace: string
  key: string
  value: string
  resource_id?: number
  permission_set?: string
  [field: string]: unknown
}

export interface LiveProductContext {
  /** From the brands list (src/live/map-brands.ts). Brand id 0 means "no brand". */
  brandNameById: ReadonlyMap<number, string>
  /** From the category tree (src/live/map-categories.ts), static-map overrides applied. */
  categoryPathById: ReadonlyMap<number, string>
  /** This product's metafields, all namespaces we can see (the ownership marker among them). */
  metafields: readonly BigCommerceMetafieldJson[]
  /** Namespaces the template manages (DesiredState.metafieldNamespaces); others are not compared. */
  metafieldNamespaces: readonly string[]
  /** BigCommerce fields the template maps (DesiredState.mappedFields). */
  mappedFields: readonly string[]
}

export interface MappedLiveProduct {
  model: ProductModel
  ids: LiveProductIds
}

/** The product_Full fields mapLiveProduct reads into the model (besides the template's mapped fields). */
export const READ_PRODUCT_FIELDS = [
  'id',
  'sku',
  'name',
  'type',
  'description',
  'brand_id',
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
  'categories',
  'date_modified',
  'images',
  'custom_fields',
  'inventory_tracking',
] as const

const AVAILABILITY = new Set(['available', 'disabled', 'preorder'])

/**
 * One live product → the model + its server ids. Pure.
 *
 * - Images: display order is thumbnail first, then `sort_order`, then id. The URL is the source URL
 *   catalogctl remembered in the ownership marker for that image id, else `image_url` when the API
 *   returns it, else `url_standard` (the CDN copy) — so an image catalogctl did not upload shows as its
 *   CDN URL and an image it uploaded compares equal to the catalog's URL.
 * - Brand and category ids resolve through the context; an id the context does not know becomes `#<id>`,
 *   visible in the plan rather than silently dropped (apply replaces the whole category list).
 */
export function mapLiveProduct(json: BigCommerceProductJson, context: LiveProductContext): MappedLiveProduct {
  checkProductJson(json)
  const ownership = context.metafields.find(isOwnershipMetafield)
  const remembered = ownership ? decodeOwnership(ownership.value).images : {}

  const sortedImages = [...(json.images ?? [])].sort(
    (a, b) =>
      Number(Boolean(b.is_thumbnail)) - Number(Boolean(a.is_thumbnail)) ||
      (a.sort_order ?? 0) - (b.sort_order ?? 0) ||
      a.id - b.id,
  )
  const images: ImageModel[] = sortedImages.map((image) => ({
    url: remembered[String(image.id)] ?? nonEmpty(image.image_url) ?? nonEmpty(image.url_standard) ?? '',
    alt: image.description ?? '',
  }))

  const namespaces = new Set(context.metafieldNamespaces)
  const managedMetafields = context.metafields.filter(
    (metafield) => namespaces.has(metafield.namespace) && !isOwnershipMetafield(metafield),
  )
  const metafields: MetafieldModel[] = managedMetafields.map(({namespace, key, value, permission_set}) => ({
    namespace,
    key,
    value,
    permission_set: permission_set ?? 'app_only',
  }))

  const brandId = json.brand_id ?? 0
  const brand = brandId === 0 ? null : (context.brandNameById.get(brandId) ?? `#${brandId}`)

  const mapped: ProductModel['mapped'] = {}
  for (const field of context.mappedFields) mapped[field] = coerceMappedValue(field, json[field])

  const model = normaliseProduct({
    sku: json.sku ?? '',
    name: json.name ?? '',
    type: json.type === 'digital' ? 'digital' : 'physical',
    description: json.description ?? '',
    brand,
    price: roundAmount(json.price),
    sale_price: roundAmount(json.sale_price),
    cost_price: roundAmount(json.cost_price),
    retail_price: roundAmount(json.retail_price),
    weight: roundAmount(json.weight),
    width: roundAmount(json.width),
    height: roundAmount(json.height),
    depth: roundAmount(json.depth),
    is_visible: json.is_visible ?? true,
    availability: AVAILABILITY.has(json.availability ?? '')
      ? (json.availability as ProductModel['availability'])
      : 'available',
    categories: (json.categories ?? []).map((id) => context.categoryPathById.get(id) ?? `#${id}`),
    images,
    custom_fields: (json.custom_fields ?? []).map(({name, value}) => ({name, value})),
    metafields,
    mapped,
    ...trackingOf(json.inventory_tracking),
  })

  const customFieldIds: Record<string, number> = {}
  for (const field of json.custom_fields ?? [])
    customFieldIds[`${field.name.trim()}\u0000${field.value.trim()}`] = field.id
  const metafieldIds: Record<string, number> = {}
  for (const field of managedMetafields) metafieldIds[`${field.namespace}\u0000${field.key}`] = field.id

  return {
    model,
    ids: {
      id: json.id,
      date_modified: json.date_modified ?? '',
      imageIds: sortedImages.map((image) => image.id),
      customFieldIds,
      metafieldIds,
      ownershipMetafieldId: ownership ? ownership.id : null,
    },
  }
}

const TRACKING = new Set(['none', 'product', 'variant'])

function trackingOf(value: string | null | undefined): {inventory_tracking?: InventoryTracking} {
  return typeof value === 'string' && TRACKING.has(value)
    ? {inventory_tracking: value as InventoryTracking}
    : {}
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value
}
