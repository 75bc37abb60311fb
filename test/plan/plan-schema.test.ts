import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Ajv} from 'ajv'
import addFormats from 'ajv-formats'
import {describe, expect, it} from 'vitest'

import type {ApplyReport} from '../../src/apply/result.js'

import {renderPlanJson, renderResultsJson} from '../../src/render/json.js'
import {samplePlan} from '../render/sample-plan.js'

const schemasDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas')
const load = (name: string): object => JSON.parse(readFileSync(path.join(schemasDir, name), 'utf8')) as object

function validator(name: string) {
  const ajv = new Ajv({allErrors: true, strict: true, allowUnionTypes: true})
  addFormats.default(ajv)
  return ajv.compile(load(name))
}

describe('schemas/plan.schema.json', () => {
  const validate = validator('plan.schema.json')

  it('validates the JSON of a real plan', () => {
    const json: unknown = JSON.parse(renderPlanJson(samplePlan()))
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
  })

  it('rejects a change with an unknown action or a product missing a field', () => {
    const plan = JSON.parse(renderPlanJson(samplePlan())) as {changes: Array<Record<string, unknown>>}
    plan.changes[0]!.action = 'replace'
    expect(validate(plan)).toBe(false)
    const other = JSON.parse(renderPlanJson(samplePlan())) as {
      changes: Array<{after: Record<string, unknown> | null}>
    }
    const product = other.changes.find((change) => change.after && 'sku' in change.after)!
    delete product.after!.price
    expect(validate(other)).toBe(false)
  })
})

describe('schemas/result.schema.json', () => {
  it('validates an apply report and rejects an unknown status', () => {
    const validate = validator('result.schema.json')
    const report: ApplyReport = {
      format_version: '1.0',
      run_id: 'r1',
      started_at: '2026-12-03T12:00:00.000Z',
      finished_at: '2026-12-03T12:00:01.000Z',
      store: {hash: 'abc'},
      scope: 'products',
      mode: 'full',
      commit: null,
      summary: {create: 1, update: 0, delete: 0, unchanged: 0, unmanaged: 0, adopt: 0},
      results: [
        {
          kind: 'product',
          key: 'A',
          action: 'create',
          status: 'failed',
          message: 'x',
          response: {status: 422, body: {errors: {}}},
        },
      ],
      stats: {requests: 1, retries: 0, rate_limited: 0},
    }
    const json = JSON.parse(renderResultsJson(report)) as {results: Array<{status: string}>}
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    json.results[0]!.status = 'exploded'
    expect(validate(json)).toBe(false)
  })
})
