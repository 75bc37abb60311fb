/**
 * Reads of an inventory-scoped plan against a full plan, and the writes of a 5,000-line stock change
 * (issue 7), on a generated catalog of N products (BENCH_PRODUCTS, default 10,000) × V variants
 * (BENCH_VARIANTS, default 6; 0 = products without variants) with stock for every variant at three
 * locations: east (location 1), west and north (both created by the seeding apply). Variant stock is
 * tracked by variant and written by variant_id.
 * - Reads: three empty plans of each kind after seeding; medians, the routes of the median run, the ratio.
 * - Writes: three times, 2,500 lines change at west and 2,500 at north; `apply --scope inventory` should
 *   make ceil(2,500 ÷ 2,000) = 2 adjustments per location (plus at most 2 other writes); the re-plan after
 *   each apply must be empty. Medians. Writes to store metafields (the apply lock) are bookkeeping,
 *   counted apart, as bench/plan-apply.ts does.
 * Everything runs on 127.0.0.1; the sandbox lives in this process, the CLI in child processes.
 */
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {startSandbox} from '../src/sandbox/index.js'
import {cli, measure, median, planReads, printRoutes} from './_scoped-bench.js'
import {generateCatalog} from './generate-catalog.js'

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 10_000)
const VARIANTS = Number(process.env['BENCH_VARIANTS'] ?? 6)
const RUNS = 3
const CHANGED_PER_LOCATION = Math.min(2500, PRODUCTS * Math.max(1, VARIANTS))
const isBookkeeping = (route: string): boolean => route.includes('/v3/store/metafields')

/** The catalog's writes among `routes`, and the store-metafield bookkeeping apart. */
function splitWrites(routes: Record<string, number>): {catalog: number; bookkeeping: number} {
  let catalog = 0
  let bookkeeping = 0
  for (const [route, count] of Object.entries(routes)) {
    if (isBookkeeping(route)) bookkeeping += count
    else catalog += count
  }
  return {catalog, bookkeeping}
}

/** Adds `delta` to the quantity of the first `count` lines of a `sku,location,quantity` CSV. */
async function bumpCsv(file: string, count: number, delta: number): Promise<number> {
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n')
  let changed = 0
  const edited = lines.map((line, index) => {
    if (index === 0 || changed >= count) return line
    changed++
    const [sku, location, quantity] = line.split(',')
    return `${sku},${location},${Number(quantity) + delta}`
  })
  await writeFile(file, `${edited.join('\n')}\n`)
  return changed
}

const work = await mkdtemp(path.join(tmpdir(), 'catalogctl-bench-inventory-'))
const sandbox = await startSandbox({port: 0, quota: 1_000_000, windowMs: 30_000})
try {
  const dir = path.join(work, 'catalog')
  await generateCatalog(dir, {
    products: PRODUCTS,
    variantsPerProduct: VARIANTS,
    layout: 'hundred-per-file',
    thirdLocation: true,
  })
  const env = {...sandbox.env}
  const seed = await cli(['apply', '--dir', dir, '--yes', '--concurrency', '16'], env)
  if (seed.status !== 0) throw new Error(`seeding apply failed (${seed.status}):\n${seed.out.slice(-3000)}`)
  const label = `${PRODUCTS.toLocaleString('en-US')} products × ${VARIANTS} variants × 3 locations`
  console.log(`seed: apply of ${label} in ${(seed.ms / 1000).toFixed(1)} s`)

  const full = await planReads(dir, env, sandbox.url, [], RUNS)
  const scoped = await planReads(dir, env, sandbox.url, ['--scope', 'inventory'], RUNS)
  console.log(`full plan (${label}): median ${full.median} reads (runs ${full.counts.join(', ')})`)
  printRoutes(full.routes)
  console.log(`inventory plan (${label}): median ${scoped.median} reads (runs ${scoped.counts.join(', ')})`)
  printRoutes(scoped.routes)
  console.log(
    `inventory plan / full plan: ${scoped.median} / ${full.median} = ${(scoped.median / full.median).toFixed(2)}`,
  )

  const writes: number[] = []
  const bookkeeping: number[] = []
  let changed = 0
  for (let run = 0; run < RUNS; run++) {
    const delta = run % 2 === 0 ? 1000 : -1000
    changed =
      (await bumpCsv(path.join(dir, 'inventory', 'west.csv'), CHANGED_PER_LOCATION, delta)) +
      (await bumpCsv(path.join(dir, 'inventory', 'north.csv'), CHANGED_PER_LOCATION, delta))
    const applied = await measure(
      ['apply', '--dir', dir, '--yes', '--scope', 'inventory'],
      env,
      sandbox.url,
      false,
    )
    if (applied.status !== 0) throw new Error(`apply failed:\n${applied.out.slice(-2000)}`)
    const split = splitWrites(applied.routes)
    writes.push(split.catalog)
    bookkeeping.push(split.bookkeeping)
    if (run === 0) printRoutes(applied.routes)
    const replan = await cli(['plan', '--dir', dir, '--detailed-exitcode', '--scope', 'inventory'], env)
    if (replan.status !== 0) throw new Error(`re-plan after apply is not empty:\n${replan.out.slice(-2000)}`)
  }
  const target = 2 * Math.ceil(CHANGED_PER_LOCATION / 2000)
  console.log(
    `apply --scope inventory of ${changed} changed stock lines at 2 locations: median ${median(writes)} writes (runs ${writes.join(', ')}; target ${target} + at most 2; store-metafield bookkeeping apart: ${bookkeeping.join(', ')}); every re-plan empty`,
  )
} finally {
  await sandbox.stop()
  await rm(work, {recursive: true, force: true})
}
