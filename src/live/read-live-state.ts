import type {DesiredState} from '../model/desired.js'
import {brandMatchKey, productMatchKey, scopeIncludes} from '../model/kinds.js'
import type {Scope} from '../plan/plan.js'
import {readInventory} from './read-inventory.js'
import type {LiveState} from '../model/live-state.js'
import {OWNERSHIP_NAMESPACE} from '../model/ownership.js'
import {mapBrands, type BigCommerceBrandJson} from './map-brands.js'
import {categoryPathsForProducts, mapCategoryTree, type CategoryListItemJson} from './map-categories.js'
import {
  mapLiveProduct,
  type BigCommerceMetafieldJson,
  type BigCommerceProductJson,
  type LiveProductContext,
  type MappedLiveProduct,
} from './map-product.js'
import {assembleLiveState} from './map-store.js'
import {readStore, type LiveSnapshot} from './read-store.js'
import type {StoreApi} from './store-api.js'

/** The product includes a plan reads (never options/modifiers: they cap a page at 10). */
export const PRODUCT_INCLUDES = ['images', 'custom_fields']

/** The product fields an inventory plan reads: the key, the id side table and the tracking mode. */
export const INVENTORY_PRODUCT_FIELDS = ['sku', 'date_modified', 'inventory_tracking']

/**
 * Reads the store and maps it into the model the diff compares against the desired state. What is
 * read follows the scope: products and pricing read the catalog; inventory reads products' ids, SKUs
 * and tracking only, the ownership markers, the locations and the stock; `all` reads everything.
 */
export async function readLiveState(
  api: StoreApi,
  desired: DesiredState,
  treeId: number,
  scope: Scope = 'all',
): Promise<LiveState> {
  const inventoryOnly = scope === 'inventory'
  const [snapshot, inventory] = await Promise.all([
    readStore(api, {
      treeId,
      metafieldNamespaces: inventoryOnly
        ? [OWNERSHIP_NAMESPACE]
        : [OWNERSHIP_NAMESPACE, ...desired.metafieldNamespaces],
      productIncludes: PRODUCT_INCLUDES,
      ...(inventoryOnly ? {productFields: INVENTORY_PRODUCT_FIELDS} : {}),
    }),
    scopeIncludes(scope, 'inventory') ? readInventory(api, desired) : Promise.resolve(undefined),
  ])
  const live = mapSnapshot(snapshot, desired, treeId)
  if (inventory) {
    live.locations = inventory.locations
    live.ids.locations = inventory.locationIds
    live.stock = inventory.stock
  }
  return live
}

export function mapSnapshot(snapshot: LiveSnapshot, desired: DesiredState, treeId: number): LiveState {
  const brands = mapBrands(snapshot.brands as unknown as BigCommerceBrandJson[])
  const categories = mapCategoryTree(snapshot.categories as unknown as CategoryListItemJson[], {treeId})
  const metafieldsByProduct = new Map<number, BigCommerceMetafieldJson[]>()
  for (const metafield of snapshot.productMetafields as unknown as BigCommerceMetafieldJson[]) {
    const id = metafield.resource_id
    if (id === undefined) continue
    metafieldsByProduct.set(id, [...(metafieldsByProduct.get(id) ?? []), metafield])
  }
  const context: Omit<LiveProductContext, 'metafields'> = {
    brandNameById: brands.nameById,
    categoryPathById: categoryPathsForProducts(categories, desired.staticCategories),
    metafieldNamespaces: desired.metafieldNamespaces,
    mappedFields: desired.mappedFields,
  }
  const products = (snapshot.products as unknown as BigCommerceProductJson[]).map((json) =>
    mapLiveProduct(json, {...context, metafields: metafieldsByProduct.get(json.id) ?? []}),
  )
  const live = assembleLiveState({products, brands, categories})
  // Static mode: the catalog's paths resolve to the ids categories.yaml names (when the store has them).
  const knownIds = new Set(categories.pathById.keys())
  for (const [path, id] of Object.entries(desired.staticCategories)) {
    if (knownIds.has(id)) live.ids.categories[path] = id
  }
  return live
}

/**
 * One product by SKU, mapped like a full read: for a create that hit a 409 or failed ambiguously, to
 * adopt what is there instead of creating a duplicate.
 */
export async function findLiveProduct(
  api: StoreApi,
  live: LiveState,
  desired: DesiredState,
  sku: string,
): Promise<MappedLiveProduct | undefined> {
  const products = await api.listAll<BigCommerceProductJson>('/v3/catalog/products', {
    query: {sku, include: PRODUCT_INCLUDES.join(',')},
  })
  const json = products.find((product) => productMatchKey(product.sku ?? '') === productMatchKey(sku))
  if (!json) return undefined
  const metafields = await api.listAll<BigCommerceMetafieldJson>(
    '/v3/catalog/products/{product_id}/metafields',
    {
      params: {product_id: json.id},
      query: {'namespace:in': [OWNERSHIP_NAMESPACE, ...desired.metafieldNamespaces].join(',')},
    },
  )
  const brandNameById = new Map<number, string>()
  for (const brand of live.brands) {
    const id = live.ids.brands[brandMatchKey(brand.name)]
    if (id !== undefined) brandNameById.set(id, brand.name)
  }
  const categoryPathById = new Map(Object.entries(live.ids.categories).map(([path, id]) => [id, path]))
  return mapLiveProduct(json, {
    brandNameById,
    categoryPathById,
    metafields,
    metafieldNamespaces: desired.metafieldNamespaces,
    mappedFields: desired.mappedFields,
  })
}
