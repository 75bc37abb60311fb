import {hasWindowInfo, type RateLimitObservation} from './rate-limit-headers.js'

/**
 * When to try again (ecosystem.md §B2.3, bigcommerce-api.md §10):
 * - 429: always (the request was refused, not processed). Wait `max(X-Retry-After × 1000,
 *   X-Rate-Limit-Time-Reset-Ms)` when either is present (the data-migration guide: wait for the longer);
 *   without them the store is under platform load: full-jitter backoff from 1 s.
 * - 500/502/503/504: GET/PUT/DELETE with full-jitter backoff; a POST is ambiguous (it may have created
 *   something), so it is never retried blindly.
 * - 423 (locked): retried a few times, any method.
 * - connection errors: if nothing reached the server (refused, connect timeout) any method is retried;
 *   otherwise (reset, socket closed, headers/body timeout) only GET/PUT/DELETE, a POST is ambiguous.
 * - never: 400, 401, 403, 404, 409, 413, 422, 501, 505, 507 and every other status.
 */
export interface RetryOptions {
  /** Tries in all, the first included. Default 6. */
  maxAttempts: number
  /** No retry starts after this much time since the first try. Default 5 minutes. */
  maxElapsedMs: number
  /** First backoff ceiling for full jitter. Default 1000 ms. */
  baseDelayMs: number
  /** Largest backoff ceiling. Default 30 s. */
  maxDelayMs: number
  /** Injectable for tests. */
  random: () => number
}

export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 6,
  maxElapsedMs: 5 * 60_000,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  random: Math.random,
}

export type AttemptOutcome =
  | {kind: 'status'; status: number; rateLimit: RateLimitObservation; retryAfterSecondsInBody?: number}
  | {kind: 'connection'; reachedServer: boolean}

export type RetryDecision =
  {retry: true; delayMs: number; rateLimited: boolean} | {retry: false; ambiguous: boolean}

const RETRYABLE_5XX = new Set([500, 502, 503, 504])
const LOCKED_MAX_ATTEMPTS = 3

export function isIdempotent(method: string): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE' || method === 'HEAD'
}

/** Full jitter: a uniform pick between 0 and the exponential ceiling (AWS architecture blog's "full jitter"). */
export function fullJitterDelay(attempt: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(options.random() * ceiling)
}

function within(attempt: number, elapsedMs: number, delayMs: number, options: RetryOptions, max = Infinity) {
  return attempt < Math.min(options.maxAttempts, max) && elapsedMs + delayMs <= options.maxElapsedMs
}

/**
 * Decides whether attempt number `attempt` (1-based), which ended with `outcome`, is tried again, and after
 * how long.
 */
export function decideRetry(
  method: string,
  outcome: AttemptOutcome,
  attempt: number,
  elapsedMs: number,
  options: RetryOptions = defaultRetryOptions,
): RetryDecision {
  const idempotent = isIdempotent(method)
  const retryAfter = (delayMs: number, rateLimited = false, max = Infinity): RetryDecision =>
    within(attempt, elapsedMs, delayMs, options, max)
      ? {retry: true, delayMs, rateLimited}
      : {retry: false, ambiguous: false}

  if (outcome.kind === 'connection') {
    if (!outcome.reachedServer) return retryAfter(fullJitterDelay(attempt, options))
    if (!idempotent) return {retry: false, ambiguous: true}
    return retryAfter(fullJitterDelay(attempt, options))
  }

  const {status, rateLimit} = outcome
  if (status === 429) {
    if (hasWindowInfo(rateLimit)) {
      const wait = Math.max((rateLimit.retryAfterSeconds ?? 0) * 1000, rateLimit.resetMs ?? 0)
      return retryAfter(wait, true)
    }
    return retryAfter(fullJitterDelay(attempt, options), true)
  }
  if (RETRYABLE_5XX.has(status)) {
    if (!idempotent) return {retry: false, ambiguous: true}
    const floor = (outcome.retryAfterSecondsInBody ?? 0) * 1000
    return retryAfter(Math.max(floor, fullJitterDelay(attempt, options)))
  }
  if (status === 423) return retryAfter(fullJitterDelay(attempt, options), false, LOCKED_MAX_ATTEMPTS)
  return {retry: false, ambiguous: false}
}
