import {afterEach, describe, expect, it} from 'vitest'

import type {SandboxFixture} from './helpers/sandbox-fixture.js'
import {startFixture} from './helpers/sandbox-fixture.js'

let fixtures: SandboxFixture[] = []
afterEach(async () => {
  for (const fixture of fixtures) await fixture.stop()
  fixtures = []
})

async function outcomes(fixture: SandboxFixture, count: number): Promise<string[]> {
  const seen: string[] = []
  for (let index = 0; index < count; index++) {
    try {
      const result = await fixture.call('POST', '/v3/catalog/brands', {name: `Brand ${index}`})
      seen.push(
        `${result.status}${result.status === 429 && !result.headers.has('x-rate-limit-requests-left') ? '-noheaders' : ''}`,
      )
    } catch {
      seen.push('dropped')
    }
  }
  return seen
}

describe('sandbox faults', () => {
  it('injects 5xx, dropped connections and header-less 429 bursts, reproducibly for a seed', async () => {
    const a = await startFixture({failRate: 0.6, seed: 42})
    const b = await startFixture({failRate: 0.6, seed: 42})
    fixtures.push(a, b)
    const first = await outcomes(a, 40)
    const second = await outcomes(b, 40)
    expect(first).toEqual(second)
    const kinds = new Set(first)
    expect(kinds.has('200')).toBe(true)
    expect([...kinds].some((kind) => ['500', '502', '503'].includes(kind))).toBe(true)
    expect(kinds.has('dropped')).toBe(true)
    expect(kinds.has('429-noheaders')).toBe(true)
    const stats = (await (await fetch(`${a.sandbox.url}/__sandbox/stats`)).json()) as {
      faults: Record<string, number>
    }
    expect(Object.values(stats.faults).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0)
  }, 120_000)

  it('never applies a write that failed', async () => {
    const fixture = await startFixture({failRate: 0.5, seed: 7})
    fixtures.push(fixture)
    const seen = await outcomes(fixture, 30)
    const dump = (await (await fetch(`${fixture.sandbox.url}/__sandbox/dump`)).json()) as {brands: unknown[]}
    expect(dump.brands).toHaveLength(seen.filter((outcome) => outcome === '200').length)
  }, 120_000)

  it('adds latency to every answer with latencyMs', async () => {
    const fixture = await startFixture({latencyMs: 120})
    fixtures.push(fixture)
    const started = Date.now()
    await fixture.call('GET', '/v2/time')
    expect(Date.now() - started).toBeGreaterThanOrEqual(110)
  })
})
