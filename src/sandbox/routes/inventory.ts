import {fail, notFound, tooLarge} from '../api-errors.js'
import type {ApiRequest, RouteDefinition} from '../http-types.js'
import {
  intListParam,
  itemRanges,
  listParam,
  objectBody,
  PageWindow,
  pageOfRanges,
  readPage,
} from '../listing.js'
import {owningProducts} from '../owning-products.js'
import type {SandboxStore} from '../store.js'
import type {Json, ProductRecord} from '../state.js'
import {adjustStock, readStock, writeStock} from '../stock.js'
import {transactionId} from './locations.js'

/** S-I: at most 2,000 items per adjustment or settings payload, 1,000 items per page when reading. */
const MAX_ITEMS = 2000
const MAX_PAGE = 1000
const MAX_QUANTITY = 2_147_483_647

/** One inventory item: a variant of a product tracked by variant, or a whole product otherwise. */
interface InventoryItem {
  key: string
  identity: {sku: string; variant_id?: number; product_id: number; sku_id?: number}
}

function itemsOf(product: ProductRecord): InventoryItem[] {
  if (product.data.inventory_tracking === 'variant') {
    return product.variants.map((variant) => ({
      key: `v${variant.data.id}`,
      identity: {
        sku: variant.data.sku,
        variant_id: variant.data.id,
        product_id: product.data.id,
        sku_id: variant.data.id,
      },
    }))
  }
  const base = product.data.base_variant_id as number | null
  return [
    {
      key: `p${product.data.id}`,
      identity: {
        sku: product.data.sku,
        ...(base === null ? {} : {variant_id: base}),
        product_id: product.data.id,
      },
    },
  ]
}

const itemCount = (product: ProductRecord): number =>
  product.data.inventory_tracking === 'variant' ? product.variants.length : 1

/**
 * One page of inventory items. A store of 100,000 products tracked by variant has 600,000 items: unfiltered,
 * the page is found through the store's running item counts; filtered, only the products owning the named
 * ids and SKUs are looked at.
 */
function pageOfItems(store: SandboxStore, request: ApiRequest): {data: InventoryItem[]; meta: Json} {
  const q = request.query
  const skus = listParam(q, 'sku:in')
  const skuSet = skus ? new Set(skus.map((sku) => sku.toLowerCase())) : undefined
  const variants = intListParam(q, 'variant_id:in')
  const products = intListParam(q, 'product_id:in')
  const page = readPage(q, 50, MAX_PAGE)
  if (!skus && !variants && !products) {
    const ranges = store.derived('inventory-items', () => itemRanges(store.products.values(), itemCount))
    return pageOfRanges(ranges, page, itemsOf)
  }
  const window = new PageWindow<InventoryItem>(page)
  for (const product of owningProducts(store, {productIds: products, variantIds: variants, skus})) {
    for (const item of itemsOf(product)) {
      if (skuSet && !skuSet.has(item.identity.sku.toLowerCase())) continue
      if (variants && (item.identity.variant_id === undefined || !variants.has(item.identity.variant_id)))
        continue
      window.offer(item)
    }
  }
  return window.result()
}

function filteredLocations(store: SandboxStore, request: ApiRequest): Json[] {
  const ids = intListParam(request.query, 'location_id:in')
  const codes = listParam(request.query, 'location_code:in')
  return store.data.locations.filter(
    (location) =>
      (!ids || ids.has(location.id as number)) && (!codes || codes.includes(location.code as string)),
  )
}

function stockView(store: SandboxStore, key: string, locationId: number): Json {
  const stock = readStock(store, key, locationId)
  const onhand = stock?.onhand ?? 0
  const safety = stock?.safety_stock ?? 0
  return {
    available_to_sell: Math.max(0, onhand - safety),
    total_inventory_onhand: onhand,
    settings: {
      safety_stock: safety,
      is_in_stock: stock?.is_in_stock ?? false,
      warning_level: stock?.warning_level ?? 0,
      bin_picking_number: stock?.bin_picking_number ?? '',
    },
  }
}

/** Resolves an adjustment/settings identity to a stock key; 422 when it does not match the tracking mode. */
function resolveIdentity(store: SandboxStore, identity: Json, index: number): string {
  const where = `items.${index}`
  if (typeof identity.variant_id === 'number') {
    const found = store.variant(identity.variant_id)
    if (!found)
      fail(422, `[Item with variant_id ${identity.variant_id} does not exist]`, {
        [where]: 'unknown variant_id',
      })
    if (found.product.data.inventory_tracking !== 'variant') {
      fail(
        422,
        `[Item with variant_id ${identity.variant_id} is tracked by product, please update stock by product id]`,
        {},
      )
    }
    return `v${identity.variant_id}`
  }
  if (typeof identity.product_id === 'number') {
    const product = store.products.get(identity.product_id)
    if (!product)
      fail(422, `[Item with product_id ${identity.product_id} does not exist]`, {
        [where]: 'unknown product_id',
      })
    return productKey(product, `product_id ${identity.product_id}`)
  }
  if (typeof identity.sku === 'string') {
    const owner = store.skuOwner(identity.sku)
    const product = owner ? store.products.get(owner.productId) : undefined
    if (!owner || !product)
      fail(422, `[Item with sku ${identity.sku} does not exist]`, {[where]: 'unknown sku'})
    if (owner.variantId !== undefined) {
      if (product.data.inventory_tracking !== 'variant')
        fail(
          422,
          `[Item with sku ${identity.sku} is tracked by product, please update stock by product id]`,
          {},
        )
      return `v${owner.variantId}`
    }
    if (product.data.inventory_tracking === 'variant' && product.data.base_variant_id !== null)
      return `v${String(product.data.base_variant_id)}`
    return productKey(product, `sku ${identity.sku}`)
  }
  fail(422, 'Each item needs one of sku, variant_id or product_id', {[where]: 'identity missing'})
}

function productKey(product: ProductRecord, label: string): string {
  if (product.data.inventory_tracking === 'variant')
    fail(422, `[Item with ${label} is tracked by variant, please update stock by variant id or sku]`, {})
  if (product.data.inventory_tracking === 'none')
    fail(422, `[Item with ${label} has inventory tracking disabled]`, {})
  return `p${product.data.id}`
}

function assertLocation(store: SandboxStore, locationId: unknown, index: number): number {
  const location = store.data.locations.find((candidate) => candidate.id === locationId)
  if (!location)
    fail(422, `Location ${String(locationId)} does not exist`, {
      [`items.${index}.location_id`]: 'unknown location',
    })
  if (location.enabled === false)
    fail(422, `Location ${String(locationId)} is disabled`, {
      [`items.${index}.location_id`]: 'disabled location',
    })
  return locationId as number
}

/** Validates every item, then applies all of them: an adjustment is never half-applied. */
function adjust(store: SandboxStore, body: unknown, relative: boolean): string {
  const input = objectBody(body)
  if (!Array.isArray(input.items)) fail(422, 'items is required', {items: 'must be an array'})
  if (input.items.length > MAX_ITEMS) tooLarge(MAX_ITEMS)
  const planned = (input.items as Json[]).map((item, index) => {
    const quantity = item.quantity
    if (typeof quantity !== 'number' || !Number.isInteger(quantity))
      fail(422, 'quantity must be an integer', {[`items.${index}.quantity`]: 'must be an integer'})
    const locationId = assertLocation(store, item.location_id, index)
    const key = resolveIdentity(store, item, index)
    const current = readStock(store, key, locationId)
    if (relative && !current)
      fail(
        422,
        `Items with identity: [${key.startsWith('v') ? 'variant_id' : 'product_id'} ${key.slice(1)}] requires absolute adjustment before relative`,
        {},
      )
    const next = relative ? (current?.onhand ?? 0) + quantity : quantity
    if (next < 0 || next > MAX_QUANTITY)
      fail(422, `Quantity out of range for item ${index}`, {
        [`items.${index}.quantity`]: `resulting stock must be between 0 and ${MAX_QUANTITY}`,
      })
    return {key, locationId, next}
  })
  for (const {key, locationId, next} of planned) adjustStock(store, key, locationId, next)
  touchProducts(
    store,
    planned.map((entry) => entry.key),
  )
  store.touch()
  return transactionId(store)
}

function touchProducts(store: SandboxStore, keys: string[]): void {
  const now = store.now()
  for (const key of new Set(keys)) {
    const id = Number(key.slice(1))
    const product = key.startsWith('p') ? store.products.get(id) : store.variant(id)?.product
    if (product) product.data.date_modified = now
  }
}

export const inventoryRoutes: RouteDefinition[] = [
  {
    method: 'PUT',
    template: '/v3/inventory/adjustments/absolute',
    scope: 'inventory',
    handler: (request, store) => ({status: 200, body: {transaction_id: adjust(store, request.body, false)}}),
  },
  {
    method: 'POST',
    template: '/v3/inventory/adjustments/relative',
    scope: 'inventory',
    handler: (request, store) => ({status: 200, body: {transaction_id: adjust(store, request.body, true)}}),
  },
  {
    method: 'GET',
    template: '/v3/inventory/items',
    scope: 'inventory',
    handler: (request, store) => {
      const locations = filteredLocations(store, request)
      const page = pageOfItems(store, request)
      const data = page.data.map((item) => ({
        identity: item.identity,
        locations: locations.map((location) => ({
          location_id: location.id,
          location_code: location.code,
          location_name: location.label,
          location_enabled: location.enabled,
          ...stockView(store, item.key, location.id as number),
        })),
      }))
      return {status: 200, body: {data, meta: page.meta}}
    },
  },
  {
    method: 'GET',
    template: '/v3/inventory/locations/{location_id}/items',
    scope: 'inventory',
    handler: (request, store) => {
      const locationId = Number(request.params.location_id)
      if (!store.data.locations.some((location) => location.id === locationId))
        notFound('The location was not found.')
      const page = pageOfItems(store, request)
      const data = page.data.map((item) => ({
        identity: item.identity,
        ...stockView(store, item.key, locationId),
      }))
      return {status: 200, body: {data, meta: page.meta}}
    },
  },
  {
    method: 'PUT',
    template: '/v3/inventory/locations/{location_id}/items',
    scope: 'inventory',
    handler: (request, store) => {
      const locationId = Number(request.params.location_id)
      if (!store.data.locations.some((location) => location.id === locationId))
        notFound('The location was not found.')
      const input = objectBody(request.body)
      if (!Array.isArray(input.settings))
        fail(422, 'Payload contains invalid fields', {settings: 'must be an array'})
      if (input.settings.length > MAX_ITEMS) tooLarge(MAX_ITEMS)
      const planned = (input.settings as Json[]).map((setting, index) => {
        const changes: Json = {}
        for (const name of ['safety_stock', 'warning_level'] as const) {
          if (setting[name] === undefined) continue
          if (
            typeof setting[name] !== 'number' ||
            !Number.isInteger(setting[name]) ||
            (setting[name] as number) < 0
          )
            fail(422, 'Payload contains invalid fields', {
              [`setting.${index}.${name}`]: 'must be a non-negative integer',
            })
          changes[name] = setting[name]
        }
        if (typeof setting.bin_picking_number === 'string')
          changes.bin_picking_number = setting.bin_picking_number
        if (typeof setting.is_in_stock === 'boolean') changes.is_in_stock = setting.is_in_stock
        if (Object.keys(changes).length === 0)
          fail(422, 'Payload contains invalid fields', {
            [`setting.${index}.settings`]:
              'At least one setting must be specified: warning_level, is_in_stock or safety_stock',
          })
        const identity = (setting.identity as Json | undefined) ?? {}
        return {key: resolveIdentity(store, identity, index), changes}
      })
      for (const {key, changes} of planned) writeStock(store, key, locationId, changes)
      store.touch()
      return {status: 200, body: {transaction_id: transactionId(store)}}
    },
  },
]
