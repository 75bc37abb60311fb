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
  if (kind === 'price_list') {
    const list = pricing?.priceLists.find((candidate) => same(candidate.name, saved.key)) ?? null
    return pricingFingerprint('price_list', saved.key, list, live)
  }
  if (kind === 'price_list_assignment') {
    const found = pricing?.assignments.find((candidate) => same(assignmentKey(candidate), saved.key)) ?? null
    return pricingFingerprint(kind, saved.key, found, live)
  }
  const record = pricing?.records.find((candidate) => same(recordKey(candidate), saved.key)) ?? null
  return pricingFingerprint('price_record', saved.key, record, live)
}

/** Keys are shown in the catalog's spelling; the store may spell list names and SKUs in another case. */
function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}
