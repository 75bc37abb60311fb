import type {LiveState} from '../model/live-state.js'
import type {Fingerprint} from './plan.js'

import {
  assignmentKey,
  customerGroupMatchKey,
  priceListMatchKey,
  recordKey,
  type PriceListAssignmentModel,
  type PriceListModel,
  type PriceRecordModel,
} from '../model/price-list.js'
import {fingerprintRecord} from './fingerprint.js'
import {firstBy} from '../collections/first-by.js'

/**
 * Fingerprints of the pricing records a plan touches. Records and assignments have no id of their own in
 * the model: they carry their price list's id, so a list deleted and re-created meanwhile is detected.
 */
export function pricingFingerprint(
  kind: 'customer_group' | 'price_list' | 'price_list_assignment' | 'price_record',
  key: string,
  record: PriceListModel | PriceListAssignmentModel | PriceRecordModel | null,
  live: LiveState,
): Fingerprint {
  if (record === null) return fingerprintRecord(kind, key, null)
  if (kind === 'customer_group') {
    const id = live.ids.pricing?.customerGroups[customerGroupMatchKey(key)]
    return fingerprintRecord(kind, key, id === undefined ? null : {record: {name: key}, id})
  }
  const listName = 'name' in record ? record.name : record.price_list
  const id = live.ids.pricing?.priceLists[priceListMatchKey(listName)]
  if (id === undefined) return fingerprintRecord(kind, key, null)
  return {...fingerprintRecord(kind, key, {record: record as never, id}), kind}
}

/** The fingerprint a saved plan's pricing record has in a fresh read. */
export function freshPricingFingerprint(saved: Fingerprint, live: LiveState): Fingerprint {
  const pricing = live.pricing
  const kind = saved.kind
  if (kind === 'customer_group') return pricingFingerprint(kind, saved.key, {name: saved.key} as never, live)
  const lookup = pricing ? pricingLookup(pricing) : undefined
  const key = spelling(saved.key)
  if (kind === 'price_list')
    return pricingFingerprint('price_list', saved.key, lookup?.lists.get(key) ?? null, live)
  if (kind === 'price_list_assignment')
    return pricingFingerprint(kind, saved.key, lookup?.assignments.get(key) ?? null, live)
  return pricingFingerprint('price_record', saved.key, lookup?.records.get(key) ?? null, live)
}

type LivePricing = NonNullable<LiveState['pricing']>
interface PricingLookup {
  lists: Map<string, LivePricing['priceLists'][number]>
  assignments: Map<string, LivePricing['assignments'][number]>
  records: Map<string, LivePricing['records'][number]>
}

/** Lists, assignments and records by key, built once per read: a saved plan may hold thousands of records. */
const pricingLookups = new WeakMap<LivePricing, PricingLookup>()

function pricingLookup(pricing: LivePricing): PricingLookup {
  let lookup = pricingLookups.get(pricing)
  if (!lookup) {
    lookup = {
      lists: firstBy(pricing.priceLists, (list) => spelling(list.name)),
      assignments: firstBy(pricing.assignments, (assignment) => spelling(assignmentKey(assignment))),
      records: firstBy(pricing.records, (record) => spelling(recordKey(record))),
    }
    pricingLookups.set(pricing, lookup)
  }
  return lookup
}

/** Keys are shown in the catalog's spelling; the store may spell list names and SKUs in another case. */
function spelling(key: string): string {
  return key.trim().toLowerCase()
}
