import type {DesiredState} from '../model/desired.js'
import type {LiveState} from '../model/live-state.js'
import type {StoreApi} from '../live/store-api.js'
import type {Scope} from '../plan/plan.js'
import type {Selection} from '../plan/selection.js'

import {isApiError} from '../bigcommerce/api-error.js'
import {catalogChangesSince, isRowFile, type CatalogChanges} from '../git/changed-products.js'
import {isShallowRepo, openCatalogRepo, resolveCommit, type CatalogRepo} from '../git/catalog-repo.js'
import {brandMatchKey, productMatchKey, scopeIncludes} from '../model/kinds.js'
import {pathWithAncestors} from '../model/normalise.js'
import {compileSelection} from '../plan/selection.js'
import {readDeltaLive} from './read-delta-live.js'
import {readStoreMarker, type StoreMarker} from './store-marker.js'
import type {StructureIds} from './structure-counts.js'

/**
 * How far before the marker's store time a delta looks (`date_modified:min`). The time is the store's
 * own clock, so this is not for clock skew between machines but for writes the store stamps a little
 * before they become visible to reads (BigCommerce applies some writes asynchronously, D-INV). Override
 * with CATALOGCTL_DELTA_MARGIN_SECONDS.
 */
export const DEFAULT_MARGIN_SECONDS = 60

export interface DeltaReadRequest {
  dir: string
  scope: Scope
  treeId: number
  /** `--sku` / `--file`: a delta plan considers the candidates these select. */
  selection: Selection
  /** Seconds subtracted from the marker's store time (default DEFAULT_MARGIN_SECONDS). */
  marginSeconds?: number
  /** Catalog products a narrow load did not load (unchanged since the marker). */
  unloadedProducts?: number
}

export type DeltaRead =
  | {
      kind: 'delta'
      live: LiveState
      /** The selection the diff must use: exactly the SKUs delta read (found or not). */
      selection: Selection
      marker: StoreMarker
      /** For the plan's notes: what was read and why. */
      note: string
      /** Catalog products (in the user's selection) delta did not read: unchanged since the marker. */
      unchanged: number
      /** Ids of the store's brands and the tree's categories, when the scope read them. */
      structure: StructureIds | null
    }
  | {kind: 'full'; reason: string}

/**
 * Decides whether a delta read is sound and, when it is, reads the candidates. Every reason to fall back
 * to a full read is a sentence the plan and stderr show: delta never silently reads less than it must.
 */
export async function readDelta(
  api: StoreApi,
  desired: DesiredState,
  request: DeltaReadRequest,
): Promise<DeltaRead> {
  const prepared = await prepareDelta(api, request.dir, request.scope)
  if (prepared.kind === 'full') return prepared
  return readPreparedDelta(api, desired, prepared, request)
}

/** What a delta needs before it reads the store: the marker, and what changed in git since its commit. */
export interface PreparedDelta {
  kind: 'prepared'
  repo: CatalogRepo
  marker: StoreMarker
  changes: CatalogChanges
}

/**
 * The store's marker of the scope and the catalog's changes since its commit, or why delta cannot be
 * sound (no git, no marker, the commit is gone, settings changed): then the caller reads everything.
 */
export async function prepareDelta(
  api: StoreApi,
  dir: string,
  scope: Scope,
): Promise<PreparedDelta | {kind: 'full'; reason: string}> {
  const repo = await openCatalogRepo(dir)
  if (!repo) return full(`the catalog folder ${dir} is not in a git repository`)
  let reading
  try {
    reading = await readStoreMarker(api, scope)
  } catch (error) {
    if (isApiError(error) && (error.status === 403 || error.status === 401)) {
      return full(
        `the store's delta marker (store metafields) cannot be read: HTTP ${error.status}; the API account needs the Information & Settings scope (store_v2_information)`,
      )
    }
    throw error
  }
  if (!reading.found) return full(reading.reason)
  const marker = reading.marker
  if (marker.full_read_required) return full(marker.full_read_required)
  const missing = await missingCommitReason(repo, marker.commit)
  if (missing) return full(missing)
  const changes = await catalogChangesSince(repo, marker.commit)
  if (changes.settings.length > 0) {
    return full(
      `${changes.settings.join(', ')} changed since the last apply (${short(marker.commit)}); settings and the template shape every product`,
    )
  }
  return {kind: 'prepared', repo, marker, changes}
}

/** The delta read proper, once `prepareDelta` found it sound so far. */
export async function readPreparedDelta(
  api: StoreApi,
  desired: DesiredState,
  {marker, changes}: PreparedDelta,
  request: DeltaReadRequest,
): Promise<DeltaRead> {
  const margin = request.marginSeconds ?? marginFromEnvironment()
  const since = new Date(Date.parse(marker.store_time) - margin * 1000).toISOString()
  const narrowRows = narrowRowsOf(marker, changes, margin)
  const read = await readDeltaLive(api, desired, {
    scope: request.scope,
    treeId: request.treeId,
    since,
    skus: [...changes.skus, ...marker.failed_skus],
    knownMaxProductId: marker.max_product_id,
    ...(narrowRows ? {narrowRows} : {}),
  })
  const deleted = marker.product_count + read.createdSince - read.productCount
  if (deleted > 0) {
    return full(
      `${deleted} product(s) were deleted in the store since the last apply (a delete leaves no date_modified to find)`,
    )
  }
  const user = compileSelection(request.selection, desired.products)
  const selectedDesired = desired.products.filter((product) => user.selectsDesired(product))
  const userSkus = new Set(selectedDesired.map((product) => productMatchKey(product.model.sku)))
  const candidates = read.candidates.filter(
    (sku) => !user.active || userSkus.has(productMatchKey(sku)) || user.selectsLive(sku),
  )
  const candidateKeys = new Set(candidates.map(productMatchKey))
  // Only products and all plans read brands and categories (and only they create them).
  const structure = scopeIncludes(request.scope, 'products')
    ? missingStructureReason(desired, read.live, candidateKeys)
    : null
  if (structure) return full(structure)

  // Catalog products a narrow load left unread are unchanged too (src/delta/narrow-catalog.ts).
  const unchanged =
    selectedDesired.filter((product) => !candidateKeys.has(productMatchKey(product.model.sku))).length +
    (request.unloadedProducts ?? 0)
  const parts = [
    `${changes.skus.length} changed in git since ${short(marker.commit)}`,
    `${read.modifiedInStore.length} modified in the store since ${since}`,
    ...(marker.failed_skus.length > 0 ? [`${marker.failed_skus.length} to retry from the last apply`] : []),
  ]
  const rows =
    scopeIncludes(request.scope, 'pricing') || scopeIncludes(request.scope, 'inventory')
      ? ` ${rowsNote(narrowRows?.since, read.rowsInFull, changes)}`
      : ''
  return {
    kind: 'delta',
    live: read.live,
    selection: {keys: candidates},
    marker,
    unchanged,
    structure: read.structure,
    note: `Delta plan: ${candidates.length} candidate product(s) read (${parts.join(', ')}); ${unchanged} other catalog product(s) are unchanged since the last apply of scope ${request.scope} (${short(marker.commit)}).${rows}`,
  }
}

/**
 * A delta reads only the candidates' stock and price records (and the records the store modified since
 * the apply's read began) when stock and price-list files did not change since the marker: then any
 * other record is as the apply left it, or the store changed it (an inventory change moves its product's
 * date_modified; a record has its own date).
 */
function narrowRowsOf(
  marker: StoreMarker,
  changes: CatalogChanges,
  margin: number,
): {since: string; countedAt: string; counts?: Record<string, number>} | undefined {
  if (marker.read_started_at === undefined || changes.other.some(isRowFile)) return undefined
  return {
    since: new Date(Date.parse(marker.read_started_at) - margin * 1000).toISOString(),
    countedAt: marker.store_time,
    ...(marker.price_records ? {counts: marker.price_records} : {}),
  }
}

/** The note's sentence on how stock and price records were read. */
function rowsNote(
  since: string | undefined,
  listsInFull: readonly string[],
  changes: CatalogChanges,
): string {
  if (since === undefined) {
    const changed = changes.other.filter(isRowFile)
    const reason =
      changed.length > 0
        ? `${changed.slice(0, 3).join(', ')} changed since the last apply`
        : "the store's delta marker was written by an older catalogctl"
    return `Stock and price records were read in full (${reason}).`
  }
  const lost =
    listsInFull.length === 0
      ? ''
      : ` (${listsInFull.join(' and ')} in full: ${listsInFull.length === 1 ? 'it' : 'they'} lost records)`
  return `Stock and price records: the candidates' and those modified in the store since ${since}${lost}.`
}

async function missingCommitReason(repo: CatalogRepo, commit: string): Promise<string | null> {
  if (await resolveCommit(repo, commit)) return null
  if (await isShallowRepo(repo)) {
    return `the last apply's commit ${short(commit)} is not in this shallow clone; fetch the history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)`
  }
  return `the last apply's commit ${short(commit)} is not in this repository (history rewritten by a force-push or rebase?)`
}

/**
 * A brand or category the catalog declares that the store lacks, while a product using it is not a
 * candidate: a full plan would create it and update every product using it, so delta cannot stay
 * narrow (someone deleted it in the store). Missing ones only candidates use are new: the diff creates
 * them as in full mode.
 */
function missingStructureReason(
  desired: DesiredState,
  live: LiveState,
  candidateKeys: ReadonlySet<string>,
): string | null {
  const missingBrands = new Set(
    desired.brands.map((brand) => brandMatchKey(brand.name)).filter((key) => !(key in live.ids.brands)),
  )
  const missingCategories = new Set(
    desired.categoryMode === 'auto_create'
      ? desired.categories.map((category) => category.path).filter((path) => !(path in live.ids.categories))
      : [],
  )
  if (missingBrands.size === 0 && missingCategories.size === 0) return null
  const usedOutside = new Set<string>()
  for (const product of desired.products) {
    if (candidateKeys.has(productMatchKey(product.model.sku))) continue
    const brand = product.model.brand
    if (brand !== null && missingBrands.has(brandMatchKey(brand))) usedOutside.add(`brand ${brand}`)
    for (const path of product.model.categories.flatMap(pathWithAncestors))
      if (missingCategories.has(path)) usedOutside.add(`category ${path}`)
  }
  // Declared categories no product uses are created by a full plan too.
  const used = new Set(
    desired.products.flatMap((product) => product.model.categories.flatMap(pathWithAncestors)),
  )
  for (const path of missingCategories) if (!used.has(path)) usedOutside.add(`category ${path}`)
  if (usedOutside.size === 0) return null
  const names = [...usedOutside].sort()
  return `the store lacks ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}, which unchanged catalog products use (deleted in the store?)`
}

export function marginFromEnvironment(): number {
  const raw = process.env['CATALOGCTL_DELTA_MARGIN_SECONDS']
  const value = raw === undefined ? Number.NaN : Number(raw)
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_MARGIN_SECONDS
}

function full(reason: string): {kind: 'full'; reason: string} {
  return {kind: 'full', reason}
}

export function short(commit: string): string {
  return commit.slice(0, 7)
}
