/**
 * The rate-limit headers BigCommerce sends on every response (../shared/docs/bigcommerce-api.md §10;
 * D-ABOUT). Names are case-insensitive; undici gives them lower-cased.
 */
export interface RateLimitObservation {
  /** `X-Rate-Limit-Requests-Left`: requests left in the current window (shared by every app on the store). */
  left?: number
  /** `X-Rate-Limit-Requests-Quota`: requests per window. */
  quota?: number
  /** `X-Rate-Limit-Time-Reset-Ms`: ms until the window refills (D-ABOUT's definition; D-RL mislabels it). */
  resetMs?: number
  /** `X-Rate-Limit-Time-Window-Ms`: the window's length. */
  windowMs?: number
  /** `X-Retry-After`: seconds to wait, on a 429. */
  retryAfterSeconds?: number
  /** `X-BC-ApiLimit-Remaining`: legacy rolling-hour remainder. */
  hourlyRemaining?: number
}

export type ResponseHeaders = Record<string, string | string[] | undefined>

export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()] ?? headers[name]
  return Array.isArray(value) ? value[0] : value
}

function numberHeader(headers: ResponseHeaders, name: string): number | undefined {
  const raw = headerValue(headers, name)
  if (raw === undefined || raw.trim() === '') return undefined
  const value = Number(raw)
  return Number.isFinite(value) && value >= 0 ? value : undefined
}

export function readRateLimitHeaders(headers: ResponseHeaders): RateLimitObservation {
  const observation: RateLimitObservation = {}
  const pairs: Array<[keyof RateLimitObservation, string]> = [
    ['left', 'x-rate-limit-requests-left'],
    ['quota', 'x-rate-limit-requests-quota'],
    ['resetMs', 'x-rate-limit-time-reset-ms'],
    ['windowMs', 'x-rate-limit-time-window-ms'],
    ['retryAfterSeconds', 'x-retry-after'],
    ['hourlyRemaining', 'x-bc-apilimit-remaining'],
  ]
  for (const [key, name] of pairs) {
    const value = numberHeader(headers, name)
    if (value !== undefined) observation[key] = value
  }
  return observation
}

/** True when the response said anything about the window (a 429 without any of these means platform load). */
export function hasWindowInfo(observation: RateLimitObservation): boolean {
  return observation.resetMs !== undefined || observation.retryAfterSeconds !== undefined
}
