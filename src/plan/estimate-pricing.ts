import type {Change} from './plan.js'

import {priceListMatchKey} from '../model/price-list.js'

/** The price-list endpoints' batch sizes (bigcommerce-api.md §9). */
export const PRICING_BATCH_SIZES = {
  /** `PUT /v3/pricelists/{id}/records`: at most 1,000 records, one request at a time per store. */
  recordUpsert: 1000,
  /** `DELETE /v3/pricelists/{id}/records?sku:in=`: SKUs per call, so the URL stays well under 8 KB. */
  recordDelete: 100,
  /** `POST /v3/pricelists/assignments`: at most 25 per call. */
  assignmentCreate: 25,
} as const

/**
 * Writes for the pricing changes: a price list create or update is one call; records are upserted per
 * list in thousands and deleted per list in hundreds; assignments are created per list in 25s and
 * deleted with one filtered DELETE per list.
 */
export function estimatePricingWrites(changes: readonly Change[]): number {
  let writes = 0
  const perList = new Map<string, {upserts: number; deletes: number; assign: number; unassign: number}>()
  const countsOf = (list: string) => {
    const key = priceListMatchKey(list)
    const counts = perList.get(key) ?? {upserts: 0, deletes: 0, assign: 0, unassign: 0}
    perList.set(key, counts)
    return counts
  }
  for (const change of changes) {
    if (change.kind === 'customer_group' || change.kind === 'price_list') {
      if (change.action !== 'delete') writes++
    } else if (change.kind === 'price_record') {
      const typed = change as Change<'price_record'>
      const list = (typed.after ?? typed.before).price_list
      if (change.action === 'delete') countsOf(list).deletes++
      else countsOf(list).upserts++
    } else if (change.kind === 'price_list_assignment') {
      const typed = change as Change<'price_list_assignment'>
      const list = (typed.after ?? typed.before).price_list
      if (change.action === 'delete') countsOf(list).unassign++
      else countsOf(list).assign++
    }
  }
  for (const counts of perList.values()) {
    writes += Math.ceil(counts.upserts / PRICING_BATCH_SIZES.recordUpsert)
    writes += Math.ceil(counts.deletes / PRICING_BATCH_SIZES.recordDelete)
    writes += Math.ceil(counts.assign / PRICING_BATCH_SIZES.assignmentCreate)
    writes += counts.unassign > 0 ? 1 : 0
  }
  return writes
}
