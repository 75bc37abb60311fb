import {afterEach, describe, expect, it} from 'vitest'

import {AmbiguousWriteError, ApiError} from '../../src/bigcommerce/index.js'
import {catalogctlVersion} from '../../src/bigcommerce/user-agent.js'
import {MOCK_TOKEN, STORE, mockStore, rateHeaders} from './mock-store.js'

const agents: Array<{close(): Promise<void>; assertNoPendingInterceptors(): void}> = []
function store(...args: Parameters<typeof mockStore>) {
  const created = mockStore(...args)
  agents.push(created.agent)
  return created
}
afterEach(async () => {
  for (const agent of agents.splice(0)) {
    agent.assertNoPendingInterceptors()
    await agent.close()
  }
})

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected the call to fail')
}

describe('requests', () => {
  it('sends the auth, accept, content-type and user-agent headers and fills the path template', async () => {
    const {pool, client} = store()
    let seen: Record<string, string> = {}
    pool
      .intercept({path: `${STORE}/v3/catalog/products/42?include=variants%2Cimages`, method: 'PUT'})
      .reply((options) => {
        seen = options.headers as Record<string, string>
        return {statusCode: 200, data: {data: {id: 42}}, responseOptions: {headers: rateHeaders()}}
      })
    const response = await client.put<{data: {id: number}}>('/v3/catalog/products/{product_id}', {
      params: {product_id: 42},
      query: {include: 'variants,images'},
      body: {name: 'x'},
    })
    expect(response.body.data.id).toBe(42)
    expect(seen['x-auth-token']).toBe(MOCK_TOKEN)
    expect(seen['accept']).toBe('application/json')
    expect(seen['content-type']).toBe('application/json')
    expect(seen['user-agent']).toBe(`catalogctl/${catalogctlVersion} node/${process.versions.node}`)
    expect(catalogctlVersion).toBe('0.1.0')
    expect(client.stats().byRoute['PUT /v3/catalog/products/{product_id}']?.requests).toBe(1)
  })

  it('logs method, template, status and rate-limit headers — never the token', async () => {
    const {pool, client, lines} = store()
    pool
      .intercept({path: `${STORE}/v3/catalog/products/7`, method: 'GET'})
      .reply(200, {data: {}}, {headers: rateHeaders({'x-request-id': 'r-9'})})
    await client.get('/v3/catalog/products/{product_id}', {params: {product_id: 7}})
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^catalogctl:http GET \/v3\/catalog\/products\/\{product_id\} 200 \d+ms \[left 140\/150, reset 20000ms, window 30000ms\] request-id r-9$/,
    )
    expect(lines.join('\n')).not.toContain(MOCK_TOKEN)
  })
})

describe('bodies no server should send', () => {
  it('malformed JSON on a 200 is a clear invalid-body error, not a crash', async () => {
    const {pool, client} = store({retry: {maxAttempts: 1}})
    pool
      .intercept({path: `${STORE}/v3/catalog/brands`, method: 'GET'})
      .reply(200, '{"data": [ {"id": 1,}', {headers: rateHeaders()})
    const error = await caught(client.get('/v3/catalog/brands'))
    expect(error.reason).toBe('invalid-body')
    expect(error.message).toMatch(/^GET \/v3\/catalog\/brands failed: the response body is not valid JSON/)
  })

  it('a truncated JSON body is retried for a GET and then reported', async () => {
    const {pool, client} = store({retry: {maxAttempts: 2, baseDelayMs: 1}})
    pool
      .intercept({path: `${STORE}/v3/catalog/brands`, method: 'GET'})
      .reply(200, '{"data": [{"id": 1, "na', {headers: rateHeaders()})
      .times(2)
    const error = await caught(client.get('/v3/catalog/brands'))
    expect(error.reason).toBe('invalid-body')
    expect(error.attempts).toBe(2)
    expect(error.message).toContain('truncated or malformed')
    expect(client.stats().retries).toBe(1)
  })

  it('a truncated body that is recovered on retry returns the data', async () => {
    const {pool, client} = store()
    pool
      .intercept({path: `${STORE}/v3/catalog/brands`, method: 'GET'})
      .reply(200, '{"data": [', {headers: rateHeaders()})
    pool
      .intercept({path: `${STORE}/v3/catalog/brands`, method: 'GET'})
      .reply(200, {data: [{id: 1}]}, {headers: rateHeaders()})
    expect((await client.get<{data: unknown[]}>('/v3/catalog/brands')).body.data).toEqual([{id: 1}])
  })

  it('an HTML page on 200 says the URL is probably not the API', async () => {
    const {pool, client} = store()
    pool
      .intercept({path: `${STORE}/v2/time`, method: 'GET'})
      .reply(200, '<!doctype html><html><head><title>Welcome to nginx</title></head></html>', {
        headers: {'content-type': 'text/html'},
      })
    const error = await caught(client.get('/v2/time'))
    expect(error.reason).toBe('invalid-body')
    expect(error.message).toContain('Welcome to nginx')
    expect(error.message).toContain('BIGCOMMERCE_API_URL')
  })

  it('an HTML 502 page from a proxy becomes its title; a GET is retried then surfaced', async () => {
    const {pool, client} = store({retry: {maxAttempts: 2, baseDelayMs: 1}})
    const html = '<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>'
    pool
      .intercept({path: `${STORE}/v3/catalog/products`, method: 'GET'})
      .reply(502, html, {headers: {'content-type': 'text/html'}})
      .times(2)
    const error = await caught(client.get('/v3/catalog/products'))
    expect(error.status).toBe(502)
    expect(error.message).toBe('GET /v3/catalog/products returned 502 after 2 attempts: 502 Bad Gateway')
  })

  it('a connection reset is retried for GET', async () => {
    const {pool, client} = store()
    pool
      .intercept({path: `${STORE}/v3/catalog/products`, method: 'GET'})
      .replyWithError(Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'}))
    pool
      .intercept({path: `${STORE}/v3/catalog/products`, method: 'GET'})
      .reply(200, {data: []}, {headers: rateHeaders()})
    expect((await client.get<{data: unknown[]}>('/v3/catalog/products')).body.data).toEqual([])
    expect(client.stats().retries).toBe(1)
  })
})

describe('retries and partial results', () => {
  it('POST + 500 is an AmbiguousWriteError, sent once', async () => {
    const {pool, client} = store()
    pool
      .intercept({path: `${STORE}/v3/catalog/products`, method: 'POST'})
      .reply(500, {status: 500, title: 'Internal Server Error'}, {headers: rateHeaders()})
    const error = await caught(client.post('/v3/catalog/products', {body: {sku: 'A'}}))
    expect(error).toBeInstanceOf(AmbiguousWriteError)
    expect(error.message).toContain('re-read by natural key')
    expect(client.stats().requests).toBe(1)
  })

  it('POST + connection reset after sending is ambiguous; connection refused is retried', async () => {
    const {pool, client} = store()
    pool
      .intercept({path: `${STORE}/v3/catalog/brands`, method: 'POST'})
      .replyWithError(Object.assign(new Error('reset'), {code: 'ECONNRESET'}))
    expect(await caught(client.post('/v3/catalog/brands', {body: {name: 'A'}}))).toBeInstanceOf(
      AmbiguousWriteError,
    )
    pool
      .intercept({path: `${STORE}/v3/catalog/brands`, method: 'POST'})
      .replyWithError(Object.assign(new Error('refused'), {code: 'ECONNREFUSED'}))
    pool
      .intercept({path: `${STORE}/v3/catalog/brands`, method: 'POST'})
      .reply(200, {data: {id: 3}}, {headers: rateHeaders()})
    expect(
      (await client.post<{data: {id: number}}>('/v3/catalog/brands', {body: {name: 'A'}})).body.data.id,
    ).toBe(3)
  })

  it('429: waits the longer of X-Retry-After (s) and Time-Reset-Ms, holding other requests too', async () => {
    const {pool, client} = store()
    const limited = rateHeaders({
      'x-rate-limit-requests-left': '0',
      'x-rate-limit-time-reset-ms': '150',
      'x-retry-after': '1',
    })
    pool
      .intercept({path: `${STORE}/v3/catalog/brands`, method: 'GET'})
      .reply(429, {status: 429, title: 'Too many requests', errors: {}}, {headers: limited})
    pool
      .intercept({path: `${STORE}/v3/catalog/brands`, method: 'GET'})
      .reply(200, {data: []}, {headers: rateHeaders()})
    const started = Date.now()
    await client.get('/v3/catalog/brands')
    expect(Date.now() - started).toBeGreaterThanOrEqual(990)
    expect(client.stats()).toMatchObject({rateLimited: 1, retries: 1})
  })

  it('429 without rate-limit headers (platform load) backs off and retries', async () => {
    const {pool, client} = store()
    pool
      .intercept({path: `${STORE}/v3/catalog/brands`, method: 'GET'})
      .reply(429, {status: 429, title: 'Too many requests', errors: {}})
      .times(2)
    pool
      .intercept({path: `${STORE}/v3/catalog/brands`, method: 'GET'})
      .reply(200, {data: [{id: 1}]}, {headers: rateHeaders()})
    expect((await client.get<{data: unknown[]}>('/v3/catalog/brands')).body.data).toHaveLength(1)
    expect(client.stats()).toMatchObject({rateLimited: 2, retries: 2, requests: 3})
  })

  it.each([400, 401, 403, 404, 409, 413, 422, 501, 505, 507])('never retries %i', async (status) => {
    const {pool, client} = store()
    pool
      .intercept({path: `${STORE}/v3/catalog/products`, method: 'GET'})
      .reply(status, {status, title: `status ${status}`, errors: {}}, {headers: rateHeaders()})
    const error = await caught(client.get('/v3/catalog/products'))
    expect(error.status).toBe(status)
    expect(error.attempts).toBe(1)
    expect(client.stats().retries).toBe(0)
  })

  it('the price-list 503 shape is parsed and its retry_after_seconds honoured as a floor', async () => {
    const {pool, client} = store({retry: {maxAttempts: 2}})
    const body = {
      error: {
        code: 'SERVICE_DEGRADED',
        message: 'Service temporarily unavailable',
        details: 'retry later',
        retry_after_seconds: 0.05,
      },
    }
    pool
      .intercept({path: `${STORE}/v3/pricelists`, method: 'GET'})
      .reply(503, body, {headers: rateHeaders()})
      .times(2)
    const started = Date.now()
    const error = await caught(client.get('/v3/pricelists'))
    expect(Date.now() - started).toBeGreaterThanOrEqual(45)
    expect(error.message).toBe(
      'GET /v3/pricelists returned 503 after 2 attempts: Service temporarily unavailable — retry later',
    )
    expect(error.code).toBe('SERVICE_DEGRADED')
  })

  it('write(): 207 returns the saved data and the failed part', async () => {
    const {pool, client} = store()
    pool.intercept({path: `${STORE}/v3/catalog/products`, method: 'POST'}).reply(
      207,
      {
        data: {id: 77, sku: 'TS'},
        errors: {
          status: 422,
          title: 'Inventory was not updated',
          type: 't',
          errors: {inventory_level: 'must be >= 0'},
        },
        meta: {},
      },
      {headers: rateHeaders()},
    )
    const result = await client.write<{id: number}>('POST', '/v3/catalog/products', {body: {sku: 'TS'}})
    expect(result).toMatchObject({
      outcome: 'partial',
      status: 207,
      data: {id: 77},
      message: 'Inventory was not updated',
    })
    expect(result.failures).toEqual([{status: 422, field: 'inventory_level', message: 'must be >= 0'}])
  })

  it('write(): a price-list 422 with batch_errors is a partial result per record, not an exception', async () => {
    const {pool, client} = store()
    pool.intercept({path: `${STORE}/v3/pricelists/2/records`, method: 'PUT'}).reply(
      422,
      {
        batch_errors: [
          {data: {price_list_id: 2, sku: 'B', currency: 'usd'}, field_errors: {price: 'must be a number'}},
        ],
      },
      {headers: rateHeaders()},
    )
    const result = await client.write('PUT', '/v3/pricelists/{price_list_id}/records', {
      params: {price_list_id: 2},
      body: [{sku: 'A'}, {sku: 'B'}],
    })
    expect(result.outcome).toBe('partial')
    expect(result.failures).toEqual([
      {
        index: 0,
        data: {price_list_id: 2, sku: 'B', currency: 'usd'},
        field: 'price',
        message: 'must be a number',
      },
    ])
  })

  it('write(): a plain 422 (the whole request was invalid) still throws', async () => {
    const {pool, client} = store()
    pool
      .intercept({path: `${STORE}/v3/catalog/products`, method: 'PUT'})
      .reply(422, {status: 422, title: 'Invalid', errors: {'0.id': 'required'}}, {headers: rateHeaders()})
    const error = await caught(client.write('PUT', '/v3/catalog/products', {body: [{}]}))
    expect(error.itemErrors).toEqual([{index: 0, field: 'id', message: 'required'}])
  })

  it('write(): 200 is complete', async () => {
    const {pool, client} = store()
    pool
      .intercept({path: `${STORE}/v3/catalog/products`, method: 'PUT'})
      .reply(200, {data: [{id: 1}], meta: {}}, {headers: rateHeaders()})
    expect(await client.write('PUT', '/v3/catalog/products', {body: [{id: 1}]})).toMatchObject({
      outcome: 'complete',
      failures: [],
    })
  })

  it('the token never reaches an error message, even when a server echoes it back', async () => {
    const {pool, client} = store()
    pool
      .intercept({path: `${STORE}/v3/catalog/products`, method: 'GET'})
      .reply(400, {title: `bad token ${MOCK_TOKEN}`, errors: {auth: MOCK_TOKEN}}, {headers: rateHeaders()})
    const error = await caught(client.get('/v3/catalog/products'))
    expect(error.message).not.toContain(MOCK_TOKEN)
    expect(error.stack).not.toContain(MOCK_TOKEN)
    expect(error.message).toContain('bad token ***')
  })
})
