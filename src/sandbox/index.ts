import {createServer} from 'node:http'
import type {ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import {ALL_MODIFY_SCOPES, makeAccount} from './auth.js'
import {FaultInjector} from './faults.js'
import {loadData, Persister} from './persistence.js'
import {ConcurrencyGate, RateLimiter} from './rate-limiter.js'
import {Router} from './router.js'
import {allRoutes} from './routes/all-routes.js'
import {handleRequest} from './server.js'
import {createFreshData} from './state.js'
import {SandboxStats} from './stats.js'
import {SandboxStore} from './store.js'

export interface SandboxOptions {
  port?: number // default 0 in-process (random), 4010 from the CLI
  host?: string // default 127.0.0.1
  dataFile?: string // persist (atomic writes) and reload
  token?: string // default 'sandbox-token'
  storeHash?: string // default 'sandbox'
  scopes?: string[] // default: all modify scopes
  quota?: number // requests per window, default 150
  windowMs?: number // default 30000
  latencyMs?: number
  failRate?: number
  seed?: number
  /** Inventory adjustments become visible to reads this long after they are accepted (default 0). */
  stockDelayMs?: number
  /** Extra API accounts (other apps on the same store): metafield ownership and `app_only` visibility. */
  extraAccounts?: {token: string; scopes?: string[]}[]
}

export interface RunningSandbox {
  url: string // e.g. http://127.0.0.1:41234 — this is BIGCOMMERCE_API_URL (paths are /stores/{hash}/v3/…)
  storeHash: string
  token: string
  env: {BIGCOMMERCE_API_URL: string; BIGCOMMERCE_STORE_HASH: string; BIGCOMMERCE_ACCESS_TOKEN: string}
  stop(): Promise<void>
  /** Delay every answer by `ms` from now on, like a network round trip (benchmarks). */
  setLatency(ms: number): void
  /** A new rate-limit quota from now on, its window starting now: seed fast, then measure under a plan's quota. */
  setQuota(quota: number, windowMs: number): void
  /** The live store, for seeding large states directly (benchmarks) without going through HTTP. */
  store(): SandboxStore
}

/** Starts a local, stateful BigCommerce API on loopback. See README "The sandbox". */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1'
  const storeHash = options.storeHash ?? 'sandbox'
  const token = options.token ?? 'sandbox-token'
  const scopes = options.scopes ?? ALL_MODIFY_SCOPES
  const accounts = [
    makeAccount(token, scopes),
    ...(options.extraAccounts ?? []).map((extra) =>
      makeAccount(extra.token, extra.scopes ?? ALL_MODIFY_SCOPES),
    ),
  ]
  let store = new SandboxStore(
    (options.dataFile ? loadData(options.dataFile) : undefined) ?? createFreshData(storeHash),
  )
  store.stockDelayMs = options.stockDelayMs ?? 0
  const persister = options.dataFile ? new Persister(options.dataFile, () => store.snapshot()) : undefined
  const router = new Router()
  router.add(allRoutes)
  const limiter = new RateLimiter(options.quota ?? 150, options.windowMs ?? 30_000)
  const faults = new FaultInjector(options.failRate ?? 0, options.seed ?? 1)
  const stats = new SandboxStats()

  const control = (method: string, path: string, response: ServerResponse): boolean => {
    const json = (status: number, body: unknown): true => {
      const payload = JSON.stringify(body)
      response.writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(payload)),
      })
      response.end(payload)
      return true
    }
    if (method === 'GET' && path === '/__sandbox/stats') {
      return json(200, {
        requests: stats.requests,
        byRoute: stats.byRoute,
        byStatus: stats.byStatus,
        rateLimited: stats.rateLimited,
        concurrencyLimited: stats.concurrencyLimited,
        memory: process.memoryUsage(),
        faults: faults.counts,
      })
    }
    if (method === 'GET' && path === '/__sandbox/dump') return json(200, store.snapshot())
    if (method === 'POST' && path === '/__sandbox/reset') {
      store = new SandboxStore(createFreshData(storeHash))
      store.stockDelayMs = options.stockDelayMs ?? 0
      stats.reset()
      parts.limiter.reset()
      persister?.schedule()
      return json(200, {reset: true})
    }
    return false
  }

  const parts = {
    storeHash,
    accounts,
    router,
    limiter,
    gate: new ConcurrencyGate(),
    faults,
    stats,
    latencyMs: options.latencyMs ?? 0,
    getStore: () => store,
    onWrite: () => persister?.schedule(),
    control,
  }
  const server = createServer((request, response) => {
    handleRequest(parts, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, {'Content-Type': 'text/plain'})
      response.end(`sandbox error: ${(error as Error).message}`)
    })
  })
  // Node closes a keep-alive socket idle for 5 s. A sandbox busy for seconds on large requests (a 100,000-
  // product seed) runs its timers before reading the sockets, so it closed sockets a client had just sent
  // a POST on, and the client could not tell whether the write happened: a race of this process, not of the
  // API it stands in for. Idle sockets are kept far longer than clients keep them (catalogctl: 60 s at most),
  // so the client always closes first. `close()` still ends idle sockets at once.
  server.keepAliveTimeout = 300_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  const url = `http://${host}:${address.port}`
  return {
    url,
    storeHash,
    token,
    env: {BIGCOMMERCE_API_URL: url, BIGCOMMERCE_STORE_HASH: storeHash, BIGCOMMERCE_ACCESS_TOKEN: token},
    store: () => store,
    setLatency: (ms: number) => {
      parts.latencyMs = ms
    },
    setQuota: (quota: number, windowMs: number) => {
      parts.limiter = new RateLimiter(quota, windowMs)
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await persister?.flush()
    },
  }
}
