import {openStore, type StoreConnection} from '../connection/open-store.js'
import {explainStoreError} from '../connection/store-errors.js'
import type {LiveState} from '../model/live-state.js'
import {readLiveState} from '../live/read-live-state.js'
import {diff} from '../plan/diff.js'
import type {Mode, Plan, Scope} from '../plan/plan.js'
import type {Selection} from '../plan/selection.js'
import {catalogctlVersion} from '../bigcommerce/user-agent.js'
import {catalogCommit} from './catalog-commit.js'
import {loadDesiredCatalog, type DesiredCatalog} from './desired-catalog.js'
import {pendingFeatureNotes} from './pending-features.js'

export interface ConnectionRequest {
  dir: string
  /** Use the embedded sandbox (`.catalogctl/sandbox.json`) instead of the store the environment names. */
  sandbox: boolean
  concurrency?: number
  timeoutMs?: number
  verbose?: boolean
}

export interface PlanRequest extends ConnectionRequest {
  scope: Scope
  mode: Mode
  selection: Selection
}

/** A plan and everything it was computed from; `close()` releases the connection. */
export interface PlanSession extends DesiredCatalog {
  connection: StoreConnection
  live: LiveState
  plan: Plan
  treeId: number
  close(): Promise<void>
}

export async function openConnection(
  request: ConnectionRequest,
  desired: DesiredCatalog,
): Promise<StoreConnection> {
  const store = desired.catalog.config.store ?? {}
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
    ...(request.verbose === undefined ? {} : {verbose: request.verbose}),
  })
}

/**
 * The plan pipeline: load and validate the catalog (exit 4 before anything is sent), read the store
 * into the same model, and diff the two into a Plan value. Nothing is printed here.
 */
export async function planAgainstStore(request: PlanRequest): Promise<PlanSession> {
  const desiredCatalog = await loadDesiredCatalog(request.dir)
  const connection = await openConnection(request, desiredCatalog)
  try {
    const treeId = desiredCatalog.catalog.categories.tree_id ?? 1
    const [live, commit] = await Promise.all([
      readLiveState(connection.client, desiredCatalog.desired, treeId, {scope: request.scope}),
      catalogCommit(request.dir),
    ])
    const plan = diffWithStore(desiredCatalog, live, connection, {...request, commit})
    return {...desiredCatalog, connection, live, plan, treeId, close: () => connection.close()}
  } catch (error) {
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
  const plan = diff(desired, live, {
    scope: options.scope,
    mode: options.mode,
    ...(prune ? {prune: {products: prune}} : {}),
    ...(catalog.config.store_owned_fields ? {storeOwned: catalog.config.store_owned_fields} : {}),
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
  return {...plan, notes: [...plan.notes, ...pendingFeatureNotes(catalog)]}
}
