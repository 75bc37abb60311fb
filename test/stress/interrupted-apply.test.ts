import {spawn} from 'node:child_process'
import {readdir, readFile, rm} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import fc from 'fast-check'

import {loadCatalog} from '../../src/catalog/index.js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from '../e2e/helpers/catalog-dir.js'
import {someCatalogProducts} from '../e2e/helpers/catalog-factory.js'
import {Catalogctl} from '../e2e/helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from '../e2e/helpers/e2e-store.js'
import {chaosLevel, fuzzSeed} from './chaos-level.js'

/**
 * Interrupted applies (issue 11): start an apply, SIGKILL it at a seeded random moment, apply again. Every
 * trial must end with an empty plan, each SKU once in the store, and the killed run in the history as
 * interrupted, with the results it had recorded before it died.
 */

const binPath = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const seed = fuzzSeed()
const level = chaosLevel()

/**
 * When to kill: as the `afterWrites`-th write reaches the store (it is forwarded anyway, so the store may
 * apply a write whose answer the killed process never reads), `delayMs` later.
 */
interface Trial {
  afterWrites: number
  delayMs: number
}

const trialArbitrary = (maxWrites: number): fc.Arbitrary<Trial> =>
  fc.record({afterWrites: fc.integer({min: 1, max: maxWrites}), delayMs: fc.integer({min: 0, max: 40})})

let store: E2eStore
beforeAll(async () => {
  store = await startE2eStore()
})
afterAll(async () => {
  await store.stop()
})

/** Runs `apply --yes` and SIGKILLs it at the trial's write (unless it ended first). */
function applyAndKill(catalog: CatalogDir, trial: Trial): Promise<{killed: boolean}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, 'apply', '--dir', 'catalog', '--yes'], {
      cwd: catalog.root,
      env: {...process.env, NO_COLOR: '1', ...store.env},
      stdio: 'ignore',
    })
    let writes = 0
    store.beforeWrite = async () => {
      if (++writes !== trial.afterWrites) return
      await new Promise((done) => setTimeout(done, trial.delayMs))
      child.kill('SIGKILL')
    }
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      store.beforeWrite = undefined
      resolve({killed: signal === 'SIGKILL'})
    })
  })
}

async function historyReports(catalog: CatalogDir): Promise<{status?: string; results: unknown[]}[]> {
  const dir = path.join(catalog.dir, '.catalogctl', 'history')
  const files = (await readdir(dir).catch(() => [])).filter((name) => name.endsWith('.json')).sort()
  return Promise.all(
    files.map(
      async (file) =>
        JSON.parse(await readFile(path.join(dir, file), 'utf8')) as {status?: string; results: unknown[]},
    ),
  )
}

async function runTrial(catalog: CatalogDir, trial: Trial, expectedSkus: number): Promise<void> {
  await store.reset()
  await rm(path.join(catalog.dir, '.catalogctl', 'history'), {recursive: true, force: true})
  const {killed} = await applyAndKill(catalog, trial)
  const cli = new Catalogctl(catalog, store.env)
  const again = await cli.run(['apply', '--dir', 'catalog', '--yes'])
  const context = `kill at write ${trial.afterWrites} + ${trial.delayMs} ms (killed: ${killed}):\n${again.stdout}\n${again.stderr}`
  expect(again.exitCode, context).toBe(0)
  await cli.expectNoChanges()

  const data = await store.dump()
  const skus = data.products.map((product) => String(product.data.sku).toLowerCase())
  expect(new Set(skus).size, `duplicate SKUs after ${context}`).toBe(skus.length)
  expect(skus.length, context).toBe(expectedSkus)

  const history = await historyReports(catalog)
  expect(killed, context).toBe(true)
  {
    // The killed run is there, marked interrupted, with what it recorded before it died.
    const listing = await cli.run(['history', '--dir', 'catalog'])
    expect(listing.exitCode, listing.stderr).toBe(0)
    expect(history[0]?.status, context).toBe('interrupted')
    expect(listing.stdout, context).toMatch(/interrupted/)
  }
  expect(history.at(-1)?.status ?? 'finished', context).toBe('finished')
}

describe('interrupted apply', () => {
  const trials = level === 'full' ? 20 : 3

  it(`${trials} seeded SIGKILLs of the example catalog's apply each end in an empty plan and one record per SKU`, async () => {
    const catalog = await CatalogDir.copyOf()
    try {
      const expected = (await loadCatalog(catalog.dir)).products.length
      // The example catalog's apply from an empty store makes 38 requests, most of them writes.
      const plan = fc.sample(trialArbitrary(30), {numRuns: trials, seed})
      console.info(
        `interrupted apply: seed ${seed}, kills at ${plan.map((t) => `write ${t.afterWrites}+${t.delayMs}ms`).join(', ')}`,
      )
      for (const trial of plan) await runTrial(catalog, trial, expected)
    } finally {
      await catalog.remove()
    }
  }, 900_000)

  if (level !== 'full')
    console.info('interrupted apply: the 2,000-product trials run under `npm run chaos` only (minutes each)')
  it.runIf(level === 'full')(
    '20 seeded SIGKILLs of a 2,000-product apply',
    async () => {
      const catalog = await CatalogDir.fromParts({products: someCatalogProducts(2_000)})
      // 2,000 products from empty: one create each, plus brands, categories and ownership metafields.
      const plan = fc.sample(trialArbitrary(2_000), {numRuns: 20, seed: seed + 1})
      console.info(
        `interrupted 2,000-product apply: kills at writes ${plan.map((t) => t.afterWrites).join(', ')}`,
      )
      try {
        for (const trial of plan) await runTrial(catalog, trial, 2_000)
      } finally {
        await catalog.remove()
      }
    },
    3_600_000,
  )
})
