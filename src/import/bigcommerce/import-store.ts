import {existsSync} from 'node:fs'
import path from 'node:path'

import type {LoadedCatalog} from '../../catalog/index.js'
import type {CatalogctlConfig, TemplateFile} from '../../catalog/generated/index.js'
import type {ProductModel} from '../../model/product.js'
import type {VariantJson} from './read-store-export.js'

import {assertValid, loadCatalog} from '../../catalog/index.js'
import {schemasDirFor} from '../../catalog/scaffold-catalog.js'
import {explainStoreError} from '../../connection/store-errors.js'
import {buildDesiredState, type DesiredState} from '../../model/desired.js'
import {productMatchKey} from '../../model/kinds.js'
import {OWNERSHIP_NAMESPACE} from '../../model/ownership.js'
import {mapSnapshot} from '../../live/read-live-state.js'
import {globToRegExp} from '../../plan/selection.js'
import {openConnection, type ConnectionRequest} from '../../services/plan-service.js'
import {CatalogEdits, type FlushResult} from '../../writeback/catalog-edits.js'
import {
  MAPPABLE_TEMPLATE_TARGETS,
  ReverseTemplate,
  type TemplateAdditions,
} from '../../writeback/reverse-template.js'
import {importProducts, type ProductLayout} from './import-products.js'
import {readStoreExport, type StoreExport} from './read-store-export.js'
import {importCategories, importCustomerGroups, importLocations, importTemplate} from './import-settings.js'
import {importPriceLists, importStock} from './import-stock-prices.js'

export interface ImportRequest extends ConnectionRequest {
  /** SKU globs (case-insensitive): only these products (and their stock and price records). */
  skus?: readonly string[]
  layout: ProductLayout
  /** Remove catalog products (files or list items) the store no longer has. */
  prune: boolean
}

export interface ImportResult {
  dir: string
  store: string
  products: {created: number; updated: number; unchanged: number; pruned: number; missing: string[]}
  stockRows: number
  priceLists: number
  template: TemplateAdditions
  files: FlushResult
  warnings: string[]
  /** Products in the store without the catalogctl marker: the next apply adopts them. */
  unmarked: number
  /** Problems `validate` finds in the written catalog (none expected). */
  diagnostics: number
}

/**
 * `catalogctl import bigcommerce`: reads the live store and writes (or updates in place) the YAML catalog
 * so that a plan right after reports no field changes — only the adoption of the products that do not
 * carry the catalogctl marker yet. Nothing is written to the store.
 */
export async function importFromStore(request: ImportRequest): Promise<ImportResult> {
  const dir = path.resolve(request.dir)
  const existing = existsSync(path.join(dir, 'catalogctl.yaml')) ? await loadCatalog(request.dir) : null
  if (existing) assertValid(existing)
  const config: CatalogctlConfig = existing?.config ?? {}
  const connection = await openConnection(request, config)
  const treeId = existing?.categories.tree_id ?? 1
  let exported: StoreExport
  try {
    exported = await readStoreExport(connection.client, treeId)
  } catch (error) {
    throw explainStoreError(error)
  } finally {
    await connection.close()
  }
  const result = await writeCatalog(request, dir, existing, exported, treeId)
  return {...result, store: connection.description}
}

async function writeCatalog(
  request: ImportRequest,
  dir: string,
  existing: LoadedCatalog | null,
  exported: StoreExport,
  treeId: number,
): Promise<Omit<ImportResult, 'store'>> {
  const globs = (request.skus ?? []).map(globToRegExp)
  const selects = (sku: string) => globs.length === 0 || globs.some((glob) => glob.test(sku))
  const originalTemplate: TemplateFile = existing?.template ?? {}
  const reverse = new ReverseTemplate(originalTemplate)

  // Pass 1: every namespace and mappable field, so the template gains a rule for each value it lacks.
  const namespaces = [
    ...new Set(
      (exported.snapshot.productMetafields as {namespace?: string}[])
        .map((metafield) => metafield.namespace ?? '')
        .filter((namespace) => namespace !== '' && namespace !== OWNERSHIP_NAMESPACE),
    ),
  ].sort()
  const wide = desiredFor(existing, originalTemplate)
  const first = mapSnapshot(
    exported.snapshot,
    {
      ...wide,
      metafieldNamespaces: namespaces,
      mappedFields: [...new Set([...wide.mappedFields, ...MAPPABLE_TEMPLATE_TARGETS])].sort(),
    },
    treeId,
  )
  const selected = first.products.filter((product) => selects(product.sku))
  for (const product of selected) reverse.cover(product)

  // Pass 2: the live products as the final template reads them (what `plan` will compare).
  const template = reverse.template(originalTemplate)
  const final = desiredFor(existing, template)
  const live = mapSnapshot(exported.snapshot, final, treeId)
  const liveProducts = live.products.filter((product) => selects(product.sku))
  const ids = (product: ProductModel) => live.ids.products[productMatchKey(product.sku)]

  const edits = new CatalogEdits(dir, schemasDirFor(dir))
  const variantsByProduct = new Map<number, VariantJson[]>()
  for (const variant of exported.variants) {
    variantsByProduct.set(variant.product_id, [...(variantsByProduct.get(variant.product_id) ?? []), variant])
  }
  const products = await importProducts({
    edits,
    dir,
    layout: request.layout,
    reverse,
    template,
    live: liveProducts.map((model) => ({model, id: ids(model)?.id ?? 0})),
    variantsByProduct,
    existing: existing?.products ?? [],
    prune: request.prune,
    selects,
  })
  const warnings = [...products.warnings]

  await importCategories(edits, dir, existing, {
    paths: live.categories.map((category) => category.path),
    idByPath: live.ids.categories,
    treeId,
  })
  await importTemplate(edits, dir, reverse.additions())
  const locationKeyById = await importLocations(edits, dir, existing, exported.locations)

  // Stock: products tracked by product (no variants), and variants of products tracked by variant.
  const stockSkus = new Set<string>()
  for (const product of liveProducts) {
    const key = productMatchKey(product.sku)
    if (product.inventory_tracking === 'product' && !products.withVariants.has(key)) stockSkus.add(key)
    if (product.inventory_tracking === 'variant') {
      for (const variant of variantsByProduct.get(ids(product)?.id ?? -1) ?? [])
        if (variant.sku && (variant.option_values ?? []).length > 0)
          stockSkus.add(productMatchKey(variant.sku))
    }
  }
  const stock = await importStock({
    edits,
    dir,
    existing,
    items: exported.inventory,
    locationKeyById,
    stockSkus,
    prunedSkus: products.prunedSkus,
  })
  warnings.push(...stock.warnings)

  const usedGroups = new Set(exported.priceLists.flatMap((list) => list.customerGroupIds))
  const groupNameById = await importCustomerGroups(edits, dir, existing, exported.customerGroups, usedGroups)
  const recordSkus = new Set([...products.catalogSkus].filter((sku) => !products.withVariants.has(sku)))
  const prices = await importPriceLists({
    edits,
    dir,
    existing,
    priceLists: exported.priceLists,
    groupNameById,
    recordSkus,
    selects: (sku) => selects(sku) || !globs.length,
  })
  warnings.push(...prices.warnings)

  // catalogctl.yaml always exists after an import (it marks the folder as a catalog).
  await edits.open(path.join(dir, 'catalogctl.yaml'), 'catalogctl', () => ({}))
  const files = await edits.flush()
  const after = await loadCatalog(request.dir)
  const diagnostics = after.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length
  const unmarked = liveProducts.filter((product) => ids(product)?.ownershipMetafieldId === null).length
  return {
    dir: request.dir,
    products: {
      created: products.created,
      updated: products.updated,
      unchanged: products.unchanged,
      pruned: products.pruned,
      missing: products.missing,
    },
    stockRows: stock.rows,
    priceLists: exported.priceLists.length,
    template: reverse.additions(),
    files,
    warnings,
    unmarked,
    diagnostics,
  }
}

/** The desired state of the catalog's settings (no products): what the live mapping reads with. */
function desiredFor(existing: LoadedCatalog | null, template: TemplateFile): DesiredState {
  return buildDesiredState({products: [], template, categories: existing?.categories ?? null})
}
