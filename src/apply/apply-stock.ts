import type {Change, CreateChange, UpdateChange} from '../plan/plan.js'
import type {ApplyContext} from './context.js'

import {productMatchKey} from '../model/kinds.js'
import {awaitStockVisible, stockSettleMs, type WrittenLevel} from './await-stock.js'
import {chunk} from './context.js'
import {describeFailure, responseOf} from './failure.js'

/** inventory.v3.yml `AdjustmentsAbsoluteRequest`: at most 2,000 items a request. */
export const ADJUSTMENT_BATCH_SIZE = 2000
/** `GET /v3/catalog/products?sku:in=` for products created in this run: 50 SKUs a call. */
const SKU_LOOKUP_SIZE = 50
export const ADJUSTMENT_REASON = 'catalogctl apply'

type StockChange = CreateChange<'stock'> | UpdateChange<'stock'>

export interface AdjustmentItem {
  change: StockChange
  location_id: number
  product_id: number
  quantity: number
}

/**
 * Absolute adjustments in the API's sizes: grouped by location (one location per request, as D-INV
 * asks), at most 2,000 items each, in a stable order (location id, then SKU). Pure.
 */
export function adjustmentBatches(items: readonly AdjustmentItem[]): AdjustmentItem[][] {
  const byLocation = new Map<number, AdjustmentItem[]>()
  for (const item of items)
    byLocation.set(item.location_id, [...(byLocation.get(item.location_id) ?? []), item])
  return [...byLocation.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([, group]) => chunk(group, ADJUSTMENT_BATCH_SIZE))
}

/**
 * Stock: `PUT /v3/inventory/adjustments/absolute` with `product_id` (the products are tracked by product,
 * which the product step set), one request at a time — the docs warn against concurrent bulk inventory
 * writes, and the client serialises them per location anyway. A stock change is skipped when its
 * product or location failed. A 422 names the bad items (`items.N…`): those fail, the rest are sent again
 * once, so one bad line never blocks the others.
 */
export async function applyStockChanges(
  ctx: ApplyContext,
  changes: readonly StockChange[],
  dependencies: {products: readonly Change[]; locations: readonly Change[]},
  settleMs = stockSettleMs(),
): Promise<void> {
  const failedProducts = failedKeys(ctx, dependencies.products, productMatchKey)
  const failedLocations = failedKeys(ctx, dependencies.locations, (key) => key)
  const ready: StockChange[] = []
  for (const change of changes) {
    const {sku, location} = change.after
    if (failedProducts.has(productMatchKey(sku))) ctx.skip(change, `product ${sku} was not applied`)
    else if (failedLocations.has(location)) ctx.skip(change, `location ${location} was not applied`)
    else if (ctx.ids.locations[location] === undefined)
      ctx.skip(change, `location ${location} is not in the store`)
    else ready.push(change)
  }
  const productIds = await resolveProductIds(
    ctx,
    ready.map((change) => change.after.sku),
  )
  const items: AdjustmentItem[] = []
  for (const change of ready) {
    const productId = productIds.get(productMatchKey(change.after.sku))
    if (productId === undefined) {
      ctx.skip(change, `product ${change.after.sku} is not in the store`)
      continue
    }
    items.push({
      change,
      location_id: ctx.ids.locations[change.after.location] as number,
      product_id: productId,
      quantity: change.after.quantity,
    })
  }
  const sent: AdjustmentItem[] = []
  for (const batch of adjustmentBatches(items)) {
    if (ctx.stopping) {
      for (const item of batch) ctx.skip(item.change, 'apply was interrupted before this change started')
      continue
    }
    await sendAdjustment(ctx, batch, true, sent)
  }
  await recordWhenVisible(ctx, sent, settleMs)
}

/**
 * Records the accepted adjustments once the Inventory API shows them (await-stock.ts); a level still not
 * shown when the wait ends is a warning (accepted, not yet visible), never silently "applied".
 */
async function recordWhenVisible(ctx: ApplyContext, sent: AdjustmentItem[], settleMs: number): Promise<void> {
  let behind: WrittenLevel[] = []
  try {
    behind = await awaitStockVisible(ctx.api, sent, settleMs)
  } catch {
    // The writes were accepted; a failed re-read leaves them applied (the next plan reads them anyway).
  }
  const late = new Set(behind)
  for (const item of sent) {
    if (!late.has(item)) ctx.record(item.change, 'applied')
    else
      ctx.record(item.change, 'warning', {
        message: `accepted, but the Inventory API did not show quantity ${item.quantity} within ${settleMs / 1000} s (BigCommerce applies stock asynchronously); the next plan re-reads it`,
      })
  }
}

async function sendAdjustment(
  ctx: ApplyContext,
  batch: AdjustmentItem[],
  retry: boolean,
  sent: AdjustmentItem[],
): Promise<void> {
  try {
    await ctx.limit(() =>
      ctx.api.request('PUT', '/v3/inventory/adjustments/absolute', {
        body: {
          reason: ADJUSTMENT_REASON,
          items: batch.map(({location_id, product_id, quantity}) => ({location_id, product_id, quantity})),
        },
      }),
    )
    sent.push(...batch)
  } catch (error) {
    const failure = describeFailure(error)
    const bad = failure.status === 422 ? badItemIndexes(failure.body, batch.length) : new Set<number>()
    if (!retry || bad.size === 0 || bad.size === batch.length) {
      for (const item of batch) ctx.fail(item.change, error)
      return
    }
    const response = responseOf(failure)
    batch.forEach((item, index) => {
      if (bad.has(index))
        ctx.record(item.change, 'failed', {message: failure.message, ...(response ? {response} : {})})
    })
    await sendAdjustment(
      ctx,
      batch.filter((_, index) => !bad.has(index)),
      false,
      sent,
    )
  }
}

/** The item positions a 422 problem body names in `errors` (`items.3`, `items.3.location_id`). */
export function badItemIndexes(body: unknown, size: number): Set<number> {
  const indexes = new Set<number>()
  const errors = (body as {errors?: unknown} | null)?.errors
  if (typeof errors !== 'object' || errors === null) return indexes
  for (const key of Object.keys(errors)) {
    const match = /^items\.(\d+)(?:\.|$)/.exec(key)
    const index = match ? Number(match[1]) : Number.NaN
    if (Number.isInteger(index) && index < size) indexes.add(index)
  }
  return indexes
}

function failedKeys(
  ctx: ApplyContext,
  changes: readonly Change[],
  fold: (key: string) => string,
): Set<string> {
  const keys = new Set<string>()
  for (const change of changes) {
    const status = ctx.results.get(change)?.status
    if (status === 'failed' || status === 'skipped') keys.add(fold(change.key))
  }
  return keys
}

/** Product ids by SKU: known ones from the live read, the rest (created by this run) looked up. */
async function resolveProductIds(ctx: ApplyContext, skus: readonly string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  const missing = new Set<string>()
  for (const sku of skus) {
    const key = productMatchKey(sku)
    const known = ctx.ids.products[key]
    if (known) ids.set(key, known.id)
    else missing.add(sku)
  }
  for (const group of chunk([...missing], SKU_LOOKUP_SIZE)) {
    const found = await ctx.api.listAll<{id: number; sku?: string}>('/v3/catalog/products', {
      query: {'sku:in': group.join(','), include_fields: 'sku', limit: 250},
    })
    for (const product of found) if (product.sku) ids.set(productMatchKey(product.sku), product.id)
  }
  return ids
}
