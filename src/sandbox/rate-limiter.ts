/**
 * The store-wide quota of D-RL: `quota` requests per fixed `windowMs` window, shared by every client.
 * Every response carries the four X-Rate-Limit headers; past the quota the answer is 429 until reset.
 */
export class RateLimiter {
  private windowStart: number
  private used = 0

  constructor(
    private readonly quota: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.windowStart = clock()
  }

  /** Counts one request; returns false when the quota of the current window is already spent. */
  take(): boolean {
    this.roll()
    if (this.used >= this.quota) return false
    this.used++
    return true
  }

  headers(): Record<string, string> {
    this.roll()
    const resetMs = Math.max(0, this.windowStart + this.windowMs - this.clock())
    return {
      'X-Rate-Limit-Requests-Left': String(Math.max(0, this.quota - this.used)),
      'X-Rate-Limit-Requests-Quota': String(this.quota),
      'X-Rate-Limit-Time-Reset-Ms': String(resetMs),
      'X-Rate-Limit-Time-Window-Ms': String(this.windowMs),
    }
  }

  reset(): void {
    this.windowStart = this.clock()
    this.used = 0
  }

  private roll(): void {
    const now = this.clock()
    if (now - this.windowStart >= this.windowMs) {
      const windows = Math.floor((now - this.windowStart) / this.windowMs)
      this.windowStart += windows * this.windowMs
      this.used = 0
    }
  }
}

/** Per-route in-flight caps (S-PL: one price-list record upsert at a time, else 429). */
export class ConcurrencyGate {
  private readonly inFlight = new Map<string, number>()

  enter(key: string, cap: number | undefined): boolean {
    if (cap === undefined) return true
    const current = this.inFlight.get(key) ?? 0
    if (current >= cap) return false
    this.inFlight.set(key, current + 1)
    return true
  }

  leave(key: string, cap: number | undefined): void {
    if (cap === undefined) return
    this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1))
  }
}
