import {assertValid, loadCatalog, type LoadedCatalog} from '../catalog/index.js'
import {buildDesiredState, type DesiredState} from '../model/desired.js'

/**
 * The catalog's settings once its records are in the desired state: products, stock rows and price lists
 * are let go (at 100,000 products they are as large again as the desired state they became).
 */
export type CatalogSettings = Omit<LoadedCatalog, 'products' | 'inventory' | 'priceLists'>

export interface DesiredCatalog {
  catalog: CatalogSettings
  desired: DesiredState
}

/**
 * Loads and validates the catalog, then normalises it into the desired state. An invalid catalog stops
 * here with exit 4, before any connection to the store is opened: nothing is sent.
 */
export async function loadDesiredCatalog(dir: string): Promise<DesiredCatalog> {
  const catalog = await loadCatalog(dir)
  assertValid(catalog)
  const desired = buildDesiredState({
    products: catalog.products.map((product) => ({product, source: product.source})),
    template: catalog.template,
    categories: catalog.categories,
    priceLists: catalog.priceLists,
    customerGroups: catalog.config.customer_groups ?? {},
    ...(catalog.config.locations ? {locations: catalog.config.locations} : {}),
    inventory: catalog.inventory,
  })
  const {products: _products, inventory: _inventory, priceLists: _priceLists, ...settings} = catalog
  return {catalog: settings, desired}
}
