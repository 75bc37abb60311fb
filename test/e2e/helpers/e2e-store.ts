import {randomBytes} from 'node:crypto'
import {createServer, request as httpRequest, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

import {startSandbox, type RunningSandbox, type SandboxOptions} from '../../../src/sandbox/index.js'
import type {SandboxData} from '../../../src/sandbox/state.js'

/** One write the CLI sent to the store (through the recording proxy): method, path and parsed body. */
export interface RecordedWrite {
  method: string
  /** The path after `/stores/{hash}`, query included: `/v3/catalog/products`. */
  path: string
  body: unknown
}

export interface E2eStore {
  sandbox: RunningSandbox
  /** A distinctive access token, so a leak is found by a plain search of every output and file. */
  token: string
  /** What the CLI gets: the recording proxy's URL, the store hash and the token. */
  env: Record<string, string>
  /**
   * Catalog writes (every non-GET request but store metafields) the CLI sent since the last
   * `clearWrites()` or `reset()`.
   */
  writes: RecordedWrite[]
  /** Writes to store metafields (the apply lock, delta markers), kept apart from the catalog's. */
  bookkeeping: RecordedWrite[]
  clearWrites(): void
  /**
   * Runs before a write is forwarded to the sandbox (set to undefined to remove): a test makes something
   * happen in the store at that exact moment, e.g. another app creating the same SKU between apply's read
   * and its create.
   */
  beforeWrite: ((write: RecordedWrite) => Promise<void>) | undefined
  /** `POST /__sandbox/reset`: an empty store, zeroed stats. */
  reset(): Promise<void>
  /** A request straight to the sandbox (not recorded), as another app or the merchant would make it. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{status: number; body: T}>
  dump(): Promise<SandboxData>
  stats(): Promise<{requests: number; byRoute: Record<string, number>; byStatus: Record<string, number>}>
  /** Moves the sandbox clock forward, so anything written afterwards gets a later date_modified. */
  advanceClock(ms: number): void
  stop(): Promise<void>
}

/**
 * A sandbox on 127.0.0.1 with a recording proxy in front of it: the CLI talks to the proxy, which forwards
 * every request unchanged and keeps the writes, so a test can assert exactly what apply sent.
 */
export async function startE2eStore(options: Pick<SandboxOptions, 'stockDelayMs'> = {}): Promise<E2eStore> {
  const token = `e2e-secret-${randomBytes(12).toString('hex')}`
  const sandbox = await startSandbox({port: 0, token, quota: 10_000, ...options})
  const target = new URL(sandbox.url)
  const writes: RecordedWrite[] = []
  const bookkeeping: RecordedWrite[] = []
  let clockOffset = 0
  const prefix = `/stores/${sandbox.storeHash}`

  const hooks: {beforeWrite: ((write: RecordedWrite) => Promise<void>) | undefined} = {
    beforeWrite: undefined,
  }
  const proxy: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => void forwardRequest())
    const forwardRequest = async (): Promise<void> => {
      const payload = Buffer.concat(chunks)
      const url = incoming.url ?? '/'
      if (incoming.method !== 'GET' && url.startsWith(prefix)) {
        const text = payload.toString('utf8')
        const write = {
          method: incoming.method ?? '',
          path: url.slice(prefix.length),
          body: text === '' ? undefined : (JSON.parse(text) as unknown),
        }
        // The store lock and other bookkeeping in store metafields are not catalog writes.
        if (write.path.startsWith('/v3/store/metafields')) bookkeeping.push(write)
        else {
          writes.push(write)
          await hooks.beforeWrite?.(write)
        }
      }
      const forward = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: url,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(outgoing)
        },
      )
      forward.on('error', () => outgoing.destroy())
      forward.end(payload)
    }
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`

  const applyClock = (): void => {
    sandbox.store().setClock(() => new Date(Date.now() + clockOffset))
  }

  const api = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}${prefix}${path}`, {
      method,
      headers: {
        'X-Auth-Token': token,
        Accept: 'application/json',
        ...(body === undefined ? {} : {'Content-Type': 'application/json'}),
      },
      ...(body === undefined ? {} : {body: JSON.stringify(body)}),
    })
    const text = await response.text()
    return {status: response.status, body: (text ? JSON.parse(text) : null) as T}
  }

  return {
    get beforeWrite() {
      return hooks.beforeWrite
    },
    set beforeWrite(hook) {
      hooks.beforeWrite = hook
    },
    sandbox,
    token,
    env: {
      BIGCOMMERCE_API_URL: proxyUrl,
      BIGCOMMERCE_STORE_HASH: sandbox.storeHash,
      BIGCOMMERCE_ACCESS_TOKEN: token,
    },
    writes,
    bookkeeping,
    clearWrites: () => {
      writes.length = 0
      bookkeeping.length = 0
    },
    reset: async () => {
      const response = await fetch(`${sandbox.url}/__sandbox/reset`, {method: 'POST'})
      if (response.status !== 200) throw new Error(`sandbox reset answered ${response.status}`)
      writes.length = 0
      bookkeeping.length = 0
      hooks.beforeWrite = undefined
      clockOffset = 0
      applyClock()
    },
    api,
    dump: async () => (await (await fetch(`${sandbox.url}/__sandbox/dump`)).json()) as SandboxData,
    stats: async () =>
      (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as {
        requests: number
        byRoute: Record<string, number>
        byStatus: Record<string, number>
      },
    advanceClock: (ms: number) => {
      clockOffset += ms
      applyClock()
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve())
        proxy.closeAllConnections()
      })
      await sandbox.stop()
    },
  }
}
