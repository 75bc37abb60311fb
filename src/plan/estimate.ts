import type {Change, FieldChange, RequestEstimate} from './plan.js'

import {estimatePricingWrites} from './estimate-pricing.js'
import {estimateVariantRequests} from './estimate-variants.js'
import {assertNever} from '../errors/user-error.js'
import {categoryDepth, fieldOfPath} from '../model/kinds.js'

/**
 * Request counts per API call, from bigcommerce-api.md (products_catalog.v3.yml and friends). The apply
 * executor uses the same sizes, so the estimate is the lower bound the benchmark compares against.
 */
export const BATCH_SIZES = {
  /** `PUT /v3/catalog/products`: max 10 products (413 above). */
  productUpdate: 10,
  /** `DELETE /v3/catalog/products?id:in=`: max 250. */
  productDelete: 250,
  /** `POST|PUT|DELETE /v3/catalog/products/metafields`: no documented cap; we send 50 per call. */
  metafields: 50,
  /** `POST /v3/catalog/trees/categories`: no documented cap; one call per depth, 50 per call. */
  categoryCreate: 50,
  /** `GET /v3/catalog/products?sku:in=` before creates (never a duplicate): 50 SKUs per call. */
  skuLookup: 50,
  /** `GET /v3/catalog/products?id:in=` to re-read fingerprinted records: 250 per page. */
  reread: 250,
  /** `PUT /v3/inventory/adjustments/absolute`: max 2,000 items, one location per request. */
  stockAdjustment: 2000,
} as const

export interface QuotaOptions {
  /** Requests per window (`X-Rate-Limit-Requests-Quota`); Standard/Plus stores have 150. */
  requestsPerWindow?: number
  /** `X-Rate-Limit-Time-Window-Ms`, 30,000 on every plan. */
  windowMs?: number
  /** Share of the quota left to other apps on the store (the client's reserve). */
  reserveShare?: number
}

const DEFAULT_QUOTA = {requestsPerWindow: 150, windowMs: 30_000, reserveShare: 0.1}

/**
 * The API requests `apply` will make for these changes, and how long they take at the quota:
 * - brands: one `POST /catalog/brands` each; categories: one batch POST per depth (parents first);
 * - product creates: one POST each (images and custom fields inline), SKU look-ups before them;
 * - product updates: core fields, categories, custom field values and hides ride `PUT /catalog/products`
 *   in tens; each removed custom field and each added or removed image is one call (changing an image's
 *   URL is remove + add, its alt text one PUT);
 * - metafields (the template's and the ownership marker, rewritten when images change) through the batch
 *   endpoint in fifties per operation;
 * - deletes: `DELETE /catalog/products?id:in=` in 250s;
 * - locations: one array POST for the new ones (and a GET for their ids), one array PUT for the rest;
 * - stock: `PUT /inventory/adjustments/absolute` in 2,000s per location.
 */
export function estimateRequests(changes: readonly Change[], quota: QuotaOptions = {}): RequestEstimate {
  let writes = 0
  let reads = 0
  let productPuts = 0
  let creates = 0
  let rereads = 0
  let deletes = 0
  const metafields = {create: 0, update: 0, delete: 0}
  const categoriesByDepth = new Map<number, number>()
  const stockByLocation = new Map<string, number>()
  const locations = {create: 0, update: 0}

  for (const change of changes) {
    switch (change.kind) {
      case 'brand':
        if (change.action === 'create') writes++
        break
      case 'category':
        if (change.action === 'create') {
          const depth = categoryDepth(change.key)
          categoriesByDepth.set(depth, (categoriesByDepth.get(depth) ?? 0) + 1)
        }
        break
      case 'product':
        switch (change.action) {
          case 'create':
            creates++
            writes++
            metafields.create += 1 + (change.after as {metafields: unknown[]}).metafields.length
            break
          case 'update': {
            rereads++
            const counts = countProductUpdate(change.fields)
            if (counts.inBatch) productPuts++
            writes += counts.singleCalls
            metafields.create += counts.metafieldCreates + (change.adopt ? 1 : 0)
            metafields.update += counts.metafieldUpdates + (counts.imagesChanged && !change.adopt ? 1 : 0)
            metafields.delete += counts.metafieldDeletes
            break
          }
          case 'delete':
            rereads++
            deletes++
            break
          default:
            assertNever(change, 'change')
        }
        break
      case 'location':
        if (change.action === 'create') locations.create++
        else if (change.action === 'update') locations.update++
        break
      case 'stock': {
        const location = (change.after as {location?: string} | null)?.location ?? ''
        if (change.action !== 'delete')
          stockByLocation.set(location, (stockByLocation.get(location) ?? 0) + 1)
        break
      }
      case 'customer_group':
      case 'price_list':
      case 'price_list_assignment':
      case 'price_record':
        // Counted per list below (estimate-pricing.ts).
        break
      case 'option':
      case 'variant':
        // Counted per product below (estimate-variants.ts).
        break
      default:
        assertNever(change.kind, 'kind')
    }
  }
  // Locations: one array POST (then one GET to learn the new ids), one array PUT.
  if (locations.create > 0) {
    writes++
    reads++
  }
  if (locations.update > 0) writes++
  for (const count of stockByLocation.values()) writes += Math.ceil(count / BATCH_SIZES.stockAdjustment)
  for (const count of categoriesByDepth.values()) writes += Math.ceil(count / BATCH_SIZES.categoryCreate)
  writes += Math.ceil(productPuts / BATCH_SIZES.productUpdate)
  writes += Math.ceil(deletes / BATCH_SIZES.productDelete)
  for (const count of Object.values(metafields)) writes += Math.ceil(count / BATCH_SIZES.metafields)
  writes += estimatePricingWrites(changes)
  const variantRequests = estimateVariantRequests(changes)
  writes += variantRequests.writes
  reads += variantRequests.reads
  reads += Math.ceil(creates / BATCH_SIZES.skuLookup) + Math.ceil(rereads / BATCH_SIZES.reread)

  const {requestsPerWindow, windowMs, reserveShare} = {...DEFAULT_QUOTA, ...quota}
  const usable = Math.max(1, requestsPerWindow * (1 - reserveShare))
  const seconds = Math.ceil((((reads + writes) / usable) * windowMs) / 100) / 10
  return {reads, writes, seconds}
}

interface UpdateCounts {
  inBatch: boolean
  singleCalls: number
  imagesChanged: boolean
  metafieldCreates: number
  metafieldUpdates: number
  metafieldDeletes: number
}

function countProductUpdate(fields: readonly FieldChange[]): UpdateCounts {
  const counts: UpdateCounts = {
    inBatch: false,
    singleCalls: 0,
    imagesChanged: false,
    metafieldCreates: 0,
    metafieldUpdates: 0,
    metafieldDeletes: 0,
  }
  for (const field of fields) {
    switch (fieldOfPath(field.path)) {
      case 'images':
        counts.imagesChanged = true
        if (field.path.endsWith('.url')) counts.singleCalls += 2
        else counts.singleCalls += 1
        break
      case 'metafields':
        if (field.before === null) counts.metafieldCreates++
        else if (field.after === null) counts.metafieldDeletes++
        else counts.metafieldUpdates++
        break
      case 'custom_fields': {
        const before = valueCount(field.before)
        const after = valueCount(field.after)
        counts.singleCalls += Math.max(0, before - after)
        if (after > 0) counts.inBatch = true
        break
      }
      default:
        counts.inBatch = true
    }
  }
  return counts
}

function valueCount(value: unknown): number {
  if (value === null || value === undefined) return 0
  return Array.isArray(value) ? value.length : 1
}
