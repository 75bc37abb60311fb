import {assertValid, loadCatalog, type LoadedCatalog} from '../catalog/index.js'
import type {CatalogctlConfig} from '../catalog/generated/index.js'
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
 * here with exit 4, before any connection to the store is opened: nothing is sent. With
 * `onlyProductFiles`, only those product files are loaded (a narrow delta, src/delta/narrow-catalog.ts).
 */
export async function loadDesiredCatalog(
  dir: string,
  options: {onlyProductFiles?: ReadonlySet<string>; skipPriceLists?: boolean} = {},
): Promise<DesiredCatalog> {
  const catalog = await loadCatalog(dir, options)
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

/** `catalogctl.yaml` alone, validated (exit 4 when invalid): enough to connect to the store. */
export async function loadCatalogConfig(dir: string): Promise<CatalogctlConfig> {
  const catalog = await loadCatalog(dir, {onlyConfig: true})
  assertValid(catalog)
  return catalog.config
}
