import type {Change, Plan} from './plan.js'
import {appendAll} from '../collections/append-all.js'

/** catalogctl.yaml `guardrails.max_price_drop` default: a price may fall by half in one apply. */
export const DEFAULT_MAX_PRICE_DROP = 0.5

/**
 * The storefront prices a drop is checked on (product and price-list record). `cost_price` is left out:
 * BigCommerce uses it for reference only (products_catalog.v3.yml), it never reaches a shopper.
 */
const GUARDED_FIELDS = new Set(['price', 'sale_price', 'retail_price'])
/** A sale or retail price of 0 means "none" (products_catalog.v3.yml): clearing one is not a drop. */
const ZERO_MEANS_NONE = new Set(['sale_price', 'retail_price'])

/** (after − before) ÷ before, or null when there is nothing to compare (no before, or a before of 0). */
export function priceChangeShare(before: unknown, after: unknown): number | null {
  if (typeof before !== 'number' || typeof after !== 'number' || before <= 0) return null
  return (after - before) / before
}

/** `−20.8 %`, `+5.0 %`: one decimal, a true minus sign (plans are read by people). */
export function formatPriceChange(share: number): string {
  const percent = Math.round(Math.abs(share) * 1000) / 10
  return `${share < 0 ? '\u2212' : '+'}${percent.toFixed(1)} %`
}

export interface PriceDrop {
  kind: 'product' | 'price_record'
  /** The product SKU, or the record's `list SKU CURRENCY`. */
  key: string
  field: string
  before: number
  after: number
  /** The fall as a positive share (0.6 = 60 % cheaper). */
  drop: number
}

export interface PriceDropVerdict {
  ok: boolean
  maxPriceDrop: number
  /** Every drop larger than the limit, largest first. */
  drops: PriceDrop[]
  reasons: string[]
}

/**
 * Refuses a plan that lowers any storefront price by more than `max_price_drop` (a typo like 2.40 for
 * 24.00 must not reach the shop): product price, sale and retail prices and price-list record prices.
 * Only updates of managed records count: a create has no old price, an adoption's old price was not
 * catalogctl's, and a deleted record falls back to the catalog price (checkGuardrails counts deletes).
 */
export function checkPriceDrops(plan: Plan, config: {max_price_drop?: number} = {}): PriceDropVerdict {
  const maxPriceDrop = config.max_price_drop ?? DEFAULT_MAX_PRICE_DROP
  const drops: PriceDrop[] = []
  for (const change of plan.changes) {
    if (change.action !== 'update' || (change.kind !== 'product' && change.kind !== 'price_record')) continue
    // An adoption takes over a price catalogctl never set, like a create (and like checkGuardrails).
    if (change.adopt) continue
    appendAll(drops, dropsOf(change))
  }
  const over = drops.filter((drop) => drop.drop > maxPriceDrop).sort((a, b) => b.drop - a.drop)
  const reasons = over.map(
    (drop) =>
      `${drop.kind === 'product' ? drop.key : `price record ${drop.key}`} ${drop.field}: ${drop.before.toFixed(2)} → ${drop.after.toFixed(2)} (${formatPriceChange(-drop.drop)})`,
  )
  return {ok: over.length === 0, maxPriceDrop, drops: over, reasons}
}

function dropsOf(change: Change): PriceDrop[] {
  const drops: PriceDrop[] = []
  for (const field of change.fields) {
    if (!GUARDED_FIELDS.has(field.path)) continue
    if (ZERO_MEANS_NONE.has(field.path) && field.after === 0) continue
    const share = priceChangeShare(field.before, field.after)
    if (share === null || share >= 0) continue
    drops.push({
      kind: change.kind as PriceDrop['kind'],
      key: change.key,
      field: field.path,
      before: field.before as number,
      after: field.after as number,
      drop: -share,
    })
  }
  return drops
}
