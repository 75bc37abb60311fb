import {fail, notFound, tooLarge} from '../api-errors.js'
import {checkFields} from '../field-rules.js'
import type {FieldRules} from '../field-rules.js'
import type {ApiRequest, RouteDefinition} from '../http-types.js'
import {dateParam, intListParam, listParam, objectBody, PageWindow, paginate, readPage} from '../listing.js'
import type {SandboxStore} from '../store.js'
import {priceKey} from '../store.js'
import type {Json, PriceRecord} from '../state.js'
import {findPriceList} from './price-lists.js'

const BASE = '/v3/pricelists/{price_list_id}/records'
/** S-PL upsertPriceListRecords: at most 1,000 records per request. */
const MAX_UPSERT = 1000

const PRICE_RULES: FieldRules = {
  price: {type: 'number', min: 0},
  sale_price: {type: 'number', min: 0, nullable: true},
  retail_price: {type: 'number', min: 0, nullable: true},
  map_price: {type: 'number', min: 0, nullable: true},
  bulk_pricing_tiers: {type: 'array'},
  currency: {type: 'string', min: 3, max: 3},
}

function render(record: PriceRecord, include: Set<string>): Json {
  const {sku, bulk_pricing_tiers: tiers, ...rest} = record
  const out: Json = {...rest, calculated_price: (record.sale_price as number | null) ?? record.price}
  if (include.has('sku')) out.sku = sku
  if (include.has('bulk_pricing_tiers')) out.bulk_pricing_tiers = tiers ?? []
  return out
}

/** The list filters of S-PL getPriceListRecordCollection (and of the bulk delete) as one predicate. */
function recordFilter(request: ApiRequest, listId: number): (record: PriceRecord) => boolean {
  const q = request.query
  const variants = intListParam(q, 'variant_id:in')
  const products = intListParam(q, 'product_id:in')
  const skus = (listParam(q, 'sku:in') ?? listParam(q, 'sku'))?.map((sku) => sku.toLowerCase())
  const skuSet = skus ? new Set(skus) : undefined
  const currencies = (listParam(q, 'currency:in') ?? listParam(q, 'currency'))?.map((currency) =>
    currency.toLowerCase(),
  )
  const now = new Date()
  const modifiedMin = dateParam(q, 'date_modified:min', now)
  const modifiedMax = dateParam(q, 'date_modified:max', now)
  const modifiedAt = (record: PriceRecord): number => Date.parse(String(record.date_modified))
  return (record) =>
    (modifiedMin === undefined || modifiedAt(record) >= modifiedMin) &&
    (modifiedMax === undefined || modifiedAt(record) <= modifiedMax) &&
    record.price_list_id === listId &&
    (!variants || variants.has(record.variant_id)) &&
    (!products || products.has(record.product_id)) &&
    (!skuSet || skuSet.has(record.sku.toLowerCase())) &&
    (!currencies || currencies.includes(record.currency))
}

/** A list's records, gathered once per write rather than once per page: two lists hold 1.2 million. */
function recordsOfList(store: SandboxStore, listId: number): PriceRecord[] {
  return store.derived(`price-records:${listId}`, () =>
    store.data.priceRecords.filter((record) => record.price_list_id === listId),
  )
}

/** Resolves `variant_id` or `sku` to a variant; returns field errors instead of throwing (non-strict batch). */
type Resolved =
  {ok: true; variantId: number; productId: number; sku: string} | {ok: false; errors: Record<string, string>}

function resolveVariant(store: SandboxStore, item: Json): Resolved {
  if (typeof item.variant_id === 'number') {
    const found = store.variant(item.variant_id)
    return found
      ? {ok: true, variantId: item.variant_id, productId: found.product.data.id, sku: found.variant.data.sku}
      : {ok: false, errors: {variant_id: 'Variant does not exist'}}
  }
  if (typeof item.sku === 'string') {
    const owner = store.skuOwner(item.sku)
    const product = owner ? store.products.get(owner.productId) : undefined
    const variantId = owner?.variantId ?? (product?.data.base_variant_id as number | null | undefined)
    if (!product || variantId === undefined || variantId === null) {
      // S-PL: "don't include records for the parent product SKU" of a product with variants.
      return {
        ok: false,
        errors: {sku: product ? 'SKU is the parent of a product with variants' : 'SKU does not exist'},
      }
    }
    return {ok: true, variantId, productId: product.data.id, sku: item.sku}
  }
  return {ok: false, errors: {variant_id: 'Either variant_id or sku is required'}}
}

function upsertOne(
  store: SandboxStore,
  listId: number,
  item: Json,
  now: string,
): Record<string, string> | undefined {
  const errors = checkFields(item, PRICE_RULES, {creating: false})
  if (typeof item.currency !== 'string') errors.currency = 'currency is required'
  const target = resolveVariant(store, item)
  if (!target.ok) return {...errors, ...target.errors}
  if (Object.keys(errors).length > 0) return errors
  // Currency codes come back lowercase, as in the recorded price list records.
  const currency = (item.currency as string).toLowerCase()
  const key = priceKey(listId, target.variantId, currency)
  const index = store.priceIndex()
  const existing = index.get(key)
  if (!existing && typeof item.price !== 'number') return {price: 'price is required for a new record'}
  const record: PriceRecord = existing ?? {
    price_list_id: listId,
    variant_id: target.variantId,
    product_id: target.productId,
    sku: target.sku,
    currency,
    price: 0,
    sale_price: null,
    retail_price: null,
    map_price: null,
    bulk_pricing_tiers: [],
    date_created: now,
    date_modified: now,
  }
  let changed = !existing
  for (const field of ['price', 'sale_price', 'retail_price', 'map_price', 'bulk_pricing_tiers'] as const) {
    if (item[field] !== undefined && JSON.stringify(record[field]) !== JSON.stringify(item[field])) {
      record[field] = item[field]
      changed = true
    }
  }
  if (changed) record.date_modified = now
  if (!existing) {
    store.data.priceRecords.push(record)
    index.set(key, record)
  }
  return undefined
}

function recordsOfVariant(store: SandboxStore, request: ApiRequest): PriceRecord[] {
  const listId = findPriceList(store, request.params.price_list_id).id as number
  const variantId = Number(request.params.variant_id)
  return store.data.priceRecords.filter(
    (record) => record.price_list_id === listId && record.variant_id === variantId,
  )
}

function removeRecords(store: SandboxStore, doomed: Set<PriceRecord>): void {
  store.data.priceRecords = store.data.priceRecords.filter((record) => !doomed.has(record))
  store.invalidatePriceIndex()
  store.touch()
}

export const priceListRecordRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: BASE,
    scope: 'products',
    handler: (request, store) => {
      const listId = findPriceList(store, request.params.price_list_id).id as number
      const include = new Set(listParam(request.query, 'include') ?? [])
      const matches = recordFilter(request, listId)
      const window = new PageWindow<PriceRecord>(readPage(request.query, 50, 1000))
      for (const record of recordsOfList(store, listId)) if (matches(record)) window.offer(record)
      const page = window.result()
      return {status: 200, body: {data: page.data.map((record) => render(record, include)), meta: page.meta}}
    },
  },
  {
    method: 'PUT',
    template: BASE,
    scope: 'products',
    // S-PL intro and D-PL: only one bulk upsert at a time per store; more answer 429.
    concurrency: 1,
    handler: (request, store) => {
      const listId = findPriceList(store, request.params.price_list_id).id as number
      if (!Array.isArray(request.body))
        fail(422, 'The request body must be a JSON array.', {body: 'must be an array'})
      if (request.body.length > MAX_UPSERT) tooLarge(MAX_UPSERT)
      const now = store.now()
      const batchErrors: Json[] = []
      for (const item of request.body as Json[]) {
        // Non-strict mode (D-PL): valid records are saved, invalid ones come back in batch_errors.
        const errors =
          typeof item === 'object' && item !== null
            ? upsertOne(store, listId, item, now)
            : {item: 'must be an object'}
        if (errors) {
          batchErrors.push({
            data: {
              price_list_id: listId,
              variant_id: item?.variant_id,
              sku: item?.sku,
              currency: item?.currency,
            },
            field_errors: errors,
          })
        }
      }
      store.touch()
      if (batchErrors.length > 0) return {status: 422, body: {batch_errors: batchErrors}}
      return {status: 200, body: {data: {}, meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: BASE,
    scope: 'products',
    handler: (request, store) => {
      const listId = findPriceList(store, request.params.price_list_id).id as number
      removeRecords(store, new Set(recordsOfList(store, listId).filter(recordFilter(request, listId))))
      return {status: 204}
    },
  },
  {
    method: 'GET',
    template: `${BASE}/{variant_id}`,
    scope: 'products',
    handler: (request, store) => ({
      status: 200,
      body: paginate(
        recordsOfVariant(store, request).map((record) => render(record, new Set())),
        readPage(request.query, 50, 250),
      ),
    }),
  },
  {
    method: 'GET',
    template: `${BASE}/{variant_id}/{currency_code}`,
    scope: 'products',
    handler: (request, store) => {
      const currency = (request.params.currency_code as string).toLowerCase()
      const record = recordsOfVariant(store, request).find((candidate) => candidate.currency === currency)
      if (!record) notFound('The price record was not found.')
      return {status: 200, body: {data: render(record, new Set()), meta: {}}}
    },
  },
  {
    method: 'PUT',
    template: `${BASE}/{variant_id}/{currency_code}`,
    scope: 'products',
    handler: (request, store) => {
      const listId = findPriceList(store, request.params.price_list_id).id as number
      const variantId = Number(request.params.variant_id)
      const currency = (request.params.currency_code as string).toLowerCase()
      const errors = upsertOne(
        store,
        listId,
        {...objectBody(request.body), variant_id: variantId, currency},
        store.now(),
      )
      if (errors) fail(422, 'JSON data is missing or invalid', errors)
      store.touch()
      const record = store.priceIndex().get(priceKey(listId, variantId, currency)) as PriceRecord
      return {status: 200, body: {data: render(record, new Set()), meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: `${BASE}/{variant_id}/{currency_code}`,
    scope: 'products',
    handler: (request, store) => {
      const currency = (request.params.currency_code as string).toLowerCase()
      removeRecords(
        store,
        new Set(recordsOfVariant(store, request).filter((record) => record.currency === currency)),
      )
      return {status: 204}
    },
  },
]
