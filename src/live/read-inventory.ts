import type {DesiredState} from '../model/desired.js'
import type {LiveLocation} from '../model/live-state.js'
import type {StockModel} from '../model/product.js'
import type {StoreApi} from './store-api.js'

import {chunkListValues} from '../delta/batched-lookups.js'
import {formatGeo} from '../model/desired.js'
import {productMatchKey} from '../model/kinds.js'
import {resolveLocations} from '../model/locations.js'

/** inventory.v3.yml `GET /inventory/items`: at most 1,000 items a page. */
export const INVENTORY_PAGE_LIMIT = 1000
/** locations.v3.yml `GET /inventory/locations`: a store has at most 100 active locations. */
const LOCATION_PAGE_LIMIT = 250

export interface LiveInventory {
  locations: LiveLocation[]
  /** BigCommerce location id by catalog location key, for the locations that exist. */
  locationIds: Record<string, number>
  stock: StockModel[]
  /**
   * Product id by lower-cased SKU, from the items' `identity` (inventory.v3.yml `ItemResponse`): an
   * inventory plan reads only the products it needs by `id:in` instead of every product page.
   */
  productIdBySku: Map<string, number>
  /**
   * Variant ids by lower-cased SKU, from the items of products tracked by variant (their `identity`
   * names the variant): an inventory plan addresses variant stock by them without reading variants.
   */
  variantIdBySku: Map<string, {id: number; product_id: number}>
}

interface LocationJson {
  id: number
  code?: string | null
  label?: string | null
  type_id?: string | null
  enabled?: boolean | null
  address?: Record<string, unknown> | null
}

interface InventoryItemJson {
  identity?: {sku?: string | null; product_id?: number; variant_id?: number}
  locations?: Array<{location_id?: number; total_inventory_onhand?: number | null}>
}

/**
 * The store's locations and the stock on hand at the catalog's locations. Stock comes from the
 * Inventory API, never the catalog's `inventory_level` (default location only, bigcommerce-api.md §8),
 * filtered to the locations the catalog manages. `total_inventory_onhand` is the level an absolute
 * adjustment sets (inventory.v3.yml: "Override the existing inventory levels"); `available_to_sell` is
 * that less the safety stock, which the merchant owns.
 */
export async function readInventory(
  api: StoreApi,
  desired: DesiredState,
  /** A delta's read: the items of these products only, at the locations it read already (if it did). */
  options: {productIds?: readonly number[]; locations?: LiveLocation[]} = {},
): Promise<LiveInventory> {
  const locations =
    options.locations ??
    (await api.listAll<LocationJson>('/v3/inventory/locations', {limit: LOCATION_PAGE_LIMIT})).map(
      mapLocation,
    )
  const locationIds: Record<string, number> = {}
  for (const {desired: location, live} of resolveLocations(desired.locations, locations)) {
    if (live) locationIds[location.model.key] = live.id
  }
  const keysById = new Map<number, string[]>()
  for (const [key, id] of Object.entries(locationIds)) keysById.set(id, [...(keysById.get(id) ?? []), key])
  if (keysById.size === 0 || desired.stock.length === 0)
    return {locations, locationIds, stock: [], productIdBySku: new Map(), variantIdBySku: new Map()}
  const locationQuery = {'location_id:in': [...keysById.keys()].sort((a, b) => a - b).join(',')}
  // A delta reads the items of its candidates only (`product_id:in`, inventory.v3.yml), ≤ 250 ids a request.
  const queries = options.productIds
    ? chunkListValues(options.productIds.map(String)).map((chunk) => ({
        ...locationQuery,
        'product_id:in': chunk.join(','),
      }))
    : [locationQuery]
  const pages = await Promise.all(
    queries.map((query) =>
      api.listAll<InventoryItemJson, ItemLevels>('/v3/inventory/items', {
        query,
        limit: INVENTORY_PAGE_LIMIT,
        map: itemLevels,
      }),
    ),
  )
  const items = pages.flat()
  const productIdBySku = new Map<string, number>()
  const variantIdBySku = new Map<string, {id: number; product_id: number}>()
  for (const item of items) {
    if (!item.sku || item.product_id === undefined) continue
    const key = productMatchKey(item.sku)
    productIdBySku.set(key, item.product_id)
    if (item.variant_id !== undefined)
      variantIdBySku.set(key, {id: item.variant_id, product_id: item.product_id})
  }
  return {locations, locationIds, stock: mapStock(items, keysById), productIdBySku, variantIdBySku}
}

/**
 * What a plan keeps of an inventory item: its identity and `levels`, pairs of location id and on-hand
 * level. Kept as each page arrives: the items as sent are several objects and strings per location each.
 */
export interface ItemLevels {
  sku?: string | undefined
  product_id?: number | undefined
  variant_id?: number | undefined
  levels: number[]
}

export function itemLevels(item: InventoryItemJson): ItemLevels {
  const levels: number[] = []
  for (const at of item.locations ?? [])
    if (at.location_id !== undefined) levels.push(at.location_id, at.total_inventory_onhand ?? 0)
  return {
    sku: item.identity?.sku ?? undefined,
    product_id: item.identity?.product_id,
    variant_id: item.identity?.variant_id,
    levels,
  }
}

export function mapLocation(json: LocationJson): LiveLocation {
  const address: Record<string, string> = {}
  for (const [line, value] of Object.entries(json.address ?? {})) {
    if (typeof value === 'string') address[line] = value
    else if (line === 'geo_coordinates' && isGeo(value)) address[line] = formatGeo(value)
  }
  return {
    id: json.id,
    code: json.code ?? '',
    label: json.label ?? '',
    type: json.type_id === 'VIRTUAL' ? 'VIRTUAL' : 'PHYSICAL',
    enabled: json.enabled !== false,
    address,
  }
}

function isGeo(value: unknown): value is {latitude: number; longitude: number} {
  const geo = value as {latitude?: unknown; longitude?: unknown} | null
  return typeof geo?.latitude === 'number' && typeof geo.longitude === 'number'
}

export function mapStock(
  items: readonly ItemLevels[],
  keysById: ReadonlyMap<number, string[]>,
): StockModel[] {
  const stock: StockModel[] = []
  for (const {sku, levels} of items) {
    if (!sku) continue
    for (let index = 0; index + 1 < levels.length; index += 2) {
      for (const location of keysById.get(levels[index] as number) ?? []) {
        stock.push({location, sku, quantity: levels[index + 1] as number})
      }
    }
  }
  return stock
}
