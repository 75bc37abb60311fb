import {createServer, type Server} from 'node:http'
import {createServer as createTcpServer} from 'node:net'
import type {AddressInfo} from 'node:net'
import {inspect} from 'node:util'

import {afterEach, describe, expect, it} from 'vitest'

import {ApiError, BigCommerceClient, RateLimiter} from '../../src/bigcommerce/index.js'
import {sandboxClient} from './sandbox-client.js'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function started(...args: Parameters<typeof sandboxClient>) {
  const created = await sandboxClient(...args)
  cleanups.push(() => created.sandbox.stop())
  return created
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected the call to fail')
}

interface Brand {
  id: number
  name: string
}

describe('pagination against the sandbox', () => {
  it('reads page 1, then the remaining pages concurrently, in order', async () => {
    const {client, stats} = await started({quota: 10_000})
    const names = Array.from({length: 23}, (_unused, index) => `Brand ${String(index).padStart(2, '0')}`)
    for (const name of names) await client.post('/v3/catalog/brands', {body: {name}})
    const before = (await stats()).byRoute['GET /v3/catalog/brands'] ?? 0
    const brands = await client.listAll<Brand>('/v3/catalog/brands', {limit: 5})
    expect(brands.map((brand) => brand.name)).toEqual(names)
    expect((await stats()).byRoute['GET /v3/catalog/brands']).toBe(before + 5)
  })

  it('an empty collection (total_pages: 0) ends after one request', async () => {
    const {client, stats} = await started({quota: 10_000})
    expect(await client.listAll('/v3/catalog/brands', {query: {name: 'nothing-like-this'}})).toEqual([])
    expect((await stats()).byRoute['GET /v3/catalog/brands']).toBe(1)
  })
})

describe('pacing against the sandbox', () => {
  it('120 requests under a quota of 30 per 400 ms: zero 429s, no request into an empty window', async () => {
    const {client, lines, stats} = await started({quota: 30, windowMs: 400})
    const started_ = Date.now()
    await Promise.all(Array.from({length: 120}, () => client.get('/v2/time')))
    const elapsed = Date.now() - started_
    const sandboxStats = await stats()
    expect(sandboxStats.rateLimited).toBe(0)
    expect(sandboxStats.byStatus['429'] ?? 0).toBe(0)
    expect(client.stats().rateLimited).toBe(0)
    expect(sandboxStats.requests).toBe(120)
    // the reserve (3 of 30) was left for other apps in every window
    const lefts = lines.map((line) => Number(/left (\d+)\//.exec(line)?.[1])).filter(Number.isFinite)
    expect(lefts).toHaveLength(120)
    expect(Math.min(...lefts)).toBeGreaterThanOrEqual(3 - 1)
    // 120 at 27 usable per window needs 5 windows, so at least 4 resets were waited for
    expect(elapsed).toBeGreaterThanOrEqual(4 * 400 - 50)
  })

  it('another app spending the quota: the limiter adapts from the headers and still gets no 429', async () => {
    const {sandbox, client, stats} = await started({quota: 40, windowMs: 300})
    const otherApp = setInterval(() => {
      void fetch(`${sandbox.url}/stores/${sandbox.storeHash}/v2/time`, {
        headers: {'X-Auth-Token': sandbox.token},
      })
    }, 25)
    try {
      await Promise.all(Array.from({length: 80}, () => client.get('/v2/time')))
    } finally {
      clearInterval(otherApp)
    }
    // Our requests never got a 429 (the other app's may: it does not pace).
    expect(client.stats().rateLimited).toBe(0)
    expect((await stats()).requests).toBeGreaterThanOrEqual(80)
  })
})

describe('429s and failures against the sandbox', () => {
  it('a 429 with rate-limit headers waits for the reset, then succeeds', async () => {
    const {sandbox, client} = await started({quota: 3, windowMs: 500})
    for (let i = 0; i < 3; i += 1) {
      await fetch(`${sandbox.url}/stores/${sandbox.storeHash}/v2/time`, {
        headers: {'X-Auth-Token': sandbox.token},
      })
    }
    const started_ = Date.now()
    const response = await client.get<{time: number}>('/v2/time')
    expect(typeof response.body.time).toBe('number')
    expect(Date.now() - started_).toBeGreaterThanOrEqual(200)
    expect(client.stats()).toMatchObject({rateLimited: 1, retries: 1, requests: 2})
  })

  it('a faulty store (5xx, dropped connections, 429 bursts without headers): every GET still succeeds', async () => {
    const {client, stats} = await started(
      {quota: 100_000, failRate: 0.3, seed: 11},
      {retry: {maxAttempts: 8}},
    )
    const results = await Promise.all(Array.from({length: 60}, () => client.get<{time: number}>('/v2/time')))
    expect(results.every((result) => typeof result.body.time === 'number')).toBe(true)
    const faults = (await stats()).faults
    const serverErrors = (faults['http500'] ?? 0) + (faults['http502'] ?? 0) + (faults['http503'] ?? 0)
    expect(serverErrors).toBeGreaterThan(0)
    expect(faults['drop'] ?? 0).toBeGreaterThan(0)
    expect(faults['burst429'] ?? 0).toBeGreaterThan(0)
    expect(client.stats().retries).toBeGreaterThanOrEqual(serverErrors)
  })

  it('a timeout is retried for a GET, then reported as a timeout', async () => {
    const {client} = await started({quota: 10_000, latencyMs: 400}, {timeoutMs: 100, retry: {maxAttempts: 2}})
    const error = await caught(client.get('/v2/time'))
    expect(error.reason).toBe('timeout')
    expect(error.attempts).toBe(2)
    expect(error.message).toMatch(/^GET \/v2\/time failed after 2 attempts: .*timeout/)
  })

  it('401: the plain-text body is the message; not retried', async () => {
    const {sandbox} = await started()
    const client = new BigCommerceClient({
      baseUrl: sandbox.url,
      storeHash: sandbox.storeHash,
      accessToken: 'wrong-token-123',
      rateLimiter: new RateLimiter(),
    })
    const error = await caught(client.get('/v3/catalog/products'))
    expect(error.status).toBe(401)
    expect(error.message).toBe('GET /v3/catalog/products returned 401: Unauthorized')
    expect(client.stats().requests).toBe(1)
  })

  it('403 for a write with a read-only scope', async () => {
    const {client} = await started({scopes: ['store_v2_products_read_only']})
    await client.get('/v3/catalog/products')
    const error = await caught(client.post('/v3/catalog/brands', {body: {name: 'X'}}))
    expect(error.status).toBe(403)
    expect(error.message).toContain('You do not have the OAuth scope this request needs.')
  })

  it('404 for a wrong store hash and for a missing record, with the template in the message', async () => {
    const {sandbox, client} = await started()
    const wrongStore = new BigCommerceClient({
      baseUrl: sandbox.url,
      storeHash: 'nope',
      accessToken: sandbox.token,
      rateLimiter: new RateLimiter(),
    })
    expect((await caught(wrongStore.get('/v2/time'))).status).toBe(404)
    const error = await caught(
      client.get('/v3/catalog/products/{product_id}', {params: {product_id: 999999}}),
    )
    expect(error.status).toBe(404)
    expect(error.message).toMatch(/^GET \/v3\/catalog\/products\/\{product_id\} returned 404/)
    expect(error.message).not.toContain('999999')
  })
})

describe('partial results against the sandbox', () => {
  it('207 from a batch of tree categories: the saved ones and one failure per bad item', async () => {
    const {client} = await started({quota: 10_000})
    const result = await client.write<Array<{category_id: number; name: string}>>(
      'POST',
      '/v3/catalog/trees/categories',
      {
        body: [
          {name: 'Good', tree_id: 1, parent_id: 0},
          {name: 'Bad', tree_id: 999, parent_id: 0},
        ],
      },
    )
    expect(result.status).toBe(207)
    expect(result.outcome).toBe('partial')
    expect(result.data?.map((category) => category.name)).toEqual(['Good'])
    expect(result.failures.length).toBeGreaterThan(0)
    expect(result.failures[0]).toMatchObject({index: 1})
    expect(result.counts).toEqual({total: 2, success: 1, failed: 1})
  })

  it('a 422 where every item failed is still a per-item result from write()', async () => {
    const {client} = await started({quota: 10_000})
    const result = await client.write('POST', '/v3/catalog/trees/categories', {
      body: [{name: 'Bad', tree_id: 999, parent_id: 0}],
    })
    expect(result).toMatchObject({status: 422, outcome: 'partial', counts: {total: 1, success: 0, failed: 1}})
    expect(result.failures[0]?.index).toBe(0)
  })
})

describe('a connection dropped mid-body (a loopback server; the sandbox only drops before answering)', () => {
  it('is retried for a GET and reported clearly when it keeps happening', async () => {
    let calls = 0
    const server: Server = createServer((request, response) => {
      calls += 1
      response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': '500'})
      response.write('{"data": [{"id": 1, "name": "Half')
      setTimeout(() => response.socket?.destroy(), 5)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())))
    const {port} = server.address() as AddressInfo
    const client = new BigCommerceClient({
      baseUrl: `http://127.0.0.1:${port}`,
      storeHash: 'h',
      accessToken: 'token-abc',
      rateLimiter: new RateLimiter(),
      retry: {maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10},
    })
    const error = await caught(client.get('/v3/catalog/brands'))
    expect(calls).toBe(3)
    expect(error.reason).toBe('network')
    expect(error.message).toMatch(/^GET \/v3\/catalog\/brands failed after 3 attempts: /)
    expect(error.message).toMatch(/truncated|closed before the response was complete/)
    const post = await caught(client.post('/v3/catalog/brands', {body: {name: 'x'}}))
    expect(post.name).toBe('AmbiguousWriteError')
    expect(calls).toBe(4)
  })
})

describe('the token in errors from undici itself', () => {
  it('appears nowhere in an inspected network error and its cause chain', async () => {
    const server = createTcpServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const token = 'inspect-me-secret-token-99'
    const client = new BigCommerceClient({
      baseUrl: `http://127.0.0.1:${port}`,
      storeHash: 'h',
      accessToken: token,
      rateLimiter: new RateLimiter(),
      retry: {maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2},
    })
    const error = await caught(client.get('/v3/catalog/products'))
    expect(error.message).toBe('GET /v3/catalog/products failed after 2 attempts: connection refused')
    const everything = `${inspect(error, {depth: 20, showHidden: true})}\n${JSON.stringify(error)}`
    expect(everything).not.toContain(token)
  })
})

describe('per-endpoint caps and price-list partial 422s against the sandbox', () => {
  async function priceListStore() {
    const created = await started({quota: 10_000, latencyMs: 30})
    const {client} = created
    await client.post('/v3/catalog/products', {
      body: {name: 'Tee', type: 'physical', weight: 1, price: 10, sku: 'TEE-1'},
    })
    const list = await client.post<{data: {id: number}}>('/v3/pricelists', {
      body: {name: 'Wholesale', active: true},
    })
    return {...created, listId: list.body.data.id}
  }

  it('price-list record upserts run one at a time: no concurrency 429s', async () => {
    const {client, stats, listId} = await priceListStore()
    const upsert = (price: number) =>
      client.write('PUT', '/v3/pricelists/{price_list_id}/records', {
        params: {price_list_id: listId},
        body: [{sku: 'TEE-1', currency: 'usd', price}],
      })
    const results = await Promise.all([1, 2, 3, 4].map((price) => upsert(price)))
    expect(results.map((result) => result.outcome)).toEqual(['complete', 'complete', 'complete', 'complete'])
    expect((await stats()).concurrencyLimited).toBe(0)
    expect(client.stats().rateLimited).toBe(0)
  })

  it('the same upserts sent in parallel without the client do get 429s (the cap is real)', async () => {
    const {sandbox, stats, listId} = await priceListStore()
    const url = `${sandbox.url}/stores/${sandbox.storeHash}/v3/pricelists/${listId}/records`
    const headers = {
      'X-Auth-Token': sandbox.token,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    }
    const body = JSON.stringify([{sku: 'TEE-1', currency: 'usd', price: 5}])
    await Promise.all([1, 2, 3].map(() => fetch(url, {method: 'PUT', headers, body})))
    expect((await stats()).concurrencyLimited).toBeGreaterThan(0)
  })

  it('a partial 422 (batch_errors) returns the failed record by its identifiers', async () => {
    const {client, listId} = await priceListStore()
    const result = await client.write('PUT', '/v3/pricelists/{price_list_id}/records', {
      params: {price_list_id: listId},
      body: [
        {sku: 'TEE-1', currency: 'usd', price: 9},
        {sku: 'NO-SUCH-SKU', currency: 'usd', price: 9},
      ],
    })
    expect(result.status).toBe(422)
    expect(result.outcome).toBe('partial')
    expect(result.failures.length).toBeGreaterThan(0)
    expect(result.failures.every((failure) => failure.data?.['sku'] === 'NO-SUCH-SKU')).toBe(true)
    const saved = await client.listAll<{sku?: string; price: number}>(
      '/v3/pricelists/{price_list_id}/records',
      {
        params: {price_list_id: listId},
        query: {include: 'sku'},
      },
    )
    expect(saved.map((record) => record.price)).toEqual([9])
  })
})
