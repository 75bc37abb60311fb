import type {LiveLocation} from '../../model/live-state.js'
import type {StoreApi} from '../../live/store-api.js'

import {mapLocation} from '../../live/read-inventory.js'
import {PRODUCT_INCLUDES} from '../../live/read-live-state.js'
import {PAGE_LIMIT, type LiveSnapshot} from '../../live/read-store.js'
import {RECORD_PAGE_LIMIT} from '../../live/read-pricing.js'
import {INVENTORY_PAGE_LIMIT} from '../../live/read-inventory.js'

/** A variant as `GET /v3/catalog/variants` returns it (products_catalog.v3.yml `productVariant_Full`). */
export interface VariantJson {
  id: number
  product_id: number
  sku?: string | null
  price?: number | null
  sale_price?: number | null
  cost_price?: number | null
  retail_price?: number | null
  weight?: number | null
  width?: number | null
  height?: number | null
  depth?: number | null
  image_url?: string | null
  upc?: string | null
  mpn?: string | null
  gtin?: string | null
  purchasing_disabled?: boolean | null
  option_values?: {option_display_name?: string; label?: string}[] | null
}

export interface InventoryItemJson {
  identity?: {sku?: string | null; product_id?: number; variant_id?: number}
  locations?: {location_id?: number; total_inventory_onhand?: number | null}[]
}

export interface PriceListExport {
  id: number
  name: string
  active: boolean
  customerGroupIds: number[]
  records: {
    sku?: string
    currency: string
    price: number
    sale_price?: number | null
    retail_price?: number | null
    bulk_pricing_tiers?: {quantity_min: number; quantity_max?: number | null; type: string; amount: number}[]
  }[]
}

/** Everything `import bigcommerce` reads, raw: the store's catalog side, stock and pricing. */
export interface StoreExport {
  snapshot: LiveSnapshot
  variants: VariantJson[]
  locations: LiveLocation[]
  inventory: InventoryItemJson[]
  customerGroups: {id: number; name: string}[]
  priceLists: PriceListExport[]
}

/**
 * Reads the whole store for an import, by list endpoints at their largest page sizes (bigcommerce-api.md
 * §13): products with images and custom fields, every product metafield (all namespaces: the import maps
 * each one back through the template), variants through `GET /v3/catalog/variants` (250 a page, not one
 * request per product), locations and inventory items, customer groups and price lists with records.
 */
export async function readStoreExport(api: StoreApi, treeId: number): Promise<StoreExport> {
  const list = <T>(path: string, query: Record<string, string | number> = {}, limit = PAGE_LIMIT) =>
    api.listAll<T>(path, {query, limit})
  const [products, brands, categories, productMetafields, variants, locationJson, customerGroups, lists] =
    await Promise.all([
      list<Record<string, unknown>>('/v3/catalog/products', {include: PRODUCT_INCLUDES.join(',')}),
      list<Record<string, unknown>>('/v3/catalog/brands'),
      list<Record<string, unknown>>('/v3/catalog/trees/categories', {'tree_id:in': treeId}),
      list<Record<string, unknown>>('/v3/catalog/products/metafields'),
      list<VariantJson>('/v3/catalog/variants'),
      list<Parameters<typeof mapLocation>[0]>('/v3/inventory/locations'),
      api.listAll<{id: number; name: string}>('/v2/customer_groups', {}),
      api.listAll<{id: number; name: string; active?: boolean}>('/v3/pricelists', {}),
    ])
  const locations = locationJson.map(mapLocation)
  const [inventory, assignments, ...records] = await Promise.all([
    locations.length === 0
      ? Promise.resolve([])
      : list<InventoryItemJson>(
          '/v3/inventory/items',
          {'location_id:in': locations.map((location) => location.id).join(',')},
          INVENTORY_PAGE_LIMIT,
        ),
    lists.length === 0
      ? Promise.resolve([])
      : api.listAll<{price_list_id: number; customer_group_id?: number | null}>(
          '/v3/pricelists/assignments',
          {
            query: {'price_list_id:in': lists.map((priceList) => priceList.id).join(',')},
          },
        ),
    ...lists.map((priceList) =>
      api.listAll<PriceListExport['records'][number]>('/v3/pricelists/{price_list_id}/records', {
        params: {price_list_id: priceList.id},
        query: {include: 'bulk_pricing_tiers,sku'},
        limit: RECORD_PAGE_LIMIT,
      }),
    ),
  ])
  const priceLists = lists.map((priceList, index): PriceListExport => ({
    id: priceList.id,
    name: priceList.name,
    active: priceList.active ?? true,
    customerGroupIds: assignments
      .filter((assignment) => assignment.price_list_id === priceList.id)
      .map((assignment) => assignment.customer_group_id)
      .filter((id): id is number => typeof id === 'number'),
    records: records[index] ?? [],
  }))
  return {
    snapshot: {products, brands, categories, productMetafields},
    variants,
    locations,
    inventory,
    customerGroups,
    priceLists,
  }
}
