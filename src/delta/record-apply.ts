import type {RecordResult} from '../apply/result.js'
import type {DesiredState} from '../model/desired.js'
import type {StoreApi} from '../live/store-api.js'
import type {Change, Plan, Scope} from '../plan/plan.js'

import {productMatchKey, scopeIncludes} from '../model/kinds.js'
import {OWNERSHIP_NAMESPACE} from '../model/ownership.js'
import {PAGE_LIMIT} from '../live/read-store.js'
import {listByValues} from './batched-lookups.js'
import {countProducts} from './read-delta-live.js'
import {readStoreTime} from './store-time.js'
import {readStructureCounts} from './structure-counts.js'
import {countRecords} from '../live/read-pricing.js'
import {priceListMatchKey} from '../model/price-list.js'
import {MARKER_VERSION, readStoreMarker, writeStoreMarker, type StoreMarker} from './store-marker.js'

/** Scopes a successful apply of `scope` brings in step: `all` covers the three others too. */
export function scopesCovered(scope: Scope): Scope[] {
  return scope === 'all' ? ['all', 'products', 'pricing', 'inventory'] : [scope]
}

export const NOT_IN_GIT = 'the catalog is not in a git repository'

/** The most failed SKUs a marker keeps (its value is ≤ 65,535 characters); more means a full read. */
export const MAX_RETRY_SKUS = 1000

/** How long before a saved plan's creation (catalogctl's clock) apply looks for others' edits. */
const CLOCK_SKEW_MS = 5 * 60_000

export interface RecordApplyInput {
  api: StoreApi
  desired: DesiredState
  plan: Plan
  results: readonly RecordResult[]
  /**
   * When the plan's read of the store began: the store's clock (`/v2/time`) when known, else
   * catalogctl's clock (a saved plan), then less a 5-minute allowance for skew.
   */
  readStartedAt: {storeTime: string} | {localTime: Date}
  /** Seconds before the read start to look for others' edits (the delta margin). */
  marginSeconds: number
  startedAt: Date
  version: string
  /** Why this apply must not advance the marker (a selection, a dirty tree, skipped stale records). */
  notAdvancing: string | null
  /** The catalog's product count (all of it, also when a narrow delta loaded only some files). */
  catalogProducts: number
  /** The category tree the catalog uses (categories.yaml `tree_id`). */
  treeId: number
}

export type MarkerOutcome =
  | {status: 'advanced'; scopes: Scope[]; commit: string}
  | {status: 'kept'; reason: string; retry: number}
  | {status: 'none'; reason: string}

/**
 * After an apply: advance the delta marker of the plan's scope when every record applied, or keep the
 * old one and add what failed to its retry list. Edits others made to the store while the apply ran
 * (products modified since the plan's read that the plan did not touch) are added to the retry list,
 * because the marker's time moves past them.
 */
export async function recordApplyInMarker(input: RecordApplyInput): Promise<MarkerOutcome> {
  const {api, plan} = input
  const failed = input.results.filter((result) => result.status !== 'applied')
  const failedSkus = skusOf(plan, failed)
  const scopes = scopesCovered(plan.scope)
  if (plan.catalog.commit === null) return {status: 'none', reason: NOT_IN_GIT}
  if (failed.length > 0 || input.notAdvancing !== null || plan.catalog.commit === null) {
    const reason =
      failed.length > 0 ? `${failed.length} record(s) did not apply` : (input.notAdvancing ?? NOT_IN_GIT)
    const reading = await readStoreMarker(api, plan.scope)
    if (!reading.found) return {status: 'none', reason}
    if (failedSkus.length === 0) return {status: 'kept', reason, retry: reading.marker.failed_skus.length}
    const retry = mergeSkus(reading.marker.failed_skus, failedSkus)
    const overflow = retry.length > MAX_RETRY_SKUS
    await writeStoreMarker(api, {
      ...reading.marker,
      failed_skus: overflow ? [] : retry,
      ...(overflow ? {full_read_required: `more than ${MAX_RETRY_SKUS} records failed to apply`} : {}),
    })
    return {status: 'kept', reason, retry: retry.length}
  }

  const storeTime = await readStoreTime(api)
  const touched = new Set(skusOf(plan, plan.changes).map(productMatchKey))
  const since =
    'storeTime' in input.readStartedAt
      ? new Date(Date.parse(input.readStartedAt.storeTime) - input.marginSeconds * 1000)
      : new Date(input.readStartedAt.localTime.getTime() - CLOCK_SKEW_MS)
  const others = (await productsEditedSince(api, input.desired, since)).filter(
    (sku) => !touched.has(productMatchKey(sku)),
  )
  const counted = await countProducts(api)
  const structure = scopeIncludes(plan.scope, 'products')
    ? await readStructureCounts(api, input.treeId)
    : null
  const priceRecords = scopeIncludes(plan.scope, 'pricing')
    ? await countPriceRecords(api, input.desired)
    : null
  const overflow = others.length > MAX_RETRY_SKUS
  const marker: StoreMarker = {
    v: MARKER_VERSION,
    scope: plan.scope,
    commit: plan.catalog.commit,
    started_at: input.startedAt.toISOString(),
    store_time: storeTime,
    catalogctl_version: input.version,
    failed_skus: overflow ? [] : others,
    product_count: counted.count,
    max_product_id: counted.maxId,
    catalog_products: input.catalogProducts,
    ...(structure ? {structure} : {}),
    ...('storeTime' in input.readStartedAt ? {read_started_at: input.readStartedAt.storeTime} : {}),
    ...(priceRecords ? {price_records: priceRecords} : {}),
    ...(overflow
      ? {full_read_required: `${others.length} products were edited in the store during the last apply`}
      : {}),
  }
  for (const scope of scopes) await writeStoreMarker(api, {...marker, scope})
  return {status: 'advanced', scopes, commit: plan.catalog.commit}
}

/** Each declared price list's record count in the store, by lower-cased name (lists it lacks count 0). */
async function countPriceRecords(api: StoreApi, desired: DesiredState): Promise<Record<string, number>> {
  const declared = new Set((desired.priceLists ?? []).map((list) => priceListMatchKey(list.list.name)))
  const counts: Record<string, number> = {}
  if (declared.size === 0) return counts
  const lists = await api.listAll<{id: number; name: string}>('/v3/pricelists', {})
  for (const key of declared) counts[key] = 0
  await Promise.all(
    lists
      .filter((list) => declared.has(priceListMatchKey(list.name)))
      .map(async (list) => {
        counts[priceListMatchKey(list.name)] = await countRecords(api, list.id)
      }),
  )
  return counts
}

/** SKUs of products (or of their managed metafields) modified since `since`. */
async function productsEditedSince(api: StoreApi, desired: DesiredState, since: Date): Promise<string[]> {
  const min = since.toISOString()
  const [products, metafields] = await Promise.all([
    api.listAll<{id: number; sku?: string}>('/v3/catalog/products', {
      query: {'date_modified:min': min, include_fields: 'sku'},
      limit: PAGE_LIMIT,
    }),
    api.listAll<{resource_id?: number | string; key?: string; namespace?: string}>(
      '/v3/catalog/products/metafields',
      {
        query: {
          'namespace:in': [OWNERSHIP_NAMESPACE, ...desired.metafieldNamespaces].join(','),
          'date_modified:min': min,
        },
        limit: PAGE_LIMIT,
      },
    ),
  ])
  const skus = products.map((product) => product.sku ?? '')
  const known = new Set(products.map((product) => product.id))
  const owners = [...new Set(metafields.map((item) => Number(item.resource_id)))].filter(
    (id) => !known.has(id),
  )
  if (owners.length > 0) {
    const byId = await listByValues<{id: number; sku?: string}>(
      api,
      '/v3/catalog/products',
      {list: 'id:in'},
      owners.map(String),
      {include_fields: 'sku'},
    )
    skus.push(...byId.map((product) => product.sku ?? ''))
  }
  return [...new Set(skus.filter((sku) => sku !== ''))].sort()
}

/** The product SKU behind a change or result: the product's key, a stock row's or a price record's SKU. */
function skusOf(plan: Plan, items: ReadonlyArray<{kind: string; key: string}>): string[] {
  const changes = new Map(plan.changes.map((change) => [`${change.kind}\u0000${change.key}`, change]))
  const skus: string[] = []
  for (const item of items) {
    const change: Change | undefined = changes.get(`${item.kind}\u0000${item.key}`)
    if (item.kind === 'product') skus.push(item.key)
    else {
      const record = (change?.after ?? change?.before) as {sku?: unknown} | null | undefined
      if (record && typeof record.sku === 'string') skus.push(record.sku)
    }
  }
  return skus
}

function mergeSkus(previous: readonly string[], added: readonly string[]): string[] {
  const merged = new Map<string, string>()
  for (const sku of [...previous, ...added]) merged.set(productMatchKey(sku), sku)
  return [...merged.values()].sort()
}
