import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

import type {ScheduleJob} from '../catalog/generated/index.js'
import {handleApiRequest} from './http-api.js'
import {TokenBucket} from './request-guards.js'
import {RunQueue, type Runner} from './run-queue.js'
import {Scheduler} from './scheduler.js'

export interface ServeOptions {
  host?: string
  port?: number
  /** Accepted bearer tokens (CATALOGCTL_WEBHOOK_TOKEN and, while rotating, CATALOGCTL_WEBHOOK_TOKEN_NEXT). */
  tokens: string[]
  runner: Runner
  jobs?: readonly ScheduleJob[]
  log?: (line: string) => void
  /** Token bucket for triggers per client address (default 30 at once, 1 more per second). */
  burst?: number
  perSecond?: number
  /** Whole-request and header timeouts (default 10 s and 5 s). */
  requestTimeoutMs?: number
  headersTimeoutMs?: number
}

export interface RunningServe {
  url: string
  port: number
  queue: RunQueue
  scheduler: Scheduler
  /** Stops listening, drops queued runs, waits up to `graceMs` for the running apply, then aborts it. */
  close(graceMs?: number): Promise<{finished: boolean}>
}

/** `catalogctl serve`: the trigger API on node:http, the schedules, and the one-at-a-time run queue. */
export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const tokens = options.tokens.filter((token) => token.length > 0)
  if (tokens.length === 0) throw new Error('startServe needs at least one token')
  const log = options.log ?? (() => undefined)
  const queue = new RunQueue(options.runner, log)
  const scheduler = new Scheduler(options.jobs ?? [], queue, log)
  const bucket = new TokenBucket(options.burst ?? 30, options.perSecond ?? 1)
  const server = createServer((request, response) => {
    void handleApiRequest({queue, scheduler, tokens, bucket, log}, request, response)
  })
  server.requestTimeout = options.requestTimeoutMs ?? 10_000
  server.headersTimeout = options.headersTimeoutMs ?? 5_000
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    queue,
    scheduler,
    async close(graceMs = 60_000) {
      scheduler.stop()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      const drained = await queue.drain(graceMs)
      server.closeAllConnections()
      await closed
      return drained
    },
  }
}
