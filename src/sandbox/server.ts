import type {IncomingMessage, ServerResponse} from 'node:http'
import {performance} from 'node:perf_hooks'
import {setTimeout as sleep} from 'node:timers/promises'

import {ApiFailure, ERROR_TYPE} from './api-errors.js'
import type {ApiAccount} from './auth.js'
import {allows} from './auth.js'
import type {FaultInjector} from './faults.js'
import type {ApiReply} from './http-types.js'
import type {ConcurrencyGate, RateLimiter} from './rate-limiter.js'
import type {Router} from './router.js'
import type {SandboxStats} from './stats.js'
import type {SandboxStore} from './store.js'

export interface ServerParts {
  storeHash: string
  accounts: ApiAccount[]
  router: Router
  limiter: RateLimiter
  gate: ConcurrencyGate
  faults: FaultInjector
  stats: SandboxStats
  latencyMs: number
  getStore: () => SandboxStore
  onWrite: () => void
  control: (method: string, path: string, response: ServerResponse) => boolean
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

interface Started {
  wall: number
  cpu: NodeJS.CpuUsage
}

function send(
  response: ServerResponse,
  reply: ApiReply,
  headers: Record<string, string>,
  startedAt?: Started,
): void {
  if (response.destroyed) return
  if (reply.status === 204) {
    response.writeHead(204, headers)
    response.end()
    return
  }
  if (reply.text !== undefined) {
    response.writeHead(reply.status, {
      ...headers,
      'Content-Type': reply.contentType ?? 'text/plain; charset=utf-8',
    })
    response.end(reply.text)
    return
  }
  const payload = reply.json ?? JSON.stringify(reply.body ?? {})
  // Server-Timing: time spent in the sandbox for this answer (handler + serialisation), for benchmarks.
  const timing =
    startedAt === undefined
      ? {}
      : {
          'Server-Timing': `app;dur=${(performance.now() - startedAt.wall).toFixed(2)}, cpu;dur=${cpuMs(startedAt.cpu).toFixed(2)}`,
        }
  response.writeHead(reply.status, {
    ...headers,
    ...timing,
    'Content-Type': reply.contentType ?? 'application/json',
    'Content-Length': String(Buffer.byteLength(payload)),
  })
  response.end(payload)
}

/** CPU time of the whole process since `since`: steadier than wall time on a busy machine. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}

function problem(status: number, title: string): ApiReply {
  return {status, body: {status, title, type: ERROR_TYPE, errors: {}}}
}

/** One API request through the pipeline: auth, store hash, quota, route, scope, body, caps, faults, handler. */
export async function handleRequest(
  parts: ServerParts,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const method = request.method ?? 'GET'
  const url = new URL(request.url ?? '/', 'http://sandbox.local')
  if (url.pathname.startsWith('/__sandbox/')) {
    if (!parts.control(method, url.pathname, response))
      send(response, problem(404, 'Unknown control endpoint'), {})
    return
  }
  const body = METHODS_WITH_BODY.has(method) ? await readBody(request) : Buffer.alloc(0)
  let template: string | undefined
  let reply: ApiReply
  let headers: Record<string, string> = {}
  let startedAt: Started | undefined
  try {
    const outcome = await route(parts, request, method, url, body)
    template = outcome.template
    reply = outcome.reply
    headers = outcome.headers
    startedAt = outcome.startedAt
  } catch (error) {
    if (error === DROP) {
      parts.stats.count(method, template, 0)
      request.socket.destroy()
      return
    }
    reply =
      error instanceof ApiFailure ? error.reply : problem(500, `Sandbox bug: ${(error as Error).message}`)
  }
  parts.stats.count(method, template, reply.status)
  send(response, reply, headers, startedAt)
}

const DROP = Symbol('drop connection')

async function route(
  parts: ServerParts,
  request: IncomingMessage,
  method: string,
  url: URL,
  body: Buffer,
): Promise<{template?: string; reply: ApiReply; headers: Record<string, string>; startedAt?: Started}> {
  const match = /^\/stores\/([^/]+)(\/v[23]\/.*)$/.exec(url.pathname)
  const token = request.headers['x-auth-token']
  const account = parts.accounts.find((candidate) => candidate.token === token)
  // The catalog specs model 401 as plain text (S-P components.responses.UnauthorizedError).
  if (!account) return {reply: {status: 401, text: 'Unauthorized'}, headers: {}}
  if (!match || match[1] !== parts.storeHash) {
    return {
      reply: problem(404, 'The store was not found or the URL is wrong.'),
      headers: parts.limiter.headers(),
    }
  }
  const path = (match[2] as string).replace(/\/+$/, '')
  const fault = parts.faults.next()
  if (fault === 'burst429') return {reply: problem(429, 'Too many requests'), headers: {}}
  if (!parts.limiter.take()) {
    parts.stats.rateLimited++
    return {
      reply: problem(429, 'You have exceeded the rate limit for this store.'),
      headers: parts.limiter.headers(),
    }
  }
  const headers = parts.limiter.headers()
  const {match: found, allowed} = parts.router.match(method, path)
  if (!found) {
    if (allowed.length > 0) {
      return {
        reply: {
          status: 405,
          body: {
            status: 405,
            title: 'Method Not Allowed',
            type: ERROR_TYPE,
            detail: `Allowed: ${allowed.join(', ')}`,
          },
        },
        headers: {...headers, Allow: allowed.join(', ')},
      }
    }
    return {
      reply: {status: 404, body: {status: 404, title: 'Route not found', type: ERROR_TYPE, instance: path}},
      headers,
    }
  }
  const {route: definition, params} = found
  const template = definition.template
  if (!allows(account, definition.scope, method)) {
    return {template, reply: problem(403, 'You do not have the OAuth scope this request needs.'), headers}
  }
  let parsed: unknown
  if (body.length > 0) {
    const contentType = request.headers['content-type'] ?? ''
    if (!contentType.toLowerCase().includes('json')) {
      return {template, reply: problem(415, 'The Content-Type header must be application/json.'), headers}
    }
    try {
      parsed = JSON.parse(body.toString('utf8'))
    } catch {
      return {template, reply: problem(400, 'The request body is not valid JSON.'), headers}
    }
  }
  if (!parts.gate.enter(template, definition.concurrency)) {
    parts.stats.concurrencyLimited++
    return {template, reply: problem(429, 'Too many concurrent requests to this endpoint.'), headers}
  }
  try {
    if (fault === 'drop') throw DROP
    if (fault === 'http500' || fault === 'http502' || fault === 'http503') {
      const status = Number(fault.slice(4))
      return {template, reply: problem(status, 'Injected sandbox fault'), headers}
    }
    const delay = parts.latencyMs + (fault === 'slow' ? parts.faults.slowMs : 0)
    if (delay > 0) await sleep(delay)
    const store = parts.getStore()
    const startedAt = {wall: performance.now(), cpu: process.cpuUsage()}
    let reply: ApiReply
    try {
      reply = definition.handler(
        {method, template, params, query: url.searchParams, body: parsed, clientId: account.clientId},
        store,
      )
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      reply = error.reply
    }
    if (store.dirty) {
      store.dirty = false
      parts.onWrite()
    }
    return {template, reply, headers, startedAt}
  } finally {
    parts.gate.leave(template, definition.concurrency)
  }
}
