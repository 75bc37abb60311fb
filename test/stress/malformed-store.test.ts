import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from '../e2e/helpers/catalog-dir.js'
import {chaosLevel} from './chaos-level.js'
import {Catalogctl} from '../e2e/helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from '../e2e/helpers/e2e-store.js'
import {
  editJson,
  endlessPages,
  htmlPage,
  neverEnds,
  productField,
  startHostileStore,
  truncated,
  withoutMeta,
  type Corruption,
  type HostileStore,
} from './hostile-store.js'

/**
 * Malformed answers from a store (issue 11): the example catalog is applied to a sandbox, then `plan` and
 * `apply` run through a proxy that breaks one answer. Each must end with a clear error — what was wrong
 * and where — no stack trace, no hang, and apply must write nothing it did not report.
 */

const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m
const PRODUCTS = /^\/stores\/[^/]+\/v3\/catalog\/products\?/

let store: E2eStore
let hostile: HostileStore
let catalog: CatalogDir
let cli: Catalogctl

beforeAll(async () => {
  store = await startE2eStore()
  hostile = await startHostileStore(store.env.BIGCOMMERCE_API_URL ?? '')
  catalog = await CatalogDir.copyOf()
  const direct = new Catalogctl(catalog, store.env)
  const applied = await direct.run(['apply', '--dir', 'catalog', '--yes'])
  expect(applied.exitCode, applied.stderr).toBe(0)
  // One edit, so an apply through the hostile store has something to write.
  await catalog.editProduct('products/apparel/classic-tee.yaml', 'NW-TEE-CLASSIC', (product) => {
    product['name'] = 'Classic Tee (hostile store)'
  })
  cli = new Catalogctl(catalog, {...store.env, BIGCOMMERCE_API_URL: hostile.url})
})
afterAll(async () => {
  await hostile.stop()
  await store.stop()
  await catalog.remove()
})

interface Case {
  name: string
  corruption: Corruption
  /** What the error must say. */
  says: RegExp
}

const cases: Case[] = [
  {name: 'truncated JSON', corruption: truncated, says: /GET \/v3\/catalog\/products.*(JSON|body)/i},
  {name: 'an HTML error page', corruption: htmlPage(502), says: /502.*Bad Gateway/},
  {name: 'an HTML page with 200', corruption: htmlPage(200), says: /HTML/},
  {
    name: 'a price that is a word',
    corruption: productField('price', 'twenty'),
    says: /price "twenty" \(a number was expected\)/,
  },
  {name: 'a SKU that is a number', corruption: productField('sku', 42), says: /sku 42 \(text was expected\)/},
  {
    name: 'data that is not a list',
    corruption: editJson((body) => ({...body, data: {id: 1}})),
    says: /`data` is not a list/,
  },
  {name: 'a page that never ends', corruption: neverEnds, says: /timeout/i},
  {name: 'pages that never end', corruption: endlessPages, says: /more than \d+ pages/},
]

/** Each apply adds seconds of back-off and writes: `npm test` runs apply for two cases, `npm run chaos` for all. */
const applyCases = new Set(
  chaosLevel() === 'full' ? cases.map((c) => c.name) : ['a price that is a word', 'data that is not a list'],
)

describe('malformed answers from the store', () => {
  for (const testCase of cases) {
    const commands = applyCases.has(testCase.name) ? [['plan'], ['apply', '--yes']] : [['plan']]
    it(`${testCase.name}: ${commands.map((c) => c[0]).join(' and ')} fail clearly, without a stack trace, a hang or a write`, async () => {
      hostile.corrupt(PRODUCTS, testCase.corruption)
      store.clearWrites()
      for (const args of commands) {
        const started = performance.now()
        // One retry keeps the retry path in every case without its full back-off (six tries by default).
        const result = await cli.run([...args, '--dir', 'catalog', '--timeout', '1000', '--retries', '1'])
        const output = `${result.stdout}\n${result.stderr}`
        const context = `${testCase.name} / ${args[0]} (exit ${result.exitCode}):\n${output}`
        expect(performance.now() - started, context).toBeLessThan(60_000)
        expect(output, context).not.toMatch(STACK_TRACE)
        expect(output, context).not.toMatch(/looks like a bug/)
        expect(result.exitCode, context).toBe(1)
        expect(result.stderr, context).toMatch(testCase.says)
      }
      expect(store.writes, testCase.name).toEqual([])
    }, 180_000)
  }

  it('--retries bounds the tries of a read the store keeps failing', async () => {
    hostile.corrupt(PRODUCTS, htmlPage(502))
    for (const retries of [0, 2]) {
      const before = hostile.seen.length
      const result = await cli.run(['plan', '--dir', 'catalog', '--retries', String(retries)])
      expect(result.exitCode, result.stderr).toBe(1)
      const productReads = hostile.seen
        .slice(before)
        .filter((seen) => PRODUCTS.test(seen.split(' ')[1] ?? ''))
      expect(productReads, `--retries ${retries}`).toHaveLength(retries + 1)
    }
  }, 180_000)

  it('a short page without pagination meta is the last page: plan and apply work', async () => {
    hostile.corrupt(PRODUCTS, withoutMeta)
    store.clearWrites()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stderr).toBe(0)
    expect(store.writes.map((write) => `${write.method} ${write.path}`)).toEqual(['PUT /v3/catalog/products'])
    await cli.expectNoChanges()
  }, 180_000)
})
