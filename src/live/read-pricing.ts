import type {DesiredState} from '../model/desired.js'
import type {LivePricing, LivePricingIds, PriceRecordModel} from '../model/price-list.js'
import type {StoreApi} from './store-api.js'

import {chunkListValues} from '../delta/batched-lookups.js'
import {customerGroupMatchKey, normaliseTiers, priceListMatchKey, roundPrice} from '../model/price-list.js'

interface CustomerGroupJson {
  id: number
  name: string
}
interface PriceListJson {
  id: number
  name: string
  active?: boolean
}
interface AssignmentJson {
  price_list_id: number
  customer_group_id?: number | null
}
interface RecordJson {
  sku?: string
  currency: string
  price: number
  sale_price?: number | null
  retail_price?: number | null
  bulk_pricing_tiers?: {quantity_min: number; quantity_max?: number | null; type: string; amount: number}[]
  date_created?: string
}

/**
 * Page size of `GET /v3/pricelists/{id}/records`: price_lists.v3.yml sets no maximum for `limit`; 1,000
 * matches the upsert batch, so a list costs as many reads as writes.
 */
export const RECORD_PAGE_LIMIT = 1000

/**
 * Reads the pricing side the catalog manages: the store's customer groups (a bare V2 array), the price
 * lists the catalog declares by name (others are never read further), their records with SKUs and bulk
 * tiers, and their assignments. Requests: 1 + 1 + 1 + ⌈records ÷ 1,000⌉ per declared list that exists.
 */
export async function readPricing(
  api: StoreApi,
  desired: DesiredState,
  /**
   * A delta's read: only the records modified since `modifiedSince`, and each list's count with how many
   * of those were created since `countedAt` (when the marker counted them), to tell deletions.
   */
  options: {modifiedSince?: string; countedAt?: string} = {},
): Promise<{pricing: LivePricing; ids: LivePricingIds; counts?: Record<string, RecordCount>}> {
  const declared = desired.priceLists ?? []
  const pricing: LivePricing = {priceLists: [], assignments: [], records: []}
  const ids: LivePricingIds = {priceLists: {}, customerGroups: {}}
  if (declared.length === 0) return {pricing, ids}

  const [groups, lists] = await Promise.all([
    api.listAll<CustomerGroupJson>('/v2/customer_groups', {}),
    api.listAll<PriceListJson>('/v3/pricelists', {}),
  ])

  // Group names as the catalog spells them: a configured id wins, else a case-insensitive name match.
  const groupNameById = new Map<number, string>()
  for (const group of groups) groupNameById.set(group.id, group.name)
  const storeIdByName = new Map(groups.map((group) => [customerGroupMatchKey(group.name), group.id]))
  for (const [name, id] of Object.entries(desired.customerGroupIds ?? {})) {
    const resolved = id ?? storeIdByName.get(customerGroupMatchKey(name))
    if (resolved !== undefined && groupNameById.has(resolved)) {
      groupNameById.set(resolved, name)
      ids.customerGroups[customerGroupMatchKey(name)] = resolved
    }
  }
  for (const group of groups) {
    const key = customerGroupMatchKey(group.name)
    const configured = desired.customerGroupIds ?? {}
    if (
      !(key in ids.customerGroups) &&
      !Object.keys(configured).some((n) => customerGroupMatchKey(n) === key)
    )
      ids.customerGroups[key] = group.id
  }

  const wanted = new Set(declared.map((list) => priceListMatchKey(list.list.name)))
  const managed = lists.filter((list) => wanted.has(priceListMatchKey(list.name)))
  const nameById = new Map<number, string>()
  for (const list of managed) {
    ids.priceLists[priceListMatchKey(list.name)] = list.id
    nameById.set(list.id, list.name)
    pricing.priceLists.push({name: list.name, active: list.active ?? true})
  }
  if (managed.length === 0) return {pricing, ids}

  const since = options.modifiedSince
  const created = new Map<string, number>()
  const [assignments, counted, ...recordPages] = await Promise.all([
    api.listAll<AssignmentJson>('/v3/pricelists/assignments', {
      query: {'price_list_id:in': managed.map((list) => list.id).join(',')},
    }),
    since === undefined ? undefined : Promise.all(managed.map((list) => countRecords(api, list.id))),
    // Records are mapped as their pages arrive: two lists of 600,000 are not held as sent.
    ...managed.map((list) =>
      api.listAll<RecordJson, PriceRecordModel | undefined>('/v3/pricelists/{price_list_id}/records', {
        params: {price_list_id: list.id},
        query: {
          include: 'bulk_pricing_tiers,sku',
          ...(since === undefined ? {} : {'date_modified:min': since}),
        },
        limit: RECORD_PAGE_LIMIT,
        map: (json) => {
          if (
            options.countedAt !== undefined &&
            Date.parse(json.date_created ?? '') >= Date.parse(options.countedAt)
          ) {
            const key = priceListMatchKey(list.name)
            created.set(key, (created.get(key) ?? 0) + 1)
          }
          return mapRecord(list.name, json)
        },
      }),
    ),
  ])
  const seen = new Set<string>()
  for (const assignment of assignments) {
    const list = nameById.get(assignment.price_list_id)
    const groupId = assignment.customer_group_id
    if (list === undefined || groupId === undefined || groupId === null) continue
    const group = groupNameById.get(groupId) ?? `#${groupId}`
    const key = `${list}\u0000${group}`
    if (seen.has(key)) continue
    seen.add(key)
    pricing.assignments.push({price_list: list, customer_group: group})
  }
  for (const records of recordPages as (PriceRecordModel | undefined)[][])
    for (const record of records) if (record) pricing.records.push(record)
  if (!counted) return {pricing, ids}
  const counts: Record<string, RecordCount> = {}
  managed.forEach((list, index) => {
    const key = priceListMatchKey(list.name)
    counts[key] = {total: counted[index] ?? 0, created: created.get(key) ?? 0}
  })
  return {pricing, ids, counts}
}

/** A price list's record count now, and how many of the records read were created since `countedAt`. */
export interface RecordCount {
  total: number
  created: number
}

/** A list's record count in one request (`limit=1`: the page's pagination total). */
export async function countRecords(api: StoreApi, listId: number): Promise<number> {
  const response = await api.request<{meta?: {pagination?: {total?: number}}}>(
    'GET',
    '/v3/pricelists/{price_list_id}/records',
    {params: {price_list_id: listId}, query: {limit: 1}},
  )
  return response.body.meta?.pagination?.total ?? 0
}

/**
 * The records of some products in the managed lists (`product_id:in`, price_lists.v3.yml), for a delta
 * that reads only the candidates' rows: ≤ 250 ids a request, every page of each.
 */
export async function readRecordsOfProducts(
  api: StoreApi,
  read: {pricing: LivePricing; ids: LivePricingIds},
  productIds: readonly number[],
): Promise<PriceRecordModel[]> {
  if (productIds.length === 0) return []
  const lists = read.pricing.priceLists.flatMap((list) => {
    const id = read.ids.priceLists[priceListMatchKey(list.name)]
    return id === undefined ? [] : [{id, name: list.name}]
  })
  const pages = await Promise.all(
    lists.flatMap((list) =>
      chunkListValues(productIds.map(String)).map((chunk) =>
        api.listAll<RecordJson, PriceRecordModel | undefined>('/v3/pricelists/{price_list_id}/records', {
          params: {price_list_id: list.id},
          query: {include: 'bulk_pricing_tiers,sku', 'product_id:in': chunk.join(',')},
          limit: RECORD_PAGE_LIMIT,
          map: (json) => mapRecord(list.name, json),
        }),
      ),
    ),
  )
  return pages.flat().filter((record): record is PriceRecordModel => record !== undefined)
}

/** A live record → the model: currency lower-case, absent prices null, tiers in normal form. */
export function mapRecord(priceList: string, json: RecordJson): PriceRecordModel | undefined {
  if (typeof json.sku !== 'string' || json.sku === '') return undefined
  return {
    price_list: priceList,
    sku: json.sku,
    currency: json.currency.toLowerCase(),
    price: roundPrice(json.price) ?? 0,
    sale_price: roundPrice(json.sale_price),
    retail_price: roundPrice(json.retail_price),
    tiers: normaliseTiers(json.bulk_pricing_tiers ?? []),
  }
}
