import type {SandboxStore} from './store.js'
import type {ProductRecord, StockRecord} from './state.js'

export const DEFAULT_LOCATION_ID = 1

/**
 * Stock lives per location (the Inventory API is the source of truth). Products tracked by variant keep
 * stock per variant (`v<id>`); every other product keeps one stock per product (`p<id>`).
 */
export function stockKey(product: ProductRecord, variantId?: number): string {
  return product.data.inventory_tracking === 'variant' && variantId !== undefined
    ? `v${variantId}`
    : `p${product.data.id}`
}

export function readStock(store: SandboxStore, key: string, locationId: number): StockRecord | undefined {
  settleStock(store)
  return store.stock.get(`${key}@${locationId}`)
}

/**
 * An absolute or relative adjustment's new level: at once, or after `store.stockDelayMs` (the asynchronous
 * stock writes of D-INV), in the order the writes were accepted.
 */
export function adjustStock(store: SandboxStore, key: string, locationId: number, onhand: number): void {
  if (store.stockDelayMs <= 0) return writeStock(store, key, locationId, {onhand})
  store.pendingStock.push({key, locationId, onhand, visibleAt: Date.now() + store.stockDelayMs})
}

/** Makes the delayed adjustments that are due visible. */
export function settleStock(store: SandboxStore): void {
  const pending = store.pendingStock
  if (pending.length === 0) return
  const now = Date.now()
  let due = 0
  while (due < pending.length && (pending[due]?.visibleAt ?? Infinity) <= now) due++
  for (const entry of pending.splice(0, due))
    writeStock(store, entry.key, entry.locationId, {onhand: entry.onhand})
}

export function writeStock(
  store: SandboxStore,
  key: string,
  locationId: number,
  change: Partial<StockRecord>,
): void {
  const current = store.stock.get(`${key}@${locationId}`)
  // A literal of one fixed shape, not `{...current, ...change}`: 180,000 spread-built records cost several
  // times the memory (see productDefaults).
  const next: StockRecord = {
    onhand: change.onhand ?? current?.onhand ?? 0,
    safety_stock: change.safety_stock ?? current?.safety_stock ?? 0,
    warning_level: change.warning_level ?? current?.warning_level ?? 0,
    bin_picking_number: change.bin_picking_number ?? current?.bin_picking_number ?? '',
    is_in_stock: change.is_in_stock ?? current?.is_in_stock ?? false,
  }
  if (change.is_in_stock === undefined) next.is_in_stock = next.onhand > next.safety_stock
  store.stock.set(`${key}@${locationId}`, next)
}

/**
 * The catalog's `inventory_level` is the default location's stock (S-P: "the Catalog API returns only
 * default-location inventory"); catalog writes of `inventory_level` set the default location.
 */
export function productInventoryLevel(store: SandboxStore, product: ProductRecord): number {
  if (product.data.inventory_tracking === 'variant') {
    let total = 0
    for (const variant of product.variants) total += variantInventoryLevel(store, product, variant.data.id)
    return total
  }
  return readStock(store, `p${product.data.id}`, DEFAULT_LOCATION_ID)?.onhand ?? 0
}

export function variantInventoryLevel(
  store: SandboxStore,
  product: ProductRecord,
  variantId: number,
): number {
  if (product.data.inventory_tracking !== 'variant') return 0
  return readStock(store, `v${variantId}`, DEFAULT_LOCATION_ID)?.onhand ?? 0
}

export function deleteStockFor(store: SandboxStore, key: string): void {
  for (const location of store.data.locations) store.stock.delete(`${key}@${String(location.id)}`)
}
