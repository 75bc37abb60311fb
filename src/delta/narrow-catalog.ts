import type {DesiredState} from '../model/desired.js'
import type {LiveState} from '../model/live-state.js'

import {catalogRelative, type CatalogRepo} from '../git/catalog-repo.js'
import {isRowFile} from '../git/changed-products.js'
import {filesMentioning} from '../git/files-mentioning.js'
import {brandMatchKey, productMatchKey, scopeIncludes} from '../model/kinds.js'
import type {PreparedDelta} from './delta-read.js'
import {deletedStructure, type StructureIds} from './structure-counts.js'

/**
 * A narrow delta loads only the product files that changed since the marker's commit, not 100,000 of
 * them: every other product file is as it was when that commit was applied — valid, and in the store
 * as written. What a full load would still have checked across files is checked by searching the text
 * of the unloaded files (`git grep`, src/git/files-mentioning.ts), and whenever that cannot decide, the
 * delta loads the whole catalog instead and says why. Searching text is conservative: a hit may be a
 * description that merely mentions a SKU (a full load follows, nothing is missed), and "no hit" is
 * trusted only for values a catalog writes as plain text (SKUs and names with YAML escape sequences
 * are the exception: a new SKU written with escapes that repeats an unloaded one is not caught here but
 * by BigCommerce, which refuses duplicate SKUs).
 */
export type NarrowFiles =
  {kind: 'narrow'; files: Set<string>; catalogProducts: number} | {kind: 'full'; reason: string}

/** Before loading: the product files (catalog-relative) a delta must load, or why it must load all. */
export async function narrowProductFiles(prepared: PreparedDelta): Promise<NarrowFiles> {
  const {repo, marker, changes} = prepared
  if (marker.catalog_products === undefined)
    return full("the store's delta marker was written by an older catalogctl (no catalog product count)")
  // A narrow catalog holds the loaded products' price records only: every other live record would look
  // undeclared unless the store's records are read narrowly too (src/delta/read-delta-live.ts).
  if (
    scopeIncludes(marker.scope, 'pricing') &&
    (marker.read_started_at === undefined || !marker.price_records)
  )
    return full(
      "the store's delta marker has no price-record counts (written by an older catalogctl, or by applying a saved plan)",
    )
  const rows = changes.other.filter(isRowFile)
  if (rows.length > 0)
    return full(`${listed(rows)} changed since the last apply, and stock and price rows may name any product`)
  const odd = changes.addedSkus.find((sku) => /[^\x20-\x7e]/.test(sku))
  if (odd !== undefined)
    return full(
      `the new SKU ${JSON.stringify(odd)} is not plain ASCII, and only all SKUs tell it from a look-alike`,
    )
  const changed = new Set(changes.productFiles)
  const dupes = await productFilesMentioning(repo, changes.addedSkus, changed)
  if (dupes.length > 0) return full(`a new SKU is also written in ${listed(dupes)} (a duplicate?)`)
  const names = await productFilesMentioning(
    repo,
    changes.newNames.map((name) => name.trim()),
    changed,
  )
  if (names.length > 0) return full(`a new or renamed product's name is also written in ${listed(names)}`)
  const referenced = await filesMentioning(
    repo.root,
    [catalogPath(repo, 'inventory'), catalogPath(repo, 'price-lists')],
    changes.removedSkus,
  )
  if (referenced.size > 0)
    return full(
      `a removed SKU may still be named in ${listed([...referenced].map((file) => catalogRelative(repo, file)))}`,
    )
  return {
    kind: 'narrow',
    files: changed,
    catalogProducts: marker.catalog_products + changes.productCountChange,
  }
}

/**
 * After the store was read with the narrow catalog: the product files to add so that every candidate
 * (read from the store, or a price record that differs) is loaded, `[]` when none is missing, or why the
 * whole catalog must be loaded (a candidate no product file mentions: a product created in the store, or
 * one written in a way a text search does not find — a full load tells which).
 */
export async function filesForMissingCandidates(
  prepared: PreparedDelta,
  desired: DesiredState,
  candidates: readonly string[],
  loaded: ReadonlySet<string>,
): Promise<{files: string[]} | {reason: string}> {
  // Loaded, or removed from the catalog by a changed file (then the store's copy is what the plan is about).
  const known = new Set(prepared.changes.removedSkus)
  for (const product of desired.products) known.add(productMatchKey(product.model.sku))
  for (const variant of desired.variants ?? []) known.add(productMatchKey(variant.model.sku))
  const missing = candidates.filter((sku) => !known.has(productMatchKey(sku)))
  if (missing.length === 0) return {files: []}
  const files = await productFilesMentioning(prepared.repo, missing.map(productMatchKey), loaded)
  if (files.length === 0)
    return {
      reason: `${listed(missing.map((sku) => `SKU ${sku}`))} changed in the store, and no unloaded product file names it`,
    }
  return {files}
}

/**
 * After the store was read: brands or categories deleted in the store since the marker (a product in an
 * unloaded file may use one; a delete moves no product's date_modified), or a brand or category the
 * store lacks that an unloaded product file mentions. Null when neither.
 */
export async function structureReason(
  prepared: PreparedDelta,
  desired: DesiredState,
  live: LiveState,
  read: StructureIds | null,
  loaded: ReadonlySet<string>,
): Promise<string | null> {
  if (read === null) return null
  const then = prepared.marker.structure
  if (!then) return "the store's delta marker has no brand and category counts"
  const deleted = deletedStructure(then, read)
  if (deleted) return deleted
  const missing = [
    ...desired.brands
      .filter((brand) => !(brandMatchKey(brand.name) in live.ids.brands))
      .map((brand) => brand.name),
    ...(desired.categoryMode === 'auto_create'
      ? desired.categories
          .filter((category) => !(category.path in live.ids.categories))
          .map((category) => category.path.split('/').at(-1) ?? category.path)
      : []),
  ]
  const users = await productFilesMentioning(prepared.repo, missing, loaded)
  return users.length > 0 ? `the store lacks a brand or category that ${listed(users)} may use` : null
}

/** Product files (catalog-relative) outside `except` whose text contains any of `needles`. */
async function productFilesMentioning(
  repo: CatalogRepo,
  needles: readonly string[],
  except: ReadonlySet<string>,
): Promise<string[]> {
  if (needles.length === 0) return []
  const found = await filesMentioning(repo.root, [catalogPath(repo, 'products')], needles)
  return [...found]
    .map((file) => catalogRelative(repo, file))
    .filter((file) => !except.has(file))
    .sort()
}

function catalogPath(repo: CatalogRepo, folder: string): string {
  return repo.catalogPath === '.' ? folder : `${repo.catalogPath}/${folder}`
}

function listed(items: readonly string[]): string {
  return items.length <= 3 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`
}

function full(reason: string): {kind: 'full'; reason: string} {
  return {kind: 'full', reason}
}
