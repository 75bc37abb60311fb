import type {IncomingMessage, ServerResponse} from 'node:http'

import {bearerMatches, type TokenBucket} from './request-guards.js'
import {SYNC_MODES, SYNC_SCOPES, type Run, type RunQueue, type SyncMode, type SyncScope} from './run-queue.js'
import type {Scheduler} from './scheduler.js'

export const MAX_BODY_BYTES = 16 * 1024
export const SYNC_PATH = '/api/v1/channels/bigcommerce/sync'

export interface ApiContext {
  queue: RunQueue
  scheduler: Scheduler
  tokens: readonly string[]
  bucket: TokenBucket
  log: (line: string) => void
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

interface Route {
  pattern: RegExp
  methods: Record<
    string,
    (context: ApiContext, request: IncomingMessage, match: RegExpExecArray) => Promise<[number, unknown]>
  >
  auth: boolean
}

const routes: Route[] = [
  {pattern: /^\/healthz$/, auth: false, methods: {GET: async (context) => [200, health(context)]}},
  {
    pattern: new RegExp(`^${SYNC_PATH}$`),
    auth: true,
    methods: {POST: (context, request) => triggerSync(context, request)},
  },
  {
    pattern: /^\/api\/v1\/runs$/,
    auth: true,
    methods: {GET: async (context) => [200, {runs: context.queue.list().map(withoutResults)}]},
  },
  {
    pattern: /^\/api\/v1\/runs\/([A-Za-z0-9-]+)$/,
    auth: true,
    methods: {
      GET: async (context, _request, match) => {
        const run = context.queue.get(match[1] ?? '')
        if (!run) throw new HttpProblem(404, `no run ${match[1] ?? ''}`)
        return [200, run]
      },
    },
  },
  {
    pattern: /^\/api\/v1\/schedules$/,
    auth: true,
    methods: {GET: async (context) => [200, {schedules: context.scheduler.list()}]},
  },
]

/**
 * The trigger API. Checks run in this order, and nothing is queued unless all pass: route (404),
 * method (405 + Allow), flood (429 + Retry-After, a token bucket per client address, on triggers),
 * bearer token (401, constant time), content type (415), size (413, Content-Length first, then while
 * reading), JSON and values (400 with the allowed values). Headers are never logged.
 */
export async function handleApiRequest(
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    // Appended to a fixed origin, never resolved against it: `//x` is a path here, not a host.
    const path = new URL(`http://localhost${request.url?.startsWith('/') ? request.url : '/'}`).pathname
    const route = routes.find((candidate) => candidate.pattern.test(path))
    if (!route) throw new HttpProblem(404, `no such endpoint: ${path}`)
    const method = request.method ?? 'GET'
    const handler = route.methods[method]
    if (!handler) {
      const allow = Object.keys(route.methods).join(', ')
      throw new HttpProblem(405, `${method} is not allowed here`, {allow}, {Allow: allow})
    }
    if (method === 'POST') {
      const taken = context.bucket.take(request.socket.remoteAddress ?? 'unknown')
      if (!taken.ok)
        throw new HttpProblem(
          429,
          'too many triggers; slow down',
          {},
          {'Retry-After': String(taken.retryAfter)},
        )
    }
    if (route.auth && !bearerMatches(request.headers.authorization, context.tokens))
      throw new HttpProblem(401, 'unauthorized', {}, {'WWW-Authenticate': 'Bearer'})
    const [status, body] = await handler(context, request, route.pattern.exec(path) as RegExpExecArray)
    send(response, status, body)
  } catch (error) {
    if (error instanceof HttpProblem) {
      send(response, error.status, {error: error.message, ...error.extra}, error.headers)
      // Drain what the client still sends so the socket can answer and close cleanly.
      request.resume()
      return
    }
    context.log(`internal error: ${(error as Error).message}`)
    send(response, 500, {error: 'internal error'})
  }
}

async function triggerSync(context: ApiContext, request: IncomingMessage): Promise<[number, unknown]> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') throw new HttpProblem(415, 'send Content-Type: application/json')
  const body = await readBody(request)
  let parsed: unknown
  try {
    parsed = JSON.parse(body.length === 0 ? '{}' : body)
  } catch {
    throw new HttpProblem(400, 'the body is not JSON')
  }
  const {scope, mode} = validateSync(parsed)
  const {run, coalesced} = context.queue.enqueue(scope, mode, 'api')
  return [
    202,
    {
      run_id: run.id,
      status: run.status,
      scope: run.scope,
      mode: run.mode,
      coalesced,
      url: `/api/v1/runs/${run.id}`,
    },
  ]
}

function validateSync(body: unknown): {scope: SyncScope; mode: SyncMode} {
  const allowed = {allowed: {scope: SYNC_SCOPES, mode: SYNC_MODES}}
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new HttpProblem(400, 'the body must be a JSON object', allowed)
  const record = body as Record<string, unknown>
  const unknown = Object.keys(record).filter((key) => key !== 'scope' && key !== 'mode')
  if (unknown.length > 0) throw new HttpProblem(400, `unknown field(s): ${unknown.join(', ')}`, allowed)
  const scope = record['scope']
  const mode = record['mode'] ?? 'delta'
  if (typeof scope !== 'string' || !(SYNC_SCOPES as readonly string[]).includes(scope))
    throw new HttpProblem(400, `scope must be one of ${SYNC_SCOPES.join(', ')}`, allowed)
  if (typeof mode !== 'string' || !(SYNC_MODES as readonly string[]).includes(mode))
    throw new HttpProblem(400, `mode must be one of ${SYNC_MODES.join(', ')}`, allowed)
  return {scope: scope as SyncScope, mode: mode as SyncMode}
}

function readBody(request: IncomingMessage): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? '0')
  if (declared > MAX_BODY_BYTES)
    return Promise.reject(new HttpProblem(413, `the body is over ${MAX_BODY_BYTES} bytes`))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    // Events, not `for await`: leaving an async iterator destroys the socket before the 413 is sent.
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) reject(new HttpProblem(413, `the body is over ${MAX_BODY_BYTES} bytes`))
      else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function health(context: ApiContext) {
  return {ok: true, running: context.queue.running()?.id ?? null, queued: context.queue.queuedCount()}
}

function withoutResults(run: Run): Omit<Run, 'results'> & {result_count: number} {
  const {results, ...rest} = run
  return {...rest, result_count: results.length}
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) return
  const payload = `${JSON.stringify(body)}\n`
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(payload)),
    'Cache-Control': 'no-store',
    ...headers,
  })
  response.end(payload)
}
