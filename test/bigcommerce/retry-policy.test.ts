import {describe, expect, it} from 'vitest'

import {
  decideRetry,
  defaultRetryOptions,
  fullJitterDelay,
  type RetryOptions,
} from '../../src/bigcommerce/retry-policy.js'

const options: RetryOptions = {...defaultRetryOptions, random: () => 1}

describe('decideRetry', () => {
  it('429 waits the longer of X-Retry-After and Time-Reset-Ms', () => {
    expect(
      decideRetry(
        'POST',
        {kind: 'status', status: 429, rateLimit: {retryAfterSeconds: 3, resetMs: 1200}},
        1,
        0,
        options,
      ),
    ).toEqual({retry: true, delayMs: 3000, rateLimited: true})
    expect(
      decideRetry(
        'GET',
        {kind: 'status', status: 429, rateLimit: {retryAfterSeconds: 1, resetMs: 4500}},
        1,
        0,
        options,
      ),
    ).toEqual({retry: true, delayMs: 4500, rateLimited: true})
  })

  it('429 without headers backs off exponentially from 1 s (full jitter ceiling)', () => {
    const delays = [1, 2, 3, 4].map((attempt) =>
      decideRetry('GET', {kind: 'status', status: 429, rateLimit: {}}, attempt, 0, options),
    )
    expect(delays).toEqual(
      [1000, 2000, 4000, 8000].map((delayMs) => ({retry: true, delayMs, rateLimited: true})),
    )
  })

  it('full jitter picks between 0 and the ceiling, capped', () => {
    expect(fullJitterDelay(3, {...options, random: () => 0.5})).toBe(2000)
    expect(fullJitterDelay(20, options)).toBe(options.maxDelayMs)
  })

  it.each(['GET', 'PUT', 'DELETE'])('5xx is retried for %s', (method) => {
    for (const status of [500, 502, 503, 504]) {
      expect(decideRetry(method, {kind: 'status', status, rateLimit: {}}, 1, 0, options)).toMatchObject({
        retry: true,
      })
    }
  })

  it('5xx on POST is ambiguous, never retried', () => {
    expect(decideRetry('POST', {kind: 'status', status: 502, rateLimit: {}}, 1, 0, options)).toEqual({
      retry: false,
      ambiguous: true,
    })
  })

  it('connection errors: POST only when nothing reached the server', () => {
    expect(decideRetry('POST', {kind: 'connection', reachedServer: true}, 1, 0, options)).toEqual({
      retry: false,
      ambiguous: true,
    })
    expect(decideRetry('POST', {kind: 'connection', reachedServer: false}, 1, 0, options)).toMatchObject({
      retry: true,
    })
    expect(decideRetry('GET', {kind: 'connection', reachedServer: true}, 1, 0, options)).toMatchObject({
      retry: true,
    })
  })

  it('stops at the attempt cap and the total-time cap', () => {
    expect(decideRetry('GET', {kind: 'status', status: 500, rateLimit: {}}, 6, 0, options)).toEqual({
      retry: false,
      ambiguous: false,
    })
    expect(
      decideRetry(
        'GET',
        {kind: 'status', status: 500, rateLimit: {}},
        2,
        options.maxElapsedMs - 100,
        options,
      ),
    ).toEqual({retry: false, ambiguous: false})
  })

  it('423 is retried at most 3 times in all', () => {
    expect(decideRetry('POST', {kind: 'status', status: 423, rateLimit: {}}, 2, 0, options)).toMatchObject({
      retry: true,
    })
    expect(decideRetry('POST', {kind: 'status', status: 423, rateLimit: {}}, 3, 0, options)).toMatchObject({
      retry: false,
    })
  })
})
