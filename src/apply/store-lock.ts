import os from 'node:os'

import {ApiError} from '../bigcommerce/api-error.js'
import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import type {StoreApi} from '../live/store-api.js'

/**
 * One apply at a time per store, across machines: the lock is a store metafield (store_information.v3.yml
 * `/store/metafields`, namespace `catalogctl`, key `apply-lock`). Taking it is a create, and BigCommerce
 * keeps namespace + key unique per resource, so of two applies creating it at once exactly one succeeds.
 *
 * The holder renews it while it runs; a lock whose expiry has passed (its holder died on another
 * machine), or whose holder process is gone on this machine, is taken over. A second apply never waits
 * silently: it is refused with who holds the lock and until when (exit 6).
 */

export const LOCK_NAMESPACE = 'catalogctl'
export const LOCK_KEY = 'apply-lock'
const METAFIELDS = '/v3/store/metafields'
const METAFIELD = '/v3/store/metafields/{metafield_id}'

export interface LockHolder {
  run_id: string
  scope: string
  host: string
  pid: number
  acquired_at: string
  expires_at: string
}

export interface StoreLock {
  /** Renews until released; releasing twice is harmless. */
  release(): Promise<void>
  /** Why no lock is held (a token without the store-information scope), or null. */
  readonly unavailable: string | null
}

export interface LockOptions {
  runId: string
  scope: string
  /** How long a lock lives without renewal (default 2 minutes); renewed every third of it. */
  ttlMs?: number
  now?: () => Date
}

interface MetafieldJson {
  id: number | string
  namespace?: string
  key?: string
  value?: string
}

export async function acquireStoreLock(api: StoreApi, options: LockOptions): Promise<StoreLock> {
  const ttlMs = options.ttlMs ?? 120_000
  const now = options.now ?? (() => new Date())
  const acquiredAt = now().toISOString()
  const holder = (): LockHolder => ({
    run_id: options.runId,
    scope: options.scope,
    host: os.hostname(),
    pid: process.pid,
    acquired_at: acquiredAt,
    expires_at: new Date(now().getTime() + ttlMs).toISOString(),
  })

  let id: number
  try {
    id = await createLock(api, holder())
  } catch (error) {
    if (isForbidden(error))
      return unlocked(`the API account cannot write store metafields (${describe(error)})`)
    if (!isConflict(error)) throw error
    const existing = await readLock(api)
    if (existing && !isStale(existing.holder, now())) throw lockHeld(existing.holder)
    if (existing) await api.request('DELETE', METAFIELD, {params: {metafield_id: existing.id}})
    // Taken over (or it vanished meanwhile): one more create decides, against any other taker.
    try {
      id = await createLock(api, holder())
    } catch (second) {
      if (!isConflict(second)) throw second
      const winner = await readLock(api)
      // No holder to name: the store refused the lock itself (a validation error), not a conflict.
      if (!winner) throw second
      throw lockHeld(winner.holder)
    }
  }

  const renew = setInterval(() => {
    api
      .request('PUT', METAFIELD, {params: {metafield_id: id}, body: {value: JSON.stringify(holder())}})
      .catch(() => undefined) // a missed renewal only shortens the lock; the next one may succeed
  }, ttlMs / 3)
  renew.unref()
  let released = false
  return {
    unavailable: null,
    release: async () => {
      if (released) return
      released = true
      clearInterval(renew)
      await api.request('DELETE', METAFIELD, {params: {metafield_id: id}}).catch(() => undefined)
    },
  }
}

async function createLock(api: StoreApi, holder: LockHolder): Promise<number> {
  const response = await api.request<{data?: MetafieldJson[]; errors?: unknown}>('POST', METAFIELDS, {
    body: [
      {
        namespace: LOCK_NAMESPACE,
        key: LOCK_KEY,
        value: JSON.stringify(holder),
        permission_set: 'app_only',
        description: 'catalogctl: an apply is running against this store',
      },
    ],
  })
  const created = response.body.data?.[0]
  // A batch create answers the items it refused in `errors` (per item), not always with an error status.
  if (created === undefined)
    throw new ApiError({reason: 'status', method: 'POST', path: METAFIELDS, status: 409, body: response.body})
  return Number(created.id)
}

async function readLock(api: StoreApi): Promise<{id: number; holder: LockHolder | undefined} | undefined> {
  const found = await api.listAll<MetafieldJson>(METAFIELDS, {
    query: {namespace: LOCK_NAMESPACE, key: LOCK_KEY},
  })
  const metafield = found.find((item) => item.namespace === LOCK_NAMESPACE && item.key === LOCK_KEY)
  if (!metafield) return undefined
  return {id: Number(metafield.id), holder: parseHolder(metafield.value)}
}

function parseHolder(value: string | undefined): LockHolder | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as Partial<LockHolder>
    return typeof parsed.expires_at === 'string' && typeof parsed.host === 'string'
      ? (parsed as LockHolder)
      : undefined
  } catch {
    return undefined
  }
}

/** Expired, unreadable, or held by a process of this machine that no longer exists. */
export function isStale(holder: LockHolder | undefined, now: Date): boolean {
  if (!holder) return true
  if (Date.parse(holder.expires_at) <= now.getTime()) return true
  if (holder.host !== os.hostname()) return false
  try {
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM'
  }
}

function lockHeld(holder: LockHolder | undefined): UserError {
  const who = holder
    ? `run ${holder.run_id} (scope ${holder.scope}) on ${holder.host}, pid ${holder.pid}, since ${holder.acquired_at}`
    : 'another apply'
  return new UserError(`Another apply is running against this store: ${who}`, {
    code: 'apply.locked',
    exitCode: ExitCode.refused,
    hint: holder
      ? `Run again when it has finished. If that run is gone, its lock expires at ${holder.expires_at} and is then taken over.`
      : 'Run again when it has finished.',
  })
}

function unlocked(reason: string): StoreLock {
  return {unavailable: reason, release: async () => {}}
}

function isConflict(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 409 || error.status === 422)
}

function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 401)
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
