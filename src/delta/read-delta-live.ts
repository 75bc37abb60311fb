import type {DesiredState} from '../model/desired.js'
import type {LiveState} from '../model/live-state.js'
import type {Scope} from '../plan/plan.js'
import type {StoreApi} from '../live/store-api.js'

import {productMatchKey, scopeIncludes} from '../model/kinds.js'
import {OWNERSHIP_NAMESPACE} from '../model/ownership.js'
import {addVariants, mapSnapshot, PRODUCT_INCLUDES} from '../live/read-live-state.js'
import {
  READ_VARIANT_FIELDS,
  type BigCommerceVariantJson,
  type BigCommerceVariantMetafieldJson,
} from '../live/map-variants.js'
import {declaresVariants, type VariantSnapshot} from '../live/read-variants.js'
import {INVENTORY_PRODUCT_FIELDS, PRICING_PRODUCT_FIELDS} from '../live/read-scoped-state.js'
import {readInventory, type LiveInventory} from '../live/read-inventory.js'
import {readStockVariantIds} from '../live/read-stock-variants.js'
import {readPricing, readRecordsOfProducts, type RecordCount} from '../live/read-pricing.js'
import type {PriceRecordModel} from '../model/price-list.js'
import {PAGE_LIMIT} from '../live/read-store.js'
import {listByValues} from './batched-lookups.js'
import {structureIds, type StructureIds} from './structure-counts.js'

type Json = Record<string, unknown>

/** The part of the store a delta plan reads, and the SKUs it read (the selection the diff must use). */
export interface DeltaLive {
  live: LiveState
  /** Every SKU delta looked up or found modified (as spelled by the catalog or the store). */
  candidates: string[]
  /** SKUs of products the store modified (or whose managed metafields it modified) since `since`. */
  modifiedInStore: string[]
  /** The store's product count and highest product id now (deleted-product check). */
  productCount: number
  maxProductId: number
  /** Products modified since `since` whose id is above `knownMaxProductId`: created since the marker. */
  createdSince: number
  /** Ids of the store's brands and the tree's categories (read in full), when the scope reads them. */
  structure: StructureIds | null
  /** Price lists a narrow read read in full after all: they hold fewer records than counted. */
  rowsInFull: string[]
}

export interface DeltaReadOptions {
  scope: Scope
  treeId: number
  /** `date_modified:min`: a full ISO timestamp (a bare date would get the request's time appended, S-P). */
  since: string
  /** SKUs to read whatever their date: changed in git, failed last time. */
  skus: readonly string[]
  /** The highest product id when the marker was written: products above it were created since. */
  knownMaxProductId: number
  /**
   * Stock and price files unchanged since the marker: read only the candidates' stock and price records,
   * and the records modified in the store since `since` (an inventory change moves its product's
   * date_modified; a price record has its own). `counts` are the marker's record counts per list, counted
   * at `countedAt`: a list that lost records falls back to a full read of its records.
   */
  narrowRows?: {since: string; counts?: Record<string, number>; countedAt: string}
}

/**
 * The store as a delta plan sees it: every record that may differ from the catalog, and nothing else.
 *
 * - products modified since `since` (`GET /catalog/products?date_modified:min=`) — the store bumps a
 *   product's date_modified when it, its images, custom fields, options or stock change;
 * - products whose catalogctl or template metafields were modified since (`GET /catalog/products/metafields
 *   ?date_modified:min=`): a metafield write does not touch its product's date_modified;
 * - the products named by `skus` (`sku:in`, ≤ 250 a request), and their metafields (`resource_id:in`);
 * - brands and the category tree in full (small: one request per 250; the diff needs them to resolve
 *   names and paths), price lists and stock in full when the scope has them (src/live/read-pricing.ts,
 *   read-inventory.ts). Products whose price records or stock differ from the catalog are then read too,
 *   so the diff sees them exactly as a full plan would.
 */
export async function readDeltaLive(
  api: StoreApi,
  desired: DesiredState,
  options: DeltaReadOptions,
): Promise<DeltaLive> {
  const {scope} = options
  const slimFields =
    scope === 'pricing'
      ? PRICING_PRODUCT_FIELDS
      : scope === 'inventory'
        ? INVENTORY_PRODUCT_FIELDS
        : undefined
  const structure = !slimFields
  const namespaces = slimFields
    ? [OWNERSHIP_NAMESPACE]
    : [OWNERSHIP_NAMESPACE, ...desired.metafieldNamespaces]
  const productQuery = {
    ...(slimFields ? {} : {include: PRODUCT_INCLUDES.join(',')}),
    ...(slimFields ? {include_fields: slimFields.join(',')} : {}),
  }
  const none = Promise.resolve<Json[]>([])
  const narrow = options.narrowRows
  const pricingScope = scopeIncludes(scope, 'pricing')
  // Price records read narrowly only when the marker counted them (a deletion shows in the count).
  const pricingSince = pricingScope && narrow?.counts ? narrow : undefined
  const [modified, modifiedMetafields, counted, brands, categories, pricingRead, inventoryRead] =
    await Promise.all([
      api.listAll<Json>('/v3/catalog/products', {
        query: {...productQuery, 'date_modified:min': options.since},
        limit: PAGE_LIMIT,
      }),
      api.listAll<Json>('/v3/catalog/products/metafields', {
        query: {'namespace:in': namespaces.join(','), 'date_modified:min': options.since},
        limit: PAGE_LIMIT,
      }),
      countProducts(api),
      structure ? api.listAll<Json>('/v3/catalog/brands', {limit: PAGE_LIMIT}) : none,
      structure
        ? api.listAll<Json>('/v3/catalog/trees/categories', {
            query: {'tree_id:in': options.treeId},
            limit: PAGE_LIMIT,
          })
        : none,
      pricingScope
        ? readPricing(
            api,
            desired,
            pricingSince ? {modifiedSince: pricingSince.since, countedAt: pricingSince.countedAt} : {},
          )
        : undefined,
      // Narrowly: the locations now (the diff compares them), the candidates' items once they are known.
      scopeIncludes(scope, 'inventory')
        ? readInventory(api, desired, narrow ? {productIds: []} : {})
        : undefined,
    ])
  let pricing = pricingRead
  let pricingRows: 'all' | 'candidates' = pricingSince ? 'candidates' : 'all'
  const rowsInFull =
    pricing?.counts && narrow?.counts ? listsWithDeletions(narrow.counts, pricing.counts) : []
  if (rowsInFull.length > 0) {
    pricing = await readPricing(api, desired)
    pricingRows = 'all'
  }
  let inventory = inventoryRead
  const stockRows: 'all' | 'candidates' = narrow ? 'candidates' : 'all'

  const products = new Map<number, Json>()
  const keep = (items: Json[]): void => {
    for (const item of items) products.set(Number(item['id']), item)
  }
  keep(modified)
  const modifiedIds = new Set(products.keys())
  // Products whose managed metafields changed: read by id (their date_modified did not move).
  const metafieldOwners = unique(modifiedMetafields.map((item) => Number(item['resource_id'])))
  const readSkus = new Set<string>()
  const lookUp = async (skus: readonly string[], ids: readonly number[]): Promise<void> => {
    const known = new Set([...products.values()].map((item) => productMatchKey(String(item['sku'] ?? ''))))
    const wanted = skus.filter(
      (sku) => !known.has(productMatchKey(sku)) && !readSkus.has(productMatchKey(sku)),
    )
    for (const sku of skus) readSkus.add(productMatchKey(sku))
    const [bySku, byId] = await Promise.all([
      listByValues<Json>(api, '/v3/catalog/products', {list: 'sku:in', single: 'sku'}, wanted, productQuery),
      listByValues<Json>(
        api,
        '/v3/catalog/products',
        {list: 'id:in'},
        ids.filter((id) => !products.has(id)).map(String),
        productQuery,
      ),
    ])
    keep(bySku)
    keep(byId)
  }
  await lookUp(options.skus, metafieldOwners)

  const metafields = new Map<number, Json[]>()
  const readMetafields = async (): Promise<void> => {
    const ids = [...products.keys()].filter((id) => !metafields.has(id))
    for (const id of ids) metafields.set(id, [])
    const items = await listByValues<Json>(
      api,
      '/v3/catalog/products/metafields',
      {list: 'resource_id:in'},
      ids.map(String),
      {'namespace:in': namespaces.join(',')},
    )
    // Filter here too: a store that ignored `resource_id:in` would still only cost pages, not correctness.
    for (const item of items) metafields.get(Number(item['resource_id']))?.push(item)
  }
  await readMetafields()

  // The candidates' own stock and price records, when those are read narrowly.
  const rowsRead = new Set<number>()
  const readRows = async (): Promise<void> => {
    const ids = [...products.keys()].filter((id) => !rowsRead.has(id))
    for (const id of ids) rowsRead.add(id)
    if (ids.length === 0) return
    const [records, items] = await Promise.all([
      pricing && pricingRows === 'candidates' ? readRecordsOfProducts(api, pricing, ids) : [],
      stockRows === 'candidates' && scopeIncludes(scope, 'inventory')
        ? readInventory(api, desired, {
            productIds: ids,
            ...(inventory ? {locations: inventory.locations} : {}),
          })
        : undefined,
    ])
    if (pricing && records.length > 0)
      pricing.pricing.records = mergeRecords(pricing.pricing.records, records)
    if (items) inventory = inventory ? mergeInventory(inventory, items) : items
  }
  await readRows()

  const assemble = (): LiveState => {
    const live = mapSnapshot(
      {
        products: [...products.values()],
        brands,
        categories,
        productMetafields: [...metafields.values()].flat(),
      },
      desired,
      options.treeId,
    )
    attachPricingAndStock(live, pricing, inventory)
    return live
  }
  let live = assemble()
  // The products behind price records or stock that differ join the candidates. Rows read for the
  // candidates only are compared for the candidates only (and the records modified in the store).
  const extra: string[] = []
  const seen = new Set<string>()
  let productOfVariant: Map<string, string> | undefined
  // Rows read in full are compared once; rows read for the candidates again for the products that join.
  const rounds = pricingRows === 'candidates' || stockRows === 'candidates' ? 3 : 1
  for (let round = 0; round < rounds; round++) {
    const within = readScope(desired, [...products.values()], options.skus, live)
    const found = skusWithPricingOrStockDifferences(desired, live, {
      stockRead: inventory !== undefined,
      ...(pricingRows === 'candidates' ? {pricingWithin: within.pricing} : {}),
      ...(stockRows === 'candidates' ? {stockWithin: within.stock} : {}),
    }).filter((sku) => !live.ids.products[productMatchKey(sku)] && !seen.has(productMatchKey(sku)))
    if (found.length === 0) break
    for (const sku of found) seen.add(productMatchKey(sku))
    extra.push(...found)
    // A variant's record or stock: read its product, so the diff knows the variant exists.
    productOfVariant ??= new Map(
      (desired.variants ?? []).map((variant) => [productMatchKey(variant.model.sku), variant.model.product]),
    )
    const owners = productOfVariant
    await lookUp(
      found.map((sku) => owners.get(productMatchKey(sku)) ?? sku),
      [],
    )
    await readMetafields()
    await readRows()
    live = assemble()
  }

  // Variants of the products read, as a full plan reads them (read-variants.ts): by `product_id:in`. A
  // variant edit moves its product's date_modified, so an admin change to a variant makes it a candidate.
  if (scope !== 'inventory' && declaresVariants(desired))
    addVariants(live, await readVariantsOf(api, desired, [...products.keys()], scope), desired)
  // An inventory delta reads no variants: variant stock is addressed by the ids the items name.
  else if (inventory)
    live.ids.variants = await readStockVariantIds(api, desired, inventory, live.ids.products)

  const modifiedInStore = [...modifiedIds, ...metafieldOwners]
    .map((id) => products.get(id)?.['sku'])
    .filter((sku): sku is string => typeof sku === 'string' && sku !== '')
  const candidates = new Map<string, string>()
  for (const sku of [...options.skus, ...extra, ...modifiedInStore]) candidates.set(productMatchKey(sku), sku)
  for (const item of products.values()) {
    const sku = item['sku']
    if (typeof sku === 'string' && sku !== '' && !candidates.has(productMatchKey(sku)))
      candidates.set(productMatchKey(sku), sku)
  }
  return {
    live,
    candidates: [...candidates.values()].sort(),
    modifiedInStore: unique(modifiedInStore),
    productCount: counted.count,
    maxProductId: counted.maxId,
    createdSince: [...modifiedIds].filter((id) => id > options.knownMaxProductId).length,
    structure: structure ? structureIds(brands, categories, options.treeId) : null,
    rowsInFull,
  }
}

async function readVariantsOf(
  api: StoreApi,
  desired: DesiredState,
  productIds: readonly number[],
  scope: Scope,
): Promise<VariantSnapshot> {
  const variants = await listByValues<BigCommerceVariantJson>(
    api,
    '/v3/catalog/variants',
    {list: 'product_id:in'},
    productIds.map(String),
    {include_fields: READ_VARIANT_FIELDS.join(',')},
  )
  const namespaces = desired.variantMetafieldNamespaces ?? []
  const metafields =
    scopeIncludes(scope, 'products') && namespaces.length > 0 && variants.length > 0
      ? await listByValues<BigCommerceVariantMetafieldJson>(
          api,
          '/v3/catalog/variants/metafields',
          {list: 'resource_id:in'},
          variants.map((variant) => String(variant.id)),
          {'namespace:in': namespaces.join(',')},
        )
      : []
  return {variants, metafields}
}

/**
 * The store's product count and highest id in one request (`limit=1`, newest first: the page's
 * pagination total is the count). Ids only grow, so with the previous count and highest id a delta can
 * tell how many products were deleted: count now = count then − deleted + created (id > highest then).
 */
export async function countProducts(api: StoreApi): Promise<{count: number; maxId: number}> {
  const response = await api.request<{data?: Json[]; meta?: {pagination?: {total?: number}}}>(
    'GET',
    '/v3/catalog/products',
    {query: {limit: 1, sort: 'id', direction: 'desc', include_fields: 'sku'}},
  )
  const first = response.body.data?.[0]
  return {count: response.body.meta?.pagination?.total ?? 0, maxId: first ? Number(first['id']) : 0}
}

function attachPricingAndStock(
  live: LiveState,
  pricing: Awaited<ReturnType<typeof readPricing>> | undefined,
  inventory: LiveInventory | undefined,
): void {
  if (pricing) {
    live.pricing = pricing.pricing
    live.ids.pricing = pricing.ids
  }
  if (inventory) {
    live.locations = inventory.locations
    live.ids.locations = inventory.locationIds
    live.stock = inventory.stock
  }
}

/**
 * SKUs whose declared price records or stock differ from what the store holds (compared as data, before
 * the diff, because the diff skips records of products it did not read). Extra SKUs only cost reads.
 */
export function skusWithPricingOrStockDifferences(
  desired: DesiredState,
  live: LiveState,
  read: {
    stockRead: boolean
    /** Lower-cased SKUs whose price records were read (all when absent). */
    pricingWithin?: ReadonlySet<string>
    /** Lower-cased product SKUs whose stock was read (all when absent). */
    stockWithin?: ReadonlySet<string>
  },
): string[] {
  const skus: string[] = []
  if (live.pricing) {
    const liveRecords = new Map<string, string>()
    for (const record of live.pricing.records) {
      liveRecords.set(recordKey(record), recordValue(record))
    }
    const declared = new Set<string>()
    for (const list of desired.priceLists ?? []) {
      for (const record of list.records) {
        const key = recordKey(record)
        declared.add(key)
        if (read.pricingWithin && !read.pricingWithin.has(productMatchKey(record.sku))) continue
        if (liveRecords.get(key) !== recordValue(record)) skus.push(record.sku)
      }
    }
    for (const record of live.pricing.records) if (!declared.has(recordKey(record))) skus.push(record.sku)
  }
  if (read.stockRead) {
    const liveStock = new Map(
      live.stock.map((stock) => [`${productMatchKey(stock.sku)}@${stock.location}`, stock.quantity]),
    )
    for (const {model} of desired.stock) {
      const owner = model.product ?? model.sku
      if (read.stockWithin && !read.stockWithin.has(productMatchKey(owner))) continue
      if (liveStock.get(`${productMatchKey(model.sku)}@${model.location}`) !== model.quantity)
        skus.push(owner)
    }
  }
  return [...new Map(skus.map((sku) => [productMatchKey(sku), sku])).values()]
}

/**
 * What a narrow read covered: price records of the candidates (products read or looked up, their
 * variants) and of every record read (modified in the store); stock of the candidate products.
 */
function readScope(
  desired: DesiredState,
  products: readonly Json[],
  lookedUp: readonly string[],
  live: LiveState,
): {pricing: Set<string>; stock: Set<string>} {
  const stock = new Set([
    ...products.map((item) => productMatchKey(String(item['sku'] ?? ''))),
    ...lookedUp.map(productMatchKey),
  ])
  const pricing = new Set(stock)
  for (const variant of desired.variants ?? [])
    if (stock.has(productMatchKey(variant.model.product))) pricing.add(productMatchKey(variant.model.sku))
  for (const record of live.pricing?.records ?? []) pricing.add(productMatchKey(record.sku))
  return {pricing, stock}
}

/** Managed lists holding fewer records than the marker counted plus those created since: some were deleted. */
function listsWithDeletions(then: Record<string, number>, now: Record<string, RecordCount>): string[] {
  const lists = new Set([...Object.keys(then), ...Object.keys(now)])
  return [...lists]
    .filter((list) => {
      const count = now[list] ?? {total: 0, created: 0} // a list deleted in the store holds none
      return (then[list] ?? 0) + count.created - count.total > 0
    })
    .map((list) => `price list ${list}`)
}

function mergeRecords(into: PriceRecordModel[], more: readonly PriceRecordModel[]): PriceRecordModel[] {
  const byKey = new Map(into.map((record) => [recordKey(record), record]))
  for (const record of more) byKey.set(recordKey(record), record)
  return [...byKey.values()]
}

function mergeInventory(into: LiveInventory, more: LiveInventory): LiveInventory {
  const stock = new Map(into.stock.map((row) => [`${productMatchKey(row.sku)}@${row.location}`, row]))
  for (const row of more.stock) stock.set(`${productMatchKey(row.sku)}@${row.location}`, row)
  return {
    ...into,
    stock: [...stock.values()],
    productIdBySku: new Map([...into.productIdBySku, ...more.productIdBySku]),
    variantIdBySku: new Map([...into.variantIdBySku, ...more.variantIdBySku]),
  }
}

interface RecordLike {
  price_list: string
  sku: string
  currency: string
  price: number
  sale_price: number | null
  retail_price: number | null
  tiers: unknown[]
}

function recordKey(record: RecordLike): string {
  return `${record.price_list.toLowerCase()}\u0000${productMatchKey(record.sku)}\u0000${record.currency.toLowerCase()}`
}

function recordValue(record: RecordLike): string {
  return JSON.stringify([record.price, record.sale_price, record.retail_price, record.tiers])
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}
