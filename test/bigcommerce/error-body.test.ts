import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {describe, expect, it} from 'vitest'

import {ApiError, parseErrorBody} from '../../src/bigcommerce/index.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const fixturesDir = path.resolve(repoRoot, '..', 'shared', 'bigcommerce-fixtures')
const haveFixtures = existsSync(fixturesDir)
if (!haveFixtures) console.warn(`Skipping real 422 fixtures: ${fixturesDir} is absent`)

function errorFor(body: unknown, status = 422, method = 'PUT', pathTemplate = '/v3/catalog/trees') {
  return new ApiError({reason: 'status', method, path: pathTemplate, status, body, requestId: 'req-1'})
}

describe.skipIf(!haveFixtures)('real 422 bodies from ../shared/bigcommerce-fixtures', () => {
  const files = haveFixtures ? readdirSync(fixturesDir).filter((name) => /_422\.json$/.test(name)) : []

  it('finds the recorded 422 bodies', () => {
    expect(files.length).toBeGreaterThanOrEqual(4)
  })

  it.each(files)('%s becomes a readable message with BigCommerce’s own text', (file) => {
    const body = JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8')) as {
      title: string
      detail?: string
      errors?: Record<string, string>
    }
    const error = errorFor(body)
    expect(error.message).toContain('PUT /v3/catalog/trees returned 422')
    expect(error.message).toContain(body.title)
    if (body.detail) expect(error.message).toContain(body.detail)
    for (const message of Object.values(body.errors ?? {})) expect(error.message).toContain(message)
    expect(error.message).toContain('request id req-1')
    expect(error.message).not.toMatch(/\[object Object\]|undefined/)
  })

  it('reads the batch index out of keys like "0.tree_id"', () => {
    const body = JSON.parse(
      readFileSync(path.join(fixturesDir, 'johnhebron__catalog_trees_update_422.json'), 'utf8'),
    )
    expect(parseErrorBody(body).items).toEqual([
      {index: 0, field: 'tree_id', message: 'Tree does not exist.'},
    ])
  })
})

describe('parseErrorBody accepts every BigCommerce shape', () => {
  it('V3 errors map', () => {
    const parsed = parseErrorBody({
      status: 409,
      title: 'Conflict',
      type: 't',
      errors: {sku: 'SKU already exists'},
    })
    expect(parsed.title).toBe('Conflict')
    expect(parsed.items).toEqual([{field: 'sku', message: 'SKU already exists'}])
  })

  it('detail instead of errors', () => {
    expect(parseErrorBody({status: 405, title: 'Method Not Allowed', detail: 'Use PUT'})).toMatchObject({
      title: 'Method Not Allowed',
      detail: 'Use PUT',
    })
  })

  it('price-list batch_errors with echoed identifiers and field_errors', () => {
    const parsed = parseErrorBody({
      batch_errors: [
        {data: {price_list_id: 2, sku: 'TS-M', currency: 'usd'}, field_errors: {price: 'must be positive'}},
      ],
    })
    expect(parsed.items).toEqual([
      {
        index: 0,
        data: {price_list_id: 2, sku: 'TS-M', currency: 'usd'},
        field: 'price',
        message: 'must be positive',
      },
    ])
    expect(errorFor({batch_errors: [{data: {sku: 'TS-M'}, field_errors: {price: 'bad'}}]}).message).toContain(
      '[#0 sku=TS-M] price: bad',
    )
  })

  it('variant batch_errors with status and an errors map', () => {
    const parsed = parseErrorBody({
      batch_errors: [{status: 422, title: 'Invalid', errors: {price: 'too low'}}],
    })
    expect(parsed.items).toEqual([{index: 0, status: 422, field: 'price', message: 'too low'}])
  })

  it('207 with a single error object under errors', () => {
    const parsed = parseErrorBody({
      data: [{id: 1}],
      errors: {
        status: 422,
        title: 'Inventory not updated',
        type: 't',
        errors: {inventory_level: 'must be >= 0'},
      },
      meta: {},
    })
    expect(parsed.title).toBe('Inventory not updated')
    expect(parsed.items).toEqual([{status: 422, field: 'inventory_level', message: 'must be >= 0'}])
  })

  it('metafield partial-success errors[] with counts', () => {
    const parsed = parseErrorBody({
      data: [{id: 5}],
      errors: [
        {
          status: 422,
          title: 'Bulk operation has failed',
          type: 't',
          errors: {'2': 'Metafield does not exist'},
        },
      ],
      meta: {total: 2, success: 1, failed: 1},
    })
    expect(parsed.title).toBe('Bulk operation has failed')
    expect(parsed.items).toEqual([{status: 422, field: '2', message: 'Metafield does not exist'}])
    expect(parsed.counts).toEqual({total: 2, success: 1, failed: 1})
  })

  it('price-list 503 error object', () => {
    const parsed = parseErrorBody({
      error: {
        code: 'SERVICE_DEGRADED',
        message: 'Service temporarily unavailable',
        details: 'retry later',
        retry_after_seconds: 30,
      },
    })
    expect(parsed).toMatchObject({
      title: 'Service temporarily unavailable',
      detail: 'retry later',
      code: 'SERVICE_DEGRADED',
      retryAfterSeconds: 30,
    })
  })

  it('V2 array errors', () => {
    const parsed = parseErrorBody([{status: 404, message: 'The requested resource was not found.'}])
    expect(parsed.title).toBe('The requested resource was not found.')
    expect(
      errorFor([{status: 400, message: 'name is required'}], 400, 'POST', '/v2/customer_groups').message,
    ).toBe('POST /v2/customer_groups returned 400: name is required\n  (request id req-1)')
  })

  it('plain text (401) and HTML pages', () => {
    expect(parseErrorBody('OAuth token is invalid').title).toBe('OAuth token is invalid')
    expect(
      parseErrorBody('<html><head><title>502 Bad Gateway</title></head><body><h1>x</h1></body></html>').title,
    ).toBe('502 Bad Gateway')
  })

  it('never throws on junk', () => {
    for (const junk of [
      null,
      undefined,
      42,
      '',
      [],
      {},
      {errors: 'text'},
      {errors: [1, null]},
      {batch_errors: [null]},
    ]) {
      expect(() => errorFor(junk).message).not.toThrow()
    }
  })
})
