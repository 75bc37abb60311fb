import {Agent, request, type Dispatcher} from 'undici'

/**
 * One HTTP exchange, nothing more: no retries, no pacing, no parsing beyond reading the body as text.
 * Uses undici's `request` (faster than fetch, per-request timeouts) over a keep-alive dispatcher
 * (ecosystem.md §B2.4: tests inject a `MockAgent` for what no server can produce).
 */
export interface TransportRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: string
  dispatcher: Dispatcher
  /** Deadline for the whole exchange, and the ceiling for headers and body timeouts. */
  timeoutMs: number
}

export interface TransportResponse {
  status: number
  headers: Record<string, string>
  text: string
}

/**
 * A failed exchange. `reachedServer` is false only when the request provably never left (connection refused,
 * connect timeout, DNS): then even a POST may be retried.
 */
export class TransportFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly reachedServer: boolean,
    readonly timedOut: boolean,
    options?: {cause?: unknown},
  ) {
    super(message, options)
    this.name = 'TransportFailure'
  }
}

const NOT_SENT = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
])

const EXPLANATIONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed while sending',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time (headers timeout)',
  UND_ERR_BODY_TIMEOUT: 'the response body stalled (body timeout)',
  UND_ERR_SOCKET: 'the connection closed before the response was complete',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the response body was truncated (shorter than its Content-Length)',
  UND_ERR_CLOSED: 'the connection pool was closed',
}

function errorCode(error: unknown): string {
  const candidate = error as {code?: unknown; name?: unknown; cause?: {code?: unknown}} | undefined
  if (typeof candidate?.code === 'string') return candidate.code
  if (typeof candidate?.cause?.code === 'string') return candidate.cause.code
  if (candidate?.name === 'TimeoutError') return 'DEADLINE'
  if (candidate?.name === 'AbortError') return 'ABORTED'
  return 'UNKNOWN'
}

function toFailure(error: unknown, timeoutMs: number): TransportFailure {
  const code = errorCode(error)
  const deadline = code === 'DEADLINE' || code === 'ABORTED' || code === 'UND_ERR_ABORTED'
  const explanation = deadline
    ? `no complete response within ${timeoutMs} ms (request timeout)`
    : (EXPLANATIONS[code] ?? `connection error ${code}`)
  const timedOut = deadline || code.endsWith('_TIMEOUT')
  return new TransportFailure(explanation, code, !NOT_SENT.has(code), timedOut, {cause: error})
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

export async function sendOnce(req: TransportRequest): Promise<TransportResponse> {
  const signal = AbortSignal.timeout(req.timeoutMs)
  try {
    const response = await request(req.url, {
      method: req.method as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body ?? null,
      dispatcher: req.dispatcher,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
      signal,
    })
    const text = await response.body.text()
    return {status: response.statusCode, headers: flattenHeaders(response.headers), text}
  } catch (error) {
    throw toFailure(error, req.timeoutMs)
  }
}

export interface AgentOptions {
  timeoutMs: number
}

/** The default keep-alive pool: connections are reused across the whole run. */
export function createKeepAliveAgent({timeoutMs}: AgentOptions): Agent {
  return new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connections: 32,
    connect: {timeout: Math.min(10_000, timeoutMs)},
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  })
}
