import type {Change} from './plan.js'
import type {OptionModel, VariantModel} from '../model/variant.js'

import {productMatchKey} from '../model/kinds.js'

/** `PUT /v3/catalog/variants`: "Currently the limit is 50 variants" (S-V `updateVariantsBatch`). */
export const VARIANT_BATCH_SIZE = 50
/** Variant metafields go through `/v3/catalog/variants/metafields` in fifties, like product metafields. */
const METAFIELD_BATCH_SIZE = 50

/**
 * Requests apply makes for option and variant changes (src/apply/apply-variants.ts):
 * - variants of a product the plan creates ride its POST (0 requests);
 * - per existing product with option or variant creates: one `GET .../options` (read);
 * - each option created, value added or renamed, option or variant deleted: one request;
 * - variant creates (existing products, replaced variants included) and updates: `PUT /catalog/variants`
 *   in fifties; variant metafields: the batch endpoint in fifties per operation.
 */
export function estimateVariantRequests(changes: readonly Change[]): {reads: number; writes: number} {
  const created = new Set(
    changes
      .filter((change) => change.kind === 'product' && change.action === 'create')
      .map((change) => productMatchKey(change.key)),
  )
  const productsReading = new Set<string>()
  let writes = 0
  let batched = 0
  const metafields = {create: 0, update: 0, delete: 0}
  for (const change of changes) {
    if (change.kind === 'option') {
      const option = (change.after ?? change.before) as OptionModel
      const product = productMatchKey(option.product)
      if (created.has(product)) continue
      productsReading.add(product)
      if (change.action === 'update') writes += change.fields.length
      else writes++
    } else if (change.kind === 'variant') {
      const variant = (change.after ?? change.before) as VariantModel
      const product = productMatchKey(variant.product)
      if (created.has(product) && change.action === 'create') {
        metafields.create += variant.metafields.length
        continue
      }
      if (change.action === 'delete') {
        writes++
        continue
      }
      if (change.action === 'create' || change.replace !== undefined) {
        productsReading.add(product)
        if (change.replace !== undefined) writes++
      }
      const priceOrContent =
        change.action === 'create' || change.fields.some((f) => !f.path.startsWith('metafields'))
      if (priceOrContent || change.replace !== undefined) batched++
      for (const field of change.fields) {
        if (!field.path.startsWith('metafields')) continue
        if (field.before === null) metafields.create++
        else if (field.after === null) metafields.delete++
        else metafields.update++
      }
      if (change.action === 'create') metafields.create += variant.metafields.length
    }
  }
  writes += Math.ceil(batched / VARIANT_BATCH_SIZE)
  for (const count of Object.values(metafields)) writes += Math.ceil(count / METAFIELD_BATCH_SIZE)
  return {reads: productsReading.size, writes}
}
