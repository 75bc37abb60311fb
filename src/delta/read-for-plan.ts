import type {LiveState} from '../model/live-state.js'
import type {StoreApi} from '../live/store-api.js'
import type {Mode, Plan, Scope} from '../plan/plan.js'
import type {Selection} from '../plan/selection.js'
import type {DesiredCatalog} from '../services/desired-catalog.js'

import {readLiveState} from '../live/read-live-state.js'
import {prepareDelta, readPreparedDelta, type DeltaRead, type PreparedDelta} from './delta-read.js'
import {filesForMissingCandidates, narrowProductFiles, structureReason} from './narrow-catalog.js'

export interface PlanRead {
  /** The catalog the plan diffs: all of it, or (a narrow delta) the product files that changed. */
  catalog: DesiredCatalog
  /** The catalog's product count, also when only some product files were loaded. */
  catalogProducts: number
  treeId: number
  live: LiveState
  /** The mode the read really used: a delta that fell back is `full`. */
  mode: Mode
  /** The selection the diff must use (delta: the candidates it read). */
  selection: Selection
  /** Why a requested delta read everything, in a sentence; null otherwise. */
  fallback: string | null
  /** Set for a delta read: the note and the count of unread (unchanged) catalog products. */
  delta: {note: string; unchanged: number; userSelection: boolean} | null
}

/** Where the catalog comes from: loaded already (full), or loaded here once a delta knows what changed. */
export interface CatalogSource {
  /** The whole catalog, validated (a UserError, exit 4, when invalid). */
  full(): Promise<DesiredCatalog>
  /** Only these product files (catalog-relative), validated; undefined when only `full` may be used. */
  narrow?: (files: ReadonlySet<string>) => Promise<DesiredCatalog>
}

/**
 * The store read of a plan: full (every managed record) or delta (the candidates since the last
 * successful apply of the scope, src/delta/delta-read.ts), falling back to full with a reason. A delta
 * given a `narrow` source loads only the product files that changed (src/delta/narrow-catalog.ts) when
 * that is sound, else the whole catalog, and says which in its note.
 */
export async function readForPlan(
  api: StoreApi,
  source: CatalogSource,
  request: {dir: string; scope: Scope; mode: Mode; selection: Selection},
): Promise<PlanRead> {
  const userSelection = isActive(request.selection)
  let fallback: string | null = null
  if (request.mode === 'delta') {
    const prepared = await prepareDelta(api, request.dir, request.scope)
    if (prepared.kind === 'prepared') {
      const narrow = source.narrow ? await readNarrow(api, source.narrow, prepared, request) : null
      if (narrow?.kind === 'read') return narrow.read
      const catalog = await source.full()
      const treeId = treeIdOf(catalog)
      const delta = await readPreparedDelta(api, catalog.desired, prepared, {...request, treeId})
      if (delta.kind === 'delta') {
        const whole = narrow ? ` It loaded the whole catalog: ${narrow.reason}.` : ''
        return {
          catalog,
          catalogProducts: catalog.desired.products.length,
          treeId,
          ...deltaRead(delta, userSelection, whole),
        }
      }
      fallback = delta.reason
    } else fallback = prepared.reason
  }
  const catalog = await source.full()
  const treeId = treeIdOf(catalog)
  const live = await readLiveState(api, catalog.desired, treeId, {scope: request.scope})
  return {
    catalog,
    catalogProducts: catalog.desired.products.length,
    treeId,
    live,
    mode: 'full',
    selection: request.selection,
    fallback,
    delta: null,
  }
}

/**
 * A delta over the changed product files only. Candidates the store adds (modified there, or whose price
 * records differ) are looked up by text and their files loaded, and the store read again with them, at
 * most twice; whatever cannot be settled narrowly is a reason to load everything.
 */
async function readNarrow(
  api: StoreApi,
  load: (files: ReadonlySet<string>) => Promise<DesiredCatalog>,
  prepared: PreparedDelta,
  request: {dir: string; scope: Scope; selection: Selection},
): Promise<{kind: 'read'; read: PlanRead} | {kind: 'full'; reason: string}> {
  const decided = await narrowProductFiles(prepared)
  if (decided.kind === 'full') return decided
  const files = new Set(decided.files)
  for (let attempt = 0; attempt < 3; attempt++) {
    const catalog = await load(files)
    const treeId = treeIdOf(catalog)
    const unloadedProducts = decided.catalogProducts - catalog.desired.products.length
    const delta = await readPreparedDelta(api, catalog.desired, prepared, {
      ...request,
      treeId,
      unloadedProducts,
    })
    if (delta.kind === 'full') return delta
    const structure = await structureReason(prepared, catalog.desired, delta.live, delta.structure, files)
    if (structure) return {kind: 'full', reason: structure}
    const candidates = delta.selection.keys ?? []
    const missing = await filesForMissingCandidates(prepared, catalog.desired, candidates, files)
    if ('reason' in missing) return {kind: 'full', reason: missing.reason}
    if (missing.files.length === 0) {
      const note = ` It loaded ${files.size} product file(s), those changed and those of candidates, not the whole catalog.`
      return {
        kind: 'read',
        read: {catalog, catalogProducts: decided.catalogProducts, treeId, ...deltaRead(delta, false, note)},
      }
    }
    for (const file of missing.files) files.add(file)
  }
  return {kind: 'full', reason: 'the candidates kept naming more product files'}
}

function deltaRead(
  delta: Extract<DeltaRead, {kind: 'delta'}>,
  userSelection: boolean,
  loading: string,
): Omit<PlanRead, 'catalog' | 'catalogProducts' | 'treeId'> {
  return {
    live: delta.live,
    mode: 'delta',
    selection: delta.selection,
    fallback: null,
    delta: {note: `${delta.note}${loading}`, unchanged: delta.unchanged, userSelection},
  }
}

function treeIdOf(catalog: DesiredCatalog): number {
  return catalog.catalog.categories.tree_id ?? 1
}

/** The diff's plan, told what the read did: the delta note and unchanged count, or the fallback reason. */
export function explainPlanRead(plan: Plan, read: PlanRead): Plan {
  if (read.fallback !== null) {
    return {...plan, notes: [fallbackNote(read.fallback), ...plan.notes]}
  }
  if (!read.delta) return plan
  // The diff saw a selection (the candidates); the reader did not ask for one unless --sku/--file did.
  const notes = read.delta.userSelection
    ? plan.notes
    : plan.notes.filter((note) => !note.startsWith('Partial plan:'))
  return {
    ...plan,
    notes: [read.delta.note, ...notes],
    summary: {...plan.summary, unchanged: plan.summary.unchanged + read.delta.unchanged},
  }
}

export function fallbackNote(reason: string): string {
  return `Delta mode read the whole store instead: ${reason}.`
}

export function isActive(selection: Selection): boolean {
  return (
    (selection.skus?.length ?? 0) > 0 || (selection.files?.length ?? 0) > 0 || selection.keys !== undefined
  )
}
