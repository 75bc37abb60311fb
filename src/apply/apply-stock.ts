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
  /** The product (of the variant): the settle wait re-reads items by it. */
  product_id: number
  /**
   * Set for a variant's stock: the item is addressed by `variant_id` (its product tracks by variant),
   * otherwise by `product_id` — inventory.v3.yml answers 422 when the identity and the tracking mode differ.
   */
  variant_id?: number
  quantity: number
}

/**
 * Absolute adjustments in the API's sizes: grouped by location (one location per request, as D-INV
 * asks), at most 2,000 items each, in a stable order (location id, then SKU). Pure.
 */
export function adjustmentBatches(items: readonly AdjustmentItem[]): AdjustmentItem[][] {
  const byLocation = new Map<number, AdjustmentItem[]>()
  for (const item of items) {
    const group = byLocation.get(item.location_id)
    if (group) group.push(item)
    else byLocation.set(item.location_id, [item])
  }
  return [...byLocation.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([, group]) => chunk(group, ADJUSTMENT_BATCH_SIZE))
}

/**
 * Stock: `PUT /v3/inventory/adjustments/absolute`, a variant's level by `variant_id` and a product's by
 * `product_id` (the product step set each product's tracking mode to match), one request at a time — the
 * docs warn against concurrent bulk inventory writes, and the client serialises them per location anyway.
 * A stock change is skipped when its product, its variant or its location failed. Ids the live read did
 * not know (products and variants this run created, variants it replaced) are looked up once. A 422 names
 * the bad items (`items.N…`): those fail, the rest are sent again once, so one bad line never blocks the
 * others.
 */
export async function applyStockChanges(
  ctx: ApplyContext,
  changes: readonly StockChange[],
  dependencies: {products: readonly Change[]; locations: readonly Change[]; variants?: readonly Change[]},
  settleMs = stockSettleMs(),
): Promise<void> {
  const failedProducts = failedKeys(ctx, dependencies.products, productMatchKey)
  const failedLocations = failedKeys(ctx, dependencies.locations, (key) => key)
  const variantChanges = dependencies.variants ?? []
  const failedVariants = failedKeys(ctx, variantChanges, productMatchKey)
  const ready: StockChange[] = []
  for (const change of changes) {
    const {sku, location} = change.after
    const product = change.after.product ?? sku
    if (failedProducts.has(productMatchKey(product))) ctx.skip(change, `product ${product} was not applied`)
    else if (failedVariants.has(productMatchKey(sku))) ctx.skip(change, `variant ${sku} was not applied`)
    else if (failedLocations.has(location)) ctx.skip(change, `location ${location} was not applied`)
    else if (ctx.ids.locations[location] === undefined)
      ctx.skip(change, `location ${location} is not in the store`)
    else ready.push(change)
  }
  const productIds = await resolveProductIds(
    ctx,
    ready.map((change) => change.after.product ?? change.after.sku),
  )
  const variantIds = await resolveVariantIds(ctx, ready, productIds, recreatedVariants(variantChanges))
  const items: AdjustmentItem[] = []
  for (const change of ready) {
    const product = change.after.product ?? change.after.sku
    const productId = productIds.get(productMatchKey(product))
    if (productId === undefined) {
      ctx.skip(change, `product ${product} is not in the store`)
      continue
    }
    const item: AdjustmentItem = {
      change,
      location_id: ctx.ids.locations[change.after.location] as number,
      product_id: productId,
      quantity: change.after.quantity,
    }
    if (change.after.product !== undefined) {
      const variantId = variantIds.get(productMatchKey(change.after.sku))
      if (variantId === undefined) {
        ctx.skip(change, `variant ${change.after.sku} is not in the store`)
        continue
      }
      item.variant_id = variantId
    }
    items.push(item)
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

/** An adjustment item as inventory.v3.yml `AdjustmentsAbsoluteRequest` takes it: one identity each. */
export function adjustmentBody(item: AdjustmentItem): Record<string, number> {
  return item.variant_id === undefined
    ? {location_id: item.location_id, product_id: item.product_id, quantity: item.quantity}
    : {location_id: item.location_id, variant_id: item.variant_id, quantity: item.quantity}
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
          items: batch.map(adjustmentBody),
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

/** Variants this run creates or recreates (`replace`): the ids read before applying do not name them. */
function recreatedVariants(changes: readonly Change[]): Set<string> {
  const keys = new Set<string>()
  for (const change of changes) {
    if (change.kind !== 'variant') continue
    if (change.action === 'create' || (change.action === 'update' && change.replace !== undefined))
      keys.add(productMatchKey(change.key))
  }
  return keys
}

/**
 * Variant ids by SKU for the variant stock changes: known ones from the live read, the rest (created or
 * recreated by this run) read by their products' ids (`GET /v3/catalog/variants?product_id:in=`,
 * product-variants_catalog.v3.yml, 50 products a call).
 */
async function resolveVariantIds(
  ctx: ApplyContext,
  changes: readonly StockChange[],
  productIds: ReadonlyMap<string, number>,
  recreated: ReadonlySet<string>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  const owners = new Set<number>()
  for (const change of changes) {
    if (change.after.product === undefined) continue
    const key = productMatchKey(change.after.sku)
    const known = recreated.has(key) ? undefined : ctx.ids.variants?.[key]
    if (known) ids.set(key, known.id)
    else {
      const owner = productIds.get(productMatchKey(change.after.product))
      if (owner !== undefined) owners.add(owner)
    }
  }
  for (const group of chunk(
    [...owners].sort((a, b) => a - b),
    SKU_LOOKUP_SIZE,
  )) {
    const found = await ctx.api.listAll<{id: number; sku?: string}>('/v3/catalog/variants', {
      query: {'product_id:in': group.join(','), include_fields: 'sku', limit: 250},
    })
    for (const variant of found) {
      const key = productMatchKey(variant.sku ?? '')
      if (variant.sku && !ids.has(key)) ids.set(key, variant.id)
    }
  }
  return ids
}
