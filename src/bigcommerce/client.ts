import {setTimeout as sleep} from 'node:timers/promises'

import type {Dispatcher} from 'undici'

import {AmbiguousWriteError, ApiError} from './api-error.js'
import {isPartialFailureBody, toBatchResult, type BatchResult} from './batch-result.js'
import {StatsRecorder, type ClientStats} from './client-stats.js'
import {EndpointCaps} from './endpoint-caps.js'
import {parseErrorBody} from './error-body.js'
import {createKeepAliveAgent, sendOnce, TransportFailure, type TransportResponse} from './http-transport.js'
import {listAllCursor, listAllOffset, type ListOptions} from './pagination.js'
import {encodeQuery, fillPath, type PathParams, type Query} from './path-template.js'
import {headerValue, readRateLimitHeaders, type RateLimitObservation} from './rate-limit-headers.js'
import {sharedRateLimiter, type RateLimiter, type RateLimiterSnapshot} from './rate-limiter.js'
import {redactor} from './redaction.js'
import {debugEnabled, formatAttempt, stderrSink, type LogSink} from './request-log.js'
import {
  decideRetry,
  defaultRetryOptions,
  isIdempotent,
  type AttemptOutcome,
  type RetryOptions,
} from './retry-policy.js'
import {userAgent} from './user-agent.js'

export const DEFAULT_API_URL = 'https://api.bigcommerce.com'
export const DEFAULT_TIMEOUT_MS = 60_000

export interface ClientOptions {
  /** BIGCOMMERCE_API_URL, default https://api.bigcommerce.com (paths go under `/stores/{hash}`). */
  baseUrl: string
  storeHash: string
  accessToken: string
  /** undici dispatcher; tests inject a MockAgent. Default: a keep-alive Agent. */
  dispatcher?: Dispatcher
  /** Fixed number of requests in flight (`--concurrency`); default adapts to the store's quota. */
  concurrency?: number
  /** Per-request deadline, also the connect/headers/body timeout ceiling (`--timeout`). Default 60 s. */
  timeoutMs?: number
  /** Share of the quota left for other apps. Default 0.1. */
  reserveShare?: number
  retry?: Partial<RetryOptions>
  /** Default: the process-wide limiter for this store. Tests may pass their own. */
  rateLimiter?: RateLimiter
  /** Log one line per attempt (`--verbose`); also on when DEBUG names catalogctl. */
  verbose?: boolean
  log?: LogSink
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface RequestOptions {
  params?: PathParams
  query?: Query
  body?: unknown
}

export interface ApiResponse<T> {
  status: number
  /** Parsed JSON; `undefined` for an empty body (204). */
  body: T
  headers: Record<string, string>
  requestId: string | undefined
  rateLimit: RateLimitObservation
  attempts: number
}

const REQUEST_ID_HEADERS = ['x-request-id', 'x-correlation-id', 'x-bc-request-id']

type Parsed = {ok: true; value: unknown} | {ok: false; text: string; error: string}

function parseJson(text: string): Parsed {
  if (text.trim() === '') return {ok: true, value: undefined}
  try {
    return {ok: true, value: JSON.parse(text)}
  } catch (error) {
    return {ok: false, text, error: error instanceof Error ? error.message : String(error)}
  }
}

export class BigCommerceClient {
  readonly storeHash: string
  private readonly root: string
  private readonly headers: Record<string, string>
  private readonly dispatcher: Dispatcher
  private readonly timeoutMs: number
  private readonly retry: RetryOptions
  private readonly limiter: RateLimiter
  private readonly caps = new EndpointCaps()
  private readonly recorder = new StatsRecorder()
  private readonly log: LogSink | undefined

  constructor(options: ClientOptions) {
    redactor.addSecret(options.accessToken)
    this.storeHash = options.storeHash
    const base = options.baseUrl.replace(/\/+$/, '')
    this.root = `${base}/stores/${encodeURIComponent(options.storeHash)}`
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.dispatcher = options.dispatcher ?? createKeepAliveAgent({timeoutMs: this.timeoutMs})
    this.retry = {...defaultRetryOptions, ...options.retry}
    const limiterOptions = {
      ...(options.reserveShare === undefined ? {} : {reserveShare: options.reserveShare}),
      ...(options.concurrency === undefined ? {} : {concurrency: options.concurrency}),
    }
    this.limiter = options.rateLimiter ?? sharedRateLimiter(`${base}|${options.storeHash}`, limiterOptions)
    this.headers = {
      'x-auth-token': options.accessToken,
      accept: 'application/json',
      'user-agent': userAgent,
    }
    const verbose = options.verbose === true || debugEnabled(process.env['DEBUG'])
    this.log = verbose ? (options.log ?? stderrSink) : undefined
  }

  get<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options)
  }

  put<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('PUT', path, options)
  }

  post<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, options)
  }

  delete<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, options)
  }

  /** Every item of an offset-paginated list: page 1 first, then the other pages concurrently. */
  listAll<T, U = T>(path: string, options: ListOptions<T, U> = {}): Promise<U[]> {
    return listAllOffset<T, U>(this, path, options)
  }

  /** Every item of a cursor-paginated list (metafields, price-list records), page after page. */
  listAllCursor<T, U = T>(path: string, options: ListOptions<T, U> = {}): Promise<U[]> {
    return listAllCursor<T, U>(this, path, options)
  }

  /**
   * A write whose partial success matters (batch upserts, 207-capable creates): 207 and item-level 422s come
   * back as a `BatchResult` with one failure per item instead of being thrown.
   */
  async write<T>(
    method: Exclude<HttpMethod, 'GET'>,
    path: string,
    options: RequestOptions = {},
  ): Promise<BatchResult<T>> {
    const response = await this.send<unknown>(method, path, options, true)
    return toBatchResult<T>(response.status, response.body, response.requestId)
  }

  request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.send<T>(method, path, options, false)
  }

  stats(): ClientStats {
    return this.recorder.snapshot()
  }

  /** What the limiter knows about the store's window (quota, left, reset): doctor reports it. */
  rateLimit(): RateLimiterSnapshot {
    return this.limiter.snapshot()
  }

  private send<T>(method: HttpMethod, path: string, options: RequestOptions, acceptPartial: boolean) {
    const queuedAt = Date.now()
    return this.caps.run(method, path, options.body, () => {
      this.recorder.waited(Date.now() - queuedAt)
      return this.sendWithRetries<T>(method, path, options, acceptPartial)
    })
  }

  private async sendWithRetries<T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions,
    acceptPartial: boolean,
  ): Promise<ApiResponse<T>> {
    const route = `${method} ${path}`
    const url = `${this.root}${fillPath(path, options.params)}${encodeQuery(options.query)}`
    const headers = {...this.headers}
    const body = options.body === undefined ? undefined : JSON.stringify(options.body)
    if (body !== undefined) headers['content-type'] = 'application/json'
    const startedAt = Date.now()

    for (let attempt = 1; ; attempt += 1) {
      const queuedAt = Date.now()
      const permit = await this.limiter.acquire()
      this.recorder.waited(Date.now() - queuedAt)
      const sentAt = Date.now()
      let response: TransportResponse
      try {
        response = await sendOnce({
          method,
          url,
          headers,
          dispatcher: this.dispatcher,
          timeoutMs: this.timeoutMs,
          ...(body === undefined ? {} : {body}),
        })
      } catch (error) {
        permit.release()
        const failure =
          error instanceof TransportFailure
            ? error
            : new TransportFailure(String(error), 'UNKNOWN', true, false, {cause: error})
        const durationMs = Date.now() - sentAt
        this.recorder.attempt(route, durationMs, undefined)
        this.logAttempt({method, path, attempt, failure: failure.message, durationMs})
        const outcome: AttemptOutcome = {kind: 'connection', reachedServer: failure.reachedServer}
        const decision = decideRetry(method, outcome, attempt, Date.now() - startedAt, this.retry)
        if (decision.retry) {
          await this.backoff(route, decision.delayMs)
          continue
        }
        this.recorder.failure(route)
        const init = {
          reason: failure.timedOut ? ('timeout' as const) : ('network' as const),
          method,
          path,
          attempts: attempt,
          explanation: failure.message,
          cause: failure,
        }
        throw decision.ambiguous ? new AmbiguousWriteError(init) : new ApiError(init)
      }

      const rateLimit = readRateLimitHeaders(response.headers)
      permit.release(rateLimit)
      const durationMs = Date.now() - sentAt
      const requestId = REQUEST_ID_HEADERS.map((name) => headerValue(response.headers, name)).find(Boolean)
      this.recorder.attempt(route, durationMs, response.status)
      this.logAttempt({method, path, attempt, status: response.status, durationMs, requestId, rateLimit})
      const parsed = parseJson(response.text)
      const isSuccess = response.status >= 200 && response.status < 300

      if (isSuccess && parsed.ok) {
        return {
          status: response.status,
          body: parsed.value as T,
          headers: response.headers,
          requestId,
          rateLimit,
          attempts: attempt,
        }
      }
      if (isSuccess && !parsed.ok) {
        // A success status with a body that is not JSON: a truncated body (retry when idempotent) or a
        // page that is not the API at all (an HTML site behind a wrong BIGCOMMERCE_API_URL).
        const html = /html/i.test(response.headers['content-type'] ?? '') || /^\s*</.test(parsed.text)
        if (!html && isIdempotent(method)) {
          const decision = decideRetry(
            method,
            {kind: 'connection', reachedServer: true},
            attempt,
            Date.now() - startedAt,
            this.retry,
          )
          if (decision.retry) {
            await this.backoff(route, decision.delayMs)
            continue
          }
        }
        this.recorder.failure(route)
        const explanation = html
          ? `expected JSON but got an HTML page (${parseErrorBody(parsed.text).title ?? 'no title'}); is BIGCOMMERCE_API_URL the API's address?`
          : `the response body is not valid JSON (truncated or malformed: ${parsed.error})`
        throw new ApiError({
          reason: 'invalid-body',
          method,
          path,
          status: response.status,
          requestId,
          body: parsed.text,
          attempts: attempt,
          explanation,
        })
      }

      const errorBody = parsed.ok ? parsed.value : parsed.text
      if (acceptPartial && isPartialFailureBody(response.status, errorBody)) {
        return {
          status: response.status,
          body: errorBody as T,
          headers: response.headers,
          requestId,
          rateLimit,
          attempts: attempt,
        }
      }
      const retryAfterSecondsInBody = parseErrorBody(errorBody).retryAfterSeconds
      const outcome: AttemptOutcome = {
        kind: 'status',
        status: response.status,
        rateLimit,
        ...(retryAfterSecondsInBody === undefined ? {} : {retryAfterSecondsInBody}),
      }
      const decision = decideRetry(method, outcome, attempt, Date.now() - startedAt, this.retry)
      if (decision.retry) {
        // A 429 stops every request to this store until the window refills, not just this one.
        if (decision.rateLimited) this.limiter.block(Date.now() + decision.delayMs)
        await this.backoff(route, decision.delayMs)
        continue
      }
      this.recorder.failure(route)
      const init = {
        reason: 'status' as const,
        method,
        path,
        status: response.status,
        requestId,
        body: errorBody,
        attempts: attempt,
      }
      throw decision.ambiguous ? new AmbiguousWriteError(init) : new ApiError(init)
    }
  }

  private async backoff(route: string, delayMs: number): Promise<void> {
    this.recorder.retry(route)
    this.recorder.waited(delayMs)
    await sleep(delayMs)
  }

  private logAttempt(entry: Parameters<typeof formatAttempt>[0]): void {
    this.log?.(formatAttempt(entry))
  }
}
