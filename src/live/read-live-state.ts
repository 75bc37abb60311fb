import type {DesiredState} from '../model/desired.js'
import {brandMatchKey, productMatchKey} from '../model/kinds.js'
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
import type {Scope} from '../plan/plan.js'
import {scopeIncludes} from '../model/kinds.js'
import {readPricing} from './read-pricing.js'
import {mapLiveVariants} from './map-variants.js'
import {declaresVariants, readVariants, type VariantSnapshot} from './read-variants.js'
import {readInventoryState, readPricingState} from './read-scoped-state.js'

/** The product includes a plan reads (never options/modifiers: they cap a page at 10). */
export const PRODUCT_INCLUDES = ['images', 'custom_fields']

/**
 * Reads the store and maps it into the model the diff compares against the desired state. What is
 * read follows the scope: `all` and `products` read the catalog with its sub-resources, brands, the
 * category tree and the managed metafields (plus stock and pricing for `all`); `pricing` and
 * `inventory` read only what their fields need (read-scoped-state.ts) and defer the ownership markers
 * to the products the plan changes (read-ownership.ts).
 */
export async function readLiveState(
  api: StoreApi,
  desired: DesiredState,
  treeId: number,
  options: {scope?: Scope} = {},
): Promise<LiveState> {
  const scope = options.scope ?? 'all'
  // Scoped plans read far less (read-scoped-state.ts): an inventory plan no variants (stock is read from
  // the Inventory API), a pricing plan the variants' prices beside the products' (`include_fields`).
  if (scope === 'inventory') return readInventoryState(api, desired, treeId, mapSnapshot)
  if (scope === 'pricing') {
    const [priced, pricedVariants] = await Promise.all([
      readPricingState(api, desired, treeId, mapSnapshot),
      declaresVariants(desired) ? readVariants(api, desired, {metafields: false}) : undefined,
    ])
    if (pricedVariants) addVariants(priced, pricedVariants, desired)
    return priced
  }
  const variantsWanted = declaresVariants(desired)
  const [snapshot, pricing, inventory, variants] = await Promise.all([
    readStore(api, {
      treeId,
      metafieldNamespaces: [OWNERSHIP_NAMESPACE, ...desired.metafieldNamespaces],
      productIncludes: PRODUCT_INCLUDES,
    }),
    scopeIncludes(scope, 'pricing') ? readPricing(api, desired) : undefined,
    scopeIncludes(scope, 'inventory') ? readInventory(api, desired) : undefined,
    variantsWanted ? readVariants(api, desired, {metafields: scopeIncludes(scope, 'products')}) : undefined,
  ])
  const live = mapSnapshot(snapshot, desired, treeId)
  if (variants) addVariants(live, variants, desired)
  if (pricing) {
    live.pricing = pricing.pricing
    live.ids.pricing = pricing.ids
  }
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

/** Maps the variant read into the live state (models, and ids in the side table). */
export function addVariants(live: LiveState, snapshot: VariantSnapshot, desired: DesiredState): void {
  const productSkuById = new Map<number, string>()
  for (const product of live.products) {
    const ids = live.ids.products[productMatchKey(product.sku)]
    if (ids) productSkuById.set(ids.id, product.sku)
  }
  const mapped = mapLiveVariants(
    snapshot.variants,
    productSkuById,
    snapshot.metafields,
    desired.variantMetafieldNamespaces ?? [],
  )
  live.options = mapped.options
  live.variants = mapped.variants
  live.variantsRead = true
  live.ids.variants = mapped.variantIds
  live.ids.options = mapped.optionIds
}
