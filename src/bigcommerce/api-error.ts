import {describeItemError, parseErrorBody, type ItemError, type ParsedErrorBody} from './error-body.js'
import {redactor} from './redaction.js'

/**
 * Why a request failed:
 * - `status`: BigCommerce answered with an error status (the body is parsed);
 * - `network`: the connection failed (refused, reset, dropped mid-body);
 * - `timeout`: connect, headers or body timeout, or the whole-request deadline;
 * - `invalid-body`: a success status whose body is not the JSON it should be (HTML page, truncated JSON).
 */
export type ApiErrorReason = 'status' | 'network' | 'timeout' | 'invalid-body'

export interface ApiErrorInit {
  reason: ApiErrorReason
  method: string
  /** The path TEMPLATE (`/v3/catalog/products/{product_id}`), never the filled-in path or a full URL. */
  path: string
  status?: number
  requestId?: string | undefined
  body?: unknown
  attempts?: number
  /** A short explanation for non-status failures (`connection reset`, `headers timeout after 30000 ms`). */
  explanation?: string
  cause?: unknown
}

function headline(init: ApiErrorInit, parsed: ParsedErrorBody): string {
  const target = `${init.method} ${init.path}`
  const tries = init.attempts !== undefined && init.attempts > 1 ? ` after ${init.attempts} attempts` : ''
  if (init.reason !== 'status') {
    const explanation = init.explanation ?? init.reason
    return `${target} failed${tries}: ${explanation}`
  }
  const own = [parsed.title, parsed.detail].filter((part): part is string => Boolean(part))
  const said = own.length > 0 ? `: ${[...new Set(own)].join(' — ')}` : ''
  return `${target} returned ${init.status ?? '?'}${tries}${said}`
}

function composeMessage(init: ApiErrorInit, parsed: ParsedErrorBody): string {
  const lines = [headline(init, parsed)]
  const shown = parsed.items.slice(0, 20)
  for (const item of shown) lines.push(`  - ${describeItemError(item)}`)
  if (parsed.items.length > shown.length) lines.push(`  … and ${parsed.items.length - shown.length} more`)
  if (init.requestId) lines.push(`  (request id ${init.requestId})`)
  return redactor.redact(lines.join('\n'))
}

/**
 * A failed BigCommerce call. The message leads with BigCommerce's own text (title, detail, then one line per
 * field or item error) — never paraphrased — and names the path template, not ids or URLs. The token cannot
 * appear: every message goes through the central redactor.
 */
export class ApiError extends Error {
  readonly reason: ApiErrorReason
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number
  readonly method: string
  readonly path: string
  readonly requestId: string | undefined
  /** The response body: parsed JSON when it was JSON, otherwise the raw text (possibly an HTML page). */
  readonly body: unknown
  /** BigCommerce's headline (`title`, V2 `message`, price-list `error.message`). */
  readonly title: string | undefined
  readonly detail: string | undefined
  readonly code: string | undefined
  /** Per-field and per-item errors from every shape BigCommerce uses. */
  readonly itemErrors: ItemError[]
  readonly counts: ParsedErrorBody['counts']
  readonly attempts: number

  constructor(rawInit: ApiErrorInit) {
    const init = {...rawInit, body: redactor.redactValue(rawInit.body)}
    const parsed = parseErrorBody(init.body)
    super(composeMessage(init, parsed), init.cause === undefined ? undefined : {cause: init.cause})
    this.name = 'ApiError'
    this.reason = init.reason
    this.status = init.status ?? 0
    this.method = init.method
    this.path = init.path
    this.requestId = init.requestId
    this.body = init.body
    this.title = parsed.title
    this.detail = parsed.detail
    this.code = parsed.code
    this.itemErrors = parsed.items
    this.counts = parsed.counts
    this.attempts = init.attempts ?? 1
    redactor.redactError(this)
  }
}

/**
 * A write that may or may not have happened: a POST that got a 5xx or lost its connection after the request
 * was sent. catalogctl never retries those blindly (a retried create could duplicate a product); the caller
 * re-reads by natural key (SKU, name, path) and decides (../shared/docs/ecosystem.md §B2.3).
 */
export class AmbiguousWriteError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(init)
    this.name = 'AmbiguousWriteError'
    this.message = `${this.message}\n  The write may have been applied: re-read by natural key before trying again.`
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}
