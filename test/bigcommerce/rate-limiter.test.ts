import {setTimeout as sleep} from 'node:timers/promises'

import {describe, expect, it} from 'vitest'

import {adaptiveConcurrency, RateLimiter} from '../../src/bigcommerce/rate-limiter.js'

/**
 * A fixed-window store in memory (BigCommerce's model: a quota per window, shared by every app). It counts
 * what the limiter lets through; `otherAppPerWindow` spends quota behind our back.
 */
function fakeStore(quota: number, windowMs: number, otherAppPerWindow = 0) {
  let windowStart = Date.now()
  let used = otherAppPerWindow
  let rejected = 0
  let maxInFlight = 0
  let inFlight = 0
  return {
    async call(limiter: RateLimiter): Promise<void> {
      const permit = await limiter.acquire()
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)
      await sleep(1)
      const now = Date.now()
      if (now - windowStart >= windowMs) {
        windowStart += Math.floor((now - windowStart) / windowMs) * windowMs
        used = otherAppPerWindow
      }
      if (used >= quota) rejected += 1
      else used += 1
      inFlight -= 1
      permit.release({
        quota,
        windowMs,
        left: Math.max(0, quota - used),
        resetMs: windowMs - (now - windowStart),
      })
    },
    stats: () => ({rejected, maxInFlight}),
  }
}

describe('RateLimiter', () => {
  it('adapts concurrency to the quota', () => {
    expect(adaptiveConcurrency(150, 30_000)).toBe(3)
    expect(adaptiveConcurrency(450, 30_000)).toBe(8)
    expect(adaptiveConcurrency(150, 3_000)).toBe(16)
    expect(adaptiveConcurrency(1, 60_000)).toBe(2)
  })

  it('probes with one request until the quota is known', async () => {
    const limiter = new RateLimiter()
    const first = await limiter.acquire()
    let second = false
    void limiter.acquire().then((permit) => {
      second = true
      permit.release()
    })
    await sleep(10)
    expect(second).toBe(false)
    first.release({quota: 100, left: 99, resetMs: 1000, windowMs: 1000})
    await sleep(1)
    expect(second).toBe(true)
  })

  it('spends the quota less the reserve, then waits for the reset: no request into an empty window', async () => {
    const store = fakeStore(20, 150)
    const limiter = new RateLimiter()
    const started = Date.now()
    await Promise.all(Array.from({length: 90}, () => store.call(limiter)))
    const elapsed = Date.now() - started
    expect(store.stats().rejected).toBe(0)
    // 90 requests at 18 usable per window need 5 windows: at least 4 resets.
    expect(elapsed).toBeGreaterThanOrEqual(4 * 150 - 20)
    expect(limiter.snapshot().windowWaits).toBeGreaterThanOrEqual(4)
  })

  it('leaves the reserve for other apps and still never exceeds the quota when they spend it', async () => {
    const store = fakeStore(20, 100, 5)
    const limiter = new RateLimiter({reserveShare: 0.2})
    await Promise.all(Array.from({length: 40}, () => store.call(limiter)))
    expect(store.stats().rejected).toBe(0)
  })

  it('honours a fixed --concurrency', async () => {
    const store = fakeStore(1000, 1000)
    const limiter = new RateLimiter({concurrency: 2})
    await Promise.all(Array.from({length: 30}, () => store.call(limiter)))
    expect(store.stats().maxInFlight).toBeLessThanOrEqual(2)
  })

  it('block() holds every queued request until the given time', async () => {
    const limiter = new RateLimiter({concurrency: 4})
    limiter.block(Date.now() + 60)
    const started = Date.now()
    const permit = await limiter.acquire()
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
    permit.release()
  })

  it('a hold without window facts (429 under platform load) ends at its time, not at the window reset', async () => {
    const limiter = new RateLimiter({concurrency: 4})
    const first = await limiter.acquire()
    first.release({quota: 100, left: 90, resetMs: 30_000, windowMs: 30_000})
    limiter.block(Date.now() + 40)
    const started = Date.now()
    const permit = await limiter.acquire()
    expect(Date.now() - started).toBeLessThan(1000)
    permit.release()
  })

  it('ignores a late answer from a window that already ended', async () => {
    const limiter = new RateLimiter({concurrency: 4})
    const a = await limiter.acquire()
    a.release({quota: 100, left: 90, resetMs: 10_000, windowMs: 20_000})
    const b = await limiter.acquire()
    // reset 30 s later than the current window's: a new window, fully trusted
    b.release({quota: 100, left: 99, resetMs: 40_000, windowMs: 20_000})
    expect(limiter.snapshot().left).toBe(99)
    const c = await limiter.acquire()
    c.release({quota: 100, left: 5, resetMs: 9_000, windowMs: 20_000}) // from the old window
    expect(limiter.snapshot().left).toBe(98)
  })
})
