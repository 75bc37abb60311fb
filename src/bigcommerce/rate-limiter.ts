import type {RateLimitObservation} from './rate-limit-headers.js'

/**
 * One limiter per store per process: every request to a store, from every command and every concurrent
 * batch, passes through it. It paces from the headers of every response (bigcommerce-api.md §10,
 * ecosystem.md §B2.3): it keeps an estimate of how many requests the window still allows, keeps a reserve
 * for the other apps that share the quota (default 10 %), and when only the reserve is left it waits for
 * the reset instead of sending into a window it knows is empty.
 *
 * The estimate is conservative: when a response reports `left = L`, the requests still in flight may not
 * have been counted yet, so we assume they all will be (`L − in flight`). Responses can arrive out of order,
 * so within one window we keep the lowest estimate; a reset time more than half a window later marks a
 * new window.
 */
export interface RateLimiterOptions {
  /** Share of the quota left for other apps on the store. Default 0.1. */
  reserveShare?: number
  /** Fixed number of requests in flight (`--concurrency`). Default: adapted to the quota. */
  concurrency?: number
  /** Window assumed before BigCommerce told us (its documented 30 s). */
  defaultWindowMs?: number
}

export interface RateLimiterSnapshot {
  quota: number | undefined
  windowMs: number | undefined
  /** Our estimate of requests we may still send in this window (before the reserve is taken off). */
  left: number | undefined
  /** ms until the current window refills, as last reported. */
  resetInMs: number | undefined
  reserve: number
  concurrency: number
  inFlight: number
  /** Times a request waited for a window reset. */
  windowWaits: number
  /** Total ms requests spent queued in the limiter. */
  waitedMs: number
  hourlyRemaining: number | undefined
}

export interface Permit {
  /** Returns the slot and feeds the response's rate-limit headers (if any) to the limiter. */
  release(observation?: RateLimitObservation): void
}

interface Waiter {
  resolve: (permit: Permit) => void
  queuedAt: number
}

/** Concurrency adapted to the quota: half the per-second rate, between 2 and 16 (150/30 s → 3, 450/30 s → 8). */
export function adaptiveConcurrency(quota: number, windowMs: number): number {
  const perSecond = quota / Math.max(windowMs / 1000, 0.001)
  return Math.min(16, Math.max(2, Math.ceil(perSecond / 2)))
}

export class RateLimiter {
  private readonly reserveShare: number
  private readonly fixedConcurrency: number | undefined
  private readonly defaultWindowMs: number
  private quota: number | undefined
  private windowMs: number | undefined
  private budget: number | undefined
  private resetAt: number | undefined
  private hourlyRemaining: number | undefined
  private blockedUntil = 0
  private inFlight = 0
  private readonly queue: Waiter[] = []
  private timer: NodeJS.Timeout | undefined
  private windowWaits = 0
  private waitedMs = 0

  constructor(options: RateLimiterOptions = {}) {
    this.reserveShare = Math.min(Math.max(options.reserveShare ?? 0.1, 0), 0.9)
    this.fixedConcurrency = options.concurrency
    this.defaultWindowMs = options.defaultWindowMs ?? 30_000
  }

  /** Waits for a slot that the window and the concurrency allow. */
  acquire(): Promise<Permit> {
    return new Promise((resolve) => {
      this.queue.push({resolve, queuedAt: Date.now()})
      this.pump()
    })
  }

  /**
   * Nothing may be sent before `untilEpochMs` (a 429 told us to wait). Every queued request waits with it,
   * which is what keeps a burst of concurrent requests from each earning its own 429.
   */
  block(untilEpochMs: number): void {
    // Only the hold: a 429 that carried headers has already set the budget (left 0) and the reset through
    // release(); a 429 without headers (platform load) says nothing about the window.
    this.blockedUntil = Math.max(this.blockedUntil, untilEpochMs)
    this.pump()
  }

  snapshot(): RateLimiterSnapshot {
    const now = Date.now()
    return {
      quota: this.quota,
      windowMs: this.windowMs,
      left: this.budget,
      resetInMs: this.resetAt === undefined ? undefined : Math.max(0, this.resetAt - now),
      reserve: this.reserve(),
      concurrency: this.concurrency(),
      inFlight: this.inFlight,
      windowWaits: this.windowWaits,
      waitedMs: this.waitedMs,
      hourlyRemaining: this.hourlyRemaining,
    }
  }

  private reserve(): number {
    return this.quota === undefined ? 0 : Math.ceil(this.quota * this.reserveShare)
  }

  private concurrency(): number {
    if (this.fixedConcurrency !== undefined) return Math.max(1, this.fixedConcurrency)
    // Until the first response tells us the quota, probe with one request.
    if (this.quota === undefined) return 1
    // (Also one at a time whenever the budget is unknown: see pump.)
    return adaptiveConcurrency(this.quota, this.windowMs ?? this.defaultWindowMs)
  }

  private observe(observation: RateLimitObservation): void {
    const now = Date.now()
    if (observation.quota !== undefined) this.quota = observation.quota
    if (observation.windowMs !== undefined && observation.windowMs > 0) this.windowMs = observation.windowMs
    if (observation.hourlyRemaining !== undefined) this.hourlyRemaining = observation.hourlyRemaining
    if (observation.left === undefined) return
    const estimate = observation.left - this.inFlight
    if (observation.resetMs === undefined) {
      this.budget = Math.min(this.budget ?? estimate, estimate)
      return
    }
    const observedResetAt = now + observation.resetMs
    const halfWindow = (this.windowMs ?? this.defaultWindowMs) / 2
    if (this.resetAt === undefined || observedResetAt > this.resetAt + halfWindow) {
      this.budget = estimate // a new window
      this.resetAt = observedResetAt
    } else if (observedResetAt >= this.resetAt - halfWindow) {
      this.budget = Math.min(this.budget ?? estimate, estimate) // same window: the lowest estimate wins
      // Our reset estimates are all late by the response's travel time, so the earliest is the closest;
      // a 429 block is never shortened.
      this.resetAt = Math.max(Math.min(this.resetAt, observedResetAt), this.blockedUntil)
    }
    // Otherwise: a late answer from a window that has already ended; it says nothing about this one.
  }

  private grant(waiter: Waiter): void {
    this.inFlight += 1
    if (this.budget !== undefined) this.budget -= 1
    const queued = Date.now() - waiter.queuedAt
    this.waitedMs += queued
    let released = false
    waiter.resolve({
      release: (observation) => {
        if (released) return
        released = true
        this.inFlight -= 1
        if (observation) this.observe(observation)
        this.pump()
      },
    })
  }

  private schedule(atEpochMs: number): void {
    if (this.timer) return
    this.windowWaits += 1
    this.timer = setTimeout(
      () => {
        this.timer = undefined
        this.pump()
      },
      Math.max(1, atEpochMs - Date.now()),
    )
  }

  private pump(): void {
    // Bounded: each pass either grants one waiter or returns.
    while (this.queue.length > 0) {
      const now = Date.now()
      if (now < this.blockedUntil) return this.schedule(this.blockedUntil)
      if (this.resetAt !== undefined && now >= this.resetAt) {
        // The window has refilled, but other apps may already be spending it: probe with one request and
        // let its answer say how much is left.
        this.budget = undefined
        this.resetAt = undefined
      }
      if (this.inFlight >= this.concurrency()) return
      if (this.budget === undefined && this.inFlight > 0) return
      if (this.budget !== undefined && this.budget <= this.reserve()) {
        // Only the reserve is left: wait for the reset rather than send into an empty window.
        const resumeAt = this.resetAt ?? now + (this.windowMs ?? this.defaultWindowMs)
        this.resetAt = resumeAt
        return this.schedule(resumeAt)
      }
      const waiter = this.queue.shift()
      if (waiter) this.grant(waiter)
    }
  }
}

const limiters = new Map<string, RateLimiter>()

/**
 * The process-wide limiter for a store (the quota is per store, shared by everything in this process).
 * The first caller's options win; later clients for the same store share that limiter.
 */
export function sharedRateLimiter(storeKey: string, options: RateLimiterOptions = {}): RateLimiter {
  let limiter = limiters.get(storeKey)
  if (!limiter) {
    limiter = new RateLimiter(options)
    limiters.set(storeKey, limiter)
  }
  return limiter
}
