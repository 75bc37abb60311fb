import type {DesiredState} from '../model/desired.js'
import type {LiveState} from '../model/live-state.js'
import type {StoreApi} from './store-api.js'

import {productMatchKey} from '../model/kinds.js'
import {readInventory} from './read-inventory.js'
import {deferOwnership} from './read-ownership.js'
import {readPricing} from './read-pricing.js'
import {readStockVariantIds} from './read-stock-variants.js'
import {PAGE_LIMIT, readStore, type LiveSnapshot} from './read-store.js'

/** `include_fields` of a pricing plan's product read (`id` always comes back). */
export const PRICING_PRODUCT_FIELDS = [
  'sku',
  'price',
  'sale_price',
  'cost_price',
  'retail_price',
  'date_modified',
]

/** The product fields an inventory plan reads: the key, the id side table and the tracking mode. */
export const INVENTORY_PRODUCT_FIELDS = ['sku', 'date_modified', 'inventory_tracking']

/** Ids per `id:in` product read: one page (products_catalog.v3.yml `LimitParam` maximum 250). */
const IDS_PER_READ = PAGE_LIMIT
/** SKUs per `sku:in` read: SKUs run up to 255 characters, so fewer per URL than ids. */
const SKUS_PER_READ = 50

/**
 * The live state of a pricing plan: every product's SKU and prices (`include_fields`, no sub-resources),
 * the declared price lists, no brands, categories or template metafields, and no ownership markers yet.
 * Requests on 10,000 products: 40 product pages + the price-list reads (read-pricing.ts).
 */
export async function readPricingState(
  api: StoreApi,
  desired: DesiredState,
  treeId: number,
  mapSnapshot: (snapshot: LiveSnapshot, desired: DesiredState, treeId: number) => LiveState,
): Promise<LiveState> {
  const [snapshot, pricing] = await Promise.all([
    readStore(api, {
      treeId,
      metafieldNamespaces: [],
      productIncludes: [],
      productFields: PRICING_PRODUCT_FIELDS,
      structure: false,
    }),
    readPricing(api, desired),
  ])
  const live = mapSnapshot(snapshot, desired, treeId)
  live.pricing = pricing.pricing
  live.ids.pricing = pricing.ids
  deferOwnership(
    live,
    desired.products.map((product) => productMatchKey(product.model.sku)),
  )
  return live
}

/**
 * The live state of an inventory plan: locations and stock from the Inventory API (1,000 items a page),
 * then only the products with a stock line in the catalog, by the ids the items' `identity` gives
 * (`id:in`, 250 a read), for their tracking mode and `date_modified`; a stocked SKU the items do not list
 * is looked up by `sku:in`. Variant ids come from the items too; only the variants of products not yet
 * tracked by variant are read (read-stock-variants.ts). No ownership markers yet (read-ownership.ts reads them for the products the
 * plan changes).
 */
export async function readInventoryState(
  api: StoreApi,
  desired: DesiredState,
  treeId: number,
  mapSnapshot: (snapshot: LiveSnapshot, desired: DesiredState, treeId: number) => LiveState,
): Promise<LiveState> {
  const inventory = await readInventory(api, desired)
  // A variant's item names its product's id: a product tracked by variant is found through its variants.
  const idOfProduct = new Map<string, number>()
  for (const {model} of desired.stock) {
    const key = productMatchKey(model.product ?? model.sku)
    const id = inventory.productIdBySku.get(key) ?? inventory.productIdBySku.get(productMatchKey(model.sku))
    if (id !== undefined && !idOfProduct.has(key)) idOfProduct.set(key, id)
  }
  const stocked = [
    ...new Set(desired.stock.map((row) => productMatchKey(row.model.product ?? row.model.sku))),
  ]
  const ids = new Set<number>()
  const unlisted: string[] = []
  for (const key of stocked) {
    const id = idOfProduct.get(key)
    if (id === undefined) unlisted.push(key)
    else ids.add(id)
  }
  const sortedIds = [...ids].sort((a, b) => a - b)
  const read = (query: Record<string, string>) =>
    api.listAll<Record<string, unknown>>('/v3/catalog/products', {
      query: {...query, include_fields: INVENTORY_PRODUCT_FIELDS.join(',')},
      limit: PAGE_LIMIT,
    })
  const pages = await Promise.all([
    ...chunk(sortedIds, IDS_PER_READ).map((part) => read({'id:in': part.join(',')})),
    ...chunk(unlisted, SKUS_PER_READ).map((part) => read({'sku:in': part.join(',')})),
  ])
  const byId = new Map<unknown, Record<string, unknown>>()
  for (const product of pages.flat()) byId.set(product['id'], product)
  const snapshot: LiveSnapshot = {
    products: [...byId.values()],
    brands: [],
    categories: [],
    productMetafields: [],
  }
  const live = mapSnapshot(snapshot, desired, treeId)
  live.locations = inventory.locations
  live.ids.locations = inventory.locationIds
  live.stock = inventory.stock
  live.ids.variants = await readStockVariantIds(api, desired, inventory, live.ids.products)
  deferOwnership(live, stocked)
  return live
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = []
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size))
  return parts
}
