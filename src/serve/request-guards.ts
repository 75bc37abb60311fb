import {createHash, timingSafeEqual} from 'node:crypto'

/**
 * Constant-time bearer check (ecosystem.md §B3): both sides are hashed first, so the comparison never
 * depends on the token's length or content. Several tokens may be accepted (current and next, to rotate).
 */
export function bearerMatches(header: string | undefined, tokens: readonly string[]): boolean {
  const match = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '')
  const presented = digest(match?.[1] ?? '')
  let ok = false
  for (const token of tokens) ok = timingSafeEqual(presented, digest(token)) || ok
  return ok && Boolean(match)
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

/** A token bucket per client address: `capacity` requests at once, refilled at `perSecond`. */
export class TokenBucket {
  private readonly buckets = new Map<string, {tokens: number; at: number}>()

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns the seconds to wait when there is none. */
  take(key: string): {ok: true} | {ok: false; retryAfter: number} {
    const now = this.now()
    const bucket = this.buckets.get(key) ?? {tokens: this.capacity, at: now}
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond)
    bucket.at = now
    this.buckets.set(key, bucket)
    if (this.buckets.size > 10_000) this.buckets.clear() // bounded memory under a spray of addresses
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return {ok: true}
    }
    return {ok: false, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond))}
  }
}
