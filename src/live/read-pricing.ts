import type {DesiredState} from '../model/desired.js'
import type {LivePricing, LivePricingIds, PriceRecordModel} from '../model/price-list.js'
import type {StoreApi} from './store-api.js'

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
): Promise<{pricing: LivePricing; ids: LivePricingIds}> {
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

  const [assignments, ...recordPages] = await Promise.all([
    api.listAll<AssignmentJson>('/v3/pricelists/assignments', {
      query: {'price_list_id:in': managed.map((list) => list.id).join(',')},
    }),
    // Records are mapped as their pages arrive: two lists of 600,000 are not held as sent.
    ...managed.map((list) =>
      api.listAll<RecordJson, PriceRecordModel | undefined>('/v3/pricelists/{price_list_id}/records', {
        params: {price_list_id: list.id},
        query: {include: 'bulk_pricing_tiers,sku'},
        limit: RECORD_PAGE_LIMIT,
        map: (json) => mapRecord(list.name, json),
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
  return {pricing, ids}
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
