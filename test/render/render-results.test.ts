import {describe, expect, it} from 'vitest'

import type {ApplyReport, RecordResult} from '../../src/apply/result.js'

import {renderResultsJson} from '../../src/render/json.js'
import {renderResultsMarkdown, renderResultsText} from '../../src/render/results.js'
import {expectGolden} from './golden.js'

function aReport(results: RecordResult[]): ApplyReport {
  return {
    format_version: '1.0',
    run_id: '20261203T120000Z-abc123',
    started_at: '2026-12-03T12:00:00.000Z',
    finished_at: '2026-12-03T12:00:12.400Z',
    store: {hash: 'abc123'},
    scope: 'all',
    mode: 'full',
    commit: '0123456789abcdef0123456789abcdef01234567',
    summary: {create: 2, update: 2, delete: 0, unchanged: 7, unmanaged: 1, adopt: 0},
    results,
    stats: {requests: 14, retries: 2, rate_limited: 1},
  }
}

const sample = (): ApplyReport =>
  aReport([
    {kind: 'brand', key: 'Northwind', action: 'create', status: 'applied'},
    {
      kind: 'product',
      key: 'TEE-CLASSIC',
      action: 'create',
      status: 'warning',
      message: 'The product was saved but its inventory was not',
      response: {status: 207, body: {errors: {inventory_level: 'failed'}}},
    },
    {
      kind: 'product',
      key: 'MUG-01',
      action: 'update',
      status: 'failed',
      message: 'The product name is a duplicate',
      response: {
        status: 409,
        body: {
          status: 409,
          title: 'The product name is a duplicate',
          type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
          errors: {},
        },
      },
    },
    {kind: 'product', key: 'CAP-01', action: 'update', status: 'skipped', message: 'brand Northwind failed'},
  ])

describe('results renderers (golden)', () => {
  it('text', () => expectGolden('results.text.golden', renderResultsText(sample())))
  it('text, verbose', () =>
    expectGolden('results.verbose.golden', renderResultsText(sample(), {verbose: true})))
  it('markdown', () => expectGolden('results.markdown.golden', renderResultsMarkdown(sample())))
  it('json', () => expectGolden('results.json.golden', renderResultsJson(sample())))
})

describe('renderResultsMarkdown', () => {
  it('cuts failures to stay under the limit and says how many were left out', () => {
    const results: RecordResult[] = Array.from({length: 400}, (_, i) => ({
      kind: 'product',
      key: `SKU-${i}`,
      action: 'update',
      status: 'failed',
      message: 'Unprocessable',
      response: {status: 422, body: {errors: {price: 'x'.repeat(200)}}},
    }))
    const markdown = renderResultsMarkdown(aReport(results), {maxLength: 10_000})
    expect(markdown.length).toBeLessThanOrEqual(10_000)
    expect(markdown).toMatch(/> \*\*\d+ more records not shown\*\*/)
    expect(markdown).toContain('### catalogctl apply finished with failures')
  })

  it('reports success when nothing failed', () => {
    const markdown = renderResultsMarkdown(
      aReport([{kind: 'brand', key: 'A', action: 'create', status: 'applied'}]),
    )
    expect(markdown).toContain('### catalogctl apply succeeded')
    expect(renderResultsText(aReport([]))).toBe(
      'Apply: 0 applied, 0 warnings, 0 failed, 0 skipped. 14 requests (2 retries, 1 rate-limited) in 13 s.\n',
    )
  })
})
