import {afterEach, describe, expect, it} from 'vitest'

import type {SandboxFixture} from './helpers/sandbox-fixture.js'
import {aProduct, startFixture} from './helpers/sandbox-fixture.js'

let fixture: SandboxFixture | undefined
afterEach(async () => {
  await fixture?.stop()
  fixture = undefined
})

describe('sandbox HTTP pipeline', () => {
  it('answers 401 in plain text for a missing or wrong token', async () => {
    fixture = await startFixture()
    const missing = await fixture.call('GET', '/v2/time', undefined, {token: null})
    const wrong = await fixture.call('GET', '/v2/time', undefined, {token: 'nope'})
    expect(missing.status).toBe(401)
    expect(wrong.status).toBe(401)
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/)
  })

  it('answers 404 for a wrong store hash and an unknown route', async () => {
    fixture = await startFixture()
    expect((await fixture.call('GET', '/v2/time', undefined, {storeHash: 'other'})).status).toBe(404)
    const unknown = await fixture.call('GET', '/v3/catalog/nothing-here')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({status: 404, title: expect.any(String)})
  })

  it('answers 403 when the token lacks the scope, and allows reads with a read-only scope', async () => {
    fixture = await startFixture({scopes: ['store_v2_products_read_only']})
    expect((await fixture.call('GET', '/v3/catalog/products')).status).toBe(200)
    expect((await fixture.call('POST', '/v3/catalog/products', aProduct())).status).toBe(403)
    expect((await fixture.call('GET', '/v2/store')).status).toBe(403)
    expect((await fixture.call('GET', '/v3/inventory/items')).status).toBe(403)
  })

  it('answers 415 for a body without Content-Type and 400 for malformed JSON', async () => {
    fixture = await startFixture()
    const noType = await fixture.call('POST', '/v3/catalog/brands', {name: 'X'}, {contentType: null})
    expect(noType.status).toBe(415)
    const broken = await fixture.call('POST', '/v3/catalog/brands', undefined, {raw: '{"name": '})
    expect(broken.status).toBe(400)
    expect((await fixture.call('GET', '/v3/catalog/brands')).body.data).toEqual([])
  })

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    fixture = await startFixture()
    const result = await fixture.call('PATCH', '/v3/catalog/products', {})
    expect(result.status).toBe(405)
    expect(result.headers.get('allow')).toContain('GET')
  })

  it('puts the rate-limit headers on every response and answers 429 past the quota', async () => {
    fixture = await startFixture({quota: 3, windowMs: 60_000})
    const first = await fixture.call('GET', '/v2/time')
    expect(first.headers.get('x-rate-limit-requests-quota')).toBe('3')
    expect(first.headers.get('x-rate-limit-requests-left')).toBe('2')
    expect(first.headers.get('x-rate-limit-time-window-ms')).toBe('60000')
    expect(Number(first.headers.get('x-rate-limit-time-reset-ms'))).toBeGreaterThan(0)
    await fixture.call('GET', '/v2/time')
    await fixture.call('GET', '/v2/time')
    const limited = await fixture.call('GET', '/v2/time')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('x-rate-limit-requests-left')).toBe('0')
    expect(Number(limited.headers.get('x-rate-limit-time-reset-ms'))).toBeGreaterThan(0)
    const stats = (await (await fetch(`${fixture.sandbox.url}/__sandbox/stats`)).json()) as {
      rateLimited: number
      byRoute: Record<string, number>
    }
    expect(stats.rateLimited).toBe(1)
    expect(stats.byRoute['GET /v2/time']).toBe(3)
  })

  it('refills the quota when the window has passed', async () => {
    fixture = await startFixture({quota: 1, windowMs: 200})
    expect((await fixture.call('GET', '/v2/time')).status).toBe(200)
    expect((await fixture.call('GET', '/v2/time')).status).toBe(429)
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect((await fixture.call('GET', '/v2/time')).status).toBe(200)
  })

  it('serves /v2/time and /v2/store with plan and currency', async () => {
    fixture = await startFixture({storeHash: 'abc123'})
    const time = await fixture.call('GET', '/v2/time')
    expect(Math.abs(time.body.time - Date.now() / 1000)).toBeLessThan(5)
    const store = await fixture.call('GET', '/v2/store')
    expect(store.body).toMatchObject({
      id: 'abc123',
      currency: 'USD',
      plan_name: expect.any(String),
      default_channel_id: 1,
    })
  })

  it('resets and dumps through the control endpoints, outside the quota', async () => {
    fixture = await startFixture({quota: 2})
    await fixture.call('POST', '/v3/catalog/brands', {name: 'Acme'})
    const dump = (await (await fetch(`${fixture.sandbox.url}/__sandbox/dump`)).json()) as {brands: unknown[]}
    expect(dump.brands).toHaveLength(1)
    expect(JSON.stringify(dump)).not.toContain(fixture.sandbox.token)
    await fetch(`${fixture.sandbox.url}/__sandbox/reset`, {method: 'POST'})
    expect((await fixture.call('GET', '/v3/catalog/brands')).body.data).toEqual([])
  })

  it('stops cleanly with keep-alive connections open', async () => {
    fixture = await startFixture()
    await fixture.call('GET', '/v2/time')
    const started = Date.now()
    await fixture.stop()
    fixture = undefined
    expect(Date.now() - started).toBeLessThan(1000)
  })
})
