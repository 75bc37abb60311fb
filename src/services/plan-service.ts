import {openStore, type StoreConnection} from '../connection/open-store.js'
import {explainStoreError} from '../connection/store-errors.js'
import type {CatalogctlConfig} from '../catalog/generated/index.js'
import type {LiveState} from '../model/live-state.js'
import {productKeysWritten, readOwnershipMarkers} from '../live/read-ownership.js'
import {diff} from '../plan/diff.js'
import {scopeIncludes} from '../model/kinds.js'
import {partialCatalogHash} from '../plan/fingerprint.js'
import type {Mode, Plan, Scope} from '../plan/plan.js'
import type {Selection} from '../plan/selection.js'
import {catalogctlVersion} from '../bigcommerce/user-agent.js'
import {explainPlanRead, isActive, readForPlan, type CatalogSource} from '../delta/read-for-plan.js'
import {readStoreTime} from '../delta/store-time.js'
import {changedSinceNote, changedSinceSelection} from '../git/changed-since.js'
import {catalogCommit} from './catalog-commit.js'
import {loadCatalogConfig, loadDesiredCatalog, type DesiredCatalog} from './desired-catalog.js'

export interface ConnectionRequest {
  dir: string
  /** Use the embedded sandbox (`.catalogctl/sandbox.json`) instead of the store the environment names. */
  sandbox: boolean
  concurrency?: number
  timeoutMs?: number
  /** Retries after the first try (`--retries`; default 5). */
  retries?: number
  verbose?: boolean
}

export interface PlanRequest extends ConnectionRequest {
  scope: Scope
  mode: Mode
  selection: Selection
  /**
   * Runs once connected, before the store is read (apply takes the store lock here); what it returns is
   * run if planning then fails, while the connection is still open.
   */
  beforeRead?: (connection: StoreConnection) => Promise<(() => Promise<void>) | undefined>
  /** `--changed-since REF`: add the products whose YAML changed since REF to the selection. */
  changedSince?: string
  /** Read the store's clock before reading it (apply: the delta marker looks for others' edits since). */
  recordStoreTime?: boolean
  /** `plan --out`: the plan is saved, so its catalog hash must cover the whole catalog (no narrow delta). */
  savesPlan?: boolean
}

/** A plan and everything it was computed from; `close()` releases the connection. */
export interface PlanSession extends DesiredCatalog {
  connection: StoreConnection
  live: LiveState
  plan: Plan
  /** The catalog's product count (a narrow delta loads only some of them). */
  catalogProducts: number
  treeId: number
  /** The store's clock when the read began (with `recordStoreTime`), else catalogctl's clock. */
  readStartedAt: {storeTime: string} | {localTime: Date}
  /** Why `--mode delta` read the whole store, or null. */
  deltaFallback: string | null
  close(): Promise<void>
}

export async function openConnection(
  request: ConnectionRequest,
  config: CatalogctlConfig,
): Promise<StoreConnection> {
  const store = config.store ?? {}
  return openStore({
    catalogDir: request.dir,
    sandbox: request.sandbox,
    envNames: {
      ...(store.store_hash_env ? {storeHashEnv: store.store_hash_env} : {}),
      ...(store.access_token_env ? {accessTokenEnv: store.access_token_env} : {}),
      ...(store.api_url_env ? {apiUrlEnv: store.api_url_env} : {}),
    },
    ...(request.concurrency === undefined ? {} : {concurrency: request.concurrency}),
    ...(request.timeoutMs === undefined ? {} : {timeoutMs: request.timeoutMs}),
    ...(request.retries === undefined ? {} : {retries: request.retries}),
    ...(request.verbose === undefined ? {} : {verbose: request.verbose}),
  })
}

/**
 * The plan pipeline: load and validate the catalog (exit 4 before anything is sent), read the store
 * into the same model, and diff the two into a Plan value. Nothing is printed here.
 */
export async function planAgainstStore(request: PlanRequest): Promise<PlanSession> {
  // A delta over everything may load only the product files that changed (src/delta/narrow-catalog.ts):
  // it connects with catalogctl.yaml alone and loads the rest once the marker says what changed. A saved
  // plan is checked against the whole catalog, and a selection is compiled against all of it.
  const narrow =
    request.mode === 'delta' && !request.savesPlan && !request.changedSince && !isActive(request.selection)
  const loaded = narrow ? null : await loadDesiredCatalog(request.dir)
  const changed = request.changedSince
    ? await changedSinceSelection(request.dir, request.changedSince, request.selection)
    : undefined
  const selection = changed?.selection ?? request.selection
  const config = loaded?.catalog.config ?? (await loadCatalogConfig(request.dir))
  const connection = await openConnection(request, config)
  let undo: (() => Promise<void>) | undefined
  try {
    undo = await request.beforeRead?.(connection)
    const readStartedAt = request.recordStoreTime
      ? await readStoreTime(connection.client).then(
          (storeTime) => ({storeTime}),
          // Without the information scope the marker falls back to catalogctl's clock (less 5 minutes).
          () => ({localTime: new Date()}),
        )
      : {localTime: new Date()}
    let whole: Promise<DesiredCatalog> | undefined = loaded ? Promise.resolve(loaded) : undefined
    const source: CatalogSource = {
      full: () => (whole ??= loadDesiredCatalog(request.dir)),
      ...(narrow
        ? {
            // A narrow catalog is never saved or hashed whole: a scope without pricing skips price lists.
            narrow: (files: ReadonlySet<string>) =>
              loadDesiredCatalog(request.dir, {
                onlyProductFiles: files,
                skipPriceLists: !scopeIncludes(request.scope, 'pricing'),
              }),
          }
        : {}),
    }
    const [read, commit] = await Promise.all([
      readForPlan(connection.client, source, {...request, selection}),
      catalogCommit(request.dir),
    ])
    const desiredCatalog = read.catalog
    const live = read.live
    const diffOptions = {scope: request.scope, mode: read.mode, selection: read.selection, commit}
    let diffed = diffWithStore(desiredCatalog, live, connection, diffOptions)
    // A scoped plan reads ownership markers only for the products it would write to, then diffs again:
    // an unmanaged product drops out of the plan (counted, never written).
    if (await readOwnershipMarkers(connection.client, live, productKeysWritten(diffed)))
      diffed = diffWithStore(desiredCatalog, live, connection, diffOptions)
    const explained = explainPlanRead(diffed, read)
    const plan =
      changed && request.changedSince
        ? {...explained, notes: [changedSinceNote(request.changedSince, changed.changes), ...explained.notes]}
        : explained
    return {
      ...desiredCatalog,
      catalogProducts: read.catalogProducts,
      connection,
      live,
      plan,
      treeId: read.treeId,
      readStartedAt,
      deltaFallback: read.fallback,
      close: () => connection.close(),
    }
  } catch (error) {
    await undo?.()
    await connection.close()
    throw explainStoreError(error)
  }
}

export function diffWithStore(
  {catalog, desired}: DesiredCatalog,
  live: LiveState,
  connection: StoreConnection,
  options: {scope: Scope; mode: Mode; selection: Selection; commit: string | null},
): Plan {
  const rate = connection.client.rateLimit()
  const prune = catalog.config.prune?.products
  return diff(desired, live, {
    scope: options.scope,
    mode: options.mode,
    ...(prune ? {prune: {products: prune}} : {}),
    ...(catalog.config.store_owned_fields ? {storeOwned: catalog.config.store_owned_fields} : {}),
    ...(catalog.partial ? {catalogHash: partialCatalogHash(desired)} : {}),
    selection: options.selection,
    storeHash: connection.storeHash,
    commit: options.commit,
    version: catalogctlVersion,
    now: new Date(),
    quota: {
      ...(rate.quota === undefined ? {} : {requestsPerWindow: rate.quota}),
      ...(rate.windowMs === undefined ? {} : {windowMs: rate.windowMs}),
    },
  })
}
