import {setTimeout as sleep} from 'node:timers/promises'

import type {StoreApi} from '../live/store-api.js'

/** Product ids per `GET /v3/inventory/items?product_id:in=` read (kept to one URL's worth). */
const IDS_PER_READ = 250
/** inventory.v3.yml `GET /inventory/items`: at most 1,000 items a page. */
const ITEM_PAGE_LIMIT = 1000
const FIRST_PAUSE_MS = 200
const LONGEST_PAUSE_MS = 2000

/**
 * How long apply waits for its stock writes to show in the Inventory API (default 10 s; the environment
 * variable CATALOGCTL_STOCK_SETTLE_MS overrides it, 0 turns the wait off).
 */
export function stockSettleMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env['CATALOGCTL_STOCK_SETTLE_MS'])
  return Number.isFinite(value) && value >= 0 && env['CATALOGCTL_STOCK_SETTLE_MS'] !== '' ? value : 10_000
}

export interface WrittenLevel {
  /** The product, or the variant's product: items are re-read by `product_id:in`. */
  product_id: number
  /** Set when the level was written by `variant_id` (a product tracked by variant). */
  variant_id?: number
  location_id: number
  quantity: number
}

interface ItemJson {
  identity?: {product_id?: number; variant_id?: number}
  locations?: Array<{location_id?: number; total_inventory_onhand?: number | null}>
}

/**
 * Stock writes are asynchronous in BigCommerce (D-INV: "a short delay before reads reflect them"). After
 * its absolute adjustments, apply re-reads the levels it wrote until the Inventory API shows them or
 * `settleMs` has passed, pausing 0.2 s, 0.4 s … up to 2 s between reads and re-reading only what is
 * still behind (variant levels are read through their products: `product_id:in` lists a product's
 * variants). Returns the levels not visible in time (the caller reports them as warnings), so the
 * re-plan right after an apply sees the store as apply left it — and never hides a real difference.
 */
export async function awaitStockVisible(
  api: StoreApi,
  written: readonly WrittenLevel[],
  settleMs: number,
  now: () => number = Date.now,
): Promise<WrittenLevel[]> {
  let pending = [...written]
  if (settleMs <= 0 || pending.length === 0) return pending
  const deadline = now() + settleMs
  let pause = FIRST_PAUSE_MS
  for (;;) {
    pending = await stillBehind(api, pending)
    if (pending.length === 0 || now() >= deadline) return pending
    await sleep(Math.min(pause, Math.max(0, deadline - now())))
    pause = Math.min(pause * 2, LONGEST_PAUSE_MS)
  }
}

async function stillBehind(api: StoreApi, levels: readonly WrittenLevel[]): Promise<WrittenLevel[]> {
  const productIds = [...new Set(levels.map((level) => level.product_id))].sort((a, b) => a - b)
  const locationIds = [...new Set(levels.map((level) => level.location_id))].sort((a, b) => a - b)
  const onHand = new Map<string, number>()
  for (let start = 0; start < productIds.length; start += IDS_PER_READ) {
    const items = await api.listAll<ItemJson>('/v3/inventory/items', {
      query: {
        'product_id:in': productIds.slice(start, start + IDS_PER_READ).join(','),
        'location_id:in': locationIds.join(','),
      },
      limit: ITEM_PAGE_LIMIT,
    })
    for (const item of items) {
      const productId = item.identity?.product_id
      if (productId === undefined) continue
      // A product tracked by variant lists one item per variant; one tracked by product a single item
      // (whose identity may name the base variant): a level is matched by the identity it was written by.
      const variantId = item.identity?.variant_id
      for (const at of item.locations ?? []) {
        if (at.location_id === undefined) continue
        const quantity = at.total_inventory_onhand ?? 0
        onHand.set(`p${productId}@${at.location_id}`, quantity)
        if (variantId !== undefined) onHand.set(`v${variantId}@${at.location_id}`, quantity)
      }
    }
  }
  return levels.filter((level) => onHand.get(levelKey(level)) !== level.quantity)
}

function levelKey(level: WrittenLevel): string {
  return level.variant_id === undefined
    ? `p${level.product_id}@${level.location_id}`
    : `v${level.variant_id}@${level.location_id}`
}
