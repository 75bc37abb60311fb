/**
 * Pricing at scale against the sandbox (issue 7): a generated catalog of N products without variants
 * (variant records are not planned yet) and a Wholesale price list with a record per product SKU.
 * - Seeds the store with `apply` (products, the customer group, the list, its assignment and records).
 * - Reads of a full plan vs a `--scope pricing` plan (both empty after seeding): three runs each; medians,
 *   the routes of the median run and the ratio.
 * - 3,000 changed price-list records, three times: the writes `apply --scope pricing` makes (target
 *   ceil(3000 / 1000) = 3) and the re-plan after each is empty. Medians.
 * Everything runs on 127.0.0.1; the sandbox lives in this process, the CLI in child processes.
 */
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {startSandbox} from '../src/sandbox/index.js'
import {cli, measure, median, planReads, printRoutes, total} from './_scoped-bench.js'
import {generateCatalog} from './generate-catalog.js'

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 10_000)
const CHANGED_RECORDS = Math.min(3000, PRODUCTS)
const RUNS = 3

/** Adds `delta` to the price of the first `count` records of the list file. */
async function bumpPrices(file: string, count: number, delta: number): Promise<number> {
  const lines = (await readFile(file, 'utf8')).split('\n')
  let changed = 0
  const edited = lines.map((line) => {
    if (changed >= count || !/^\s+BENCH-\d+: \{price: /.test(line)) return line
    changed++
    return line.replace(/price: ([\d.]+)/, (_, p: string) => `price: ${(Number(p) + delta).toFixed(2)}`)
  })
  await writeFile(file, edited.join('\n'))
  return changed
}

const work = await mkdtemp(path.join(tmpdir(), 'catalogctl-bench-pricing-'))
const sandbox = await startSandbox({port: 0, quota: 1_000_000, windowMs: 30_000})
try {
  const dir = path.join(work, 'catalog')
  await generateCatalog(dir, {products: PRODUCTS, variantsPerProduct: 0, layout: 'hundred-per-file'})
  const env = {...sandbox.env}
  const seed = await cli(['apply', '--dir', dir, '--yes', '--concurrency', '16'], env)
  if (seed.status !== 0) throw new Error(`seeding apply failed (${seed.status}):\n${seed.out.slice(-3000)}`)
  const label = `${PRODUCTS.toLocaleString('en-US')} products, ${PRODUCTS.toLocaleString('en-US')} records`
  console.log(`seed: apply of ${label} in ${(seed.ms / 1000).toFixed(1)} s`)

  const full = await planReads(dir, env, sandbox.url, [], RUNS)
  const pricing = await planReads(dir, env, sandbox.url, ['--scope', 'pricing'], RUNS)
  console.log(`full plan (${label}): median ${full.median} reads (runs ${full.counts.join(', ')})`)
  printRoutes(full.routes)
  console.log(`pricing plan (${label}): median ${pricing.median} reads (runs ${pricing.counts.join(', ')})`)
  printRoutes(pricing.routes)
  console.log(
    `pricing plan / full plan: ${pricing.median} / ${full.median} = ${(pricing.median / full.median).toFixed(2)}`,
  )

  const file = path.join(dir, 'price-lists', 'wholesale.yaml')
  const writes: number[] = []
  let changed = 0
  for (let run = 0; run < RUNS; run++) {
    changed = await bumpPrices(file, CHANGED_RECORDS, run % 2 === 0 ? 1 : -1)
    const applied = await measure(
      ['apply', '--dir', dir, '--scope', 'pricing', '--yes'],
      env,
      sandbox.url,
      false,
    )
    if (applied.status !== 0)
      throw new Error(`pricing apply failed (${applied.status}):\n${applied.out.slice(-2000)}`)
    writes.push(total(applied.routes))
    if (run === 0) printRoutes(applied.routes)
    const replan = await cli(['plan', '--dir', dir, '--detailed-exitcode', '--scope', 'pricing'], env)
    if (replan.status !== 0) throw new Error(`re-plan after apply is not empty:\n${replan.out.slice(-2000)}`)
  }
  console.log(
    `${changed} changed records: apply --scope pricing made a median of ${median(writes)} writes (runs ${writes.join(', ')}; target ceil(${changed} / 1000) = ${Math.ceil(changed / 1000)}); every re-plan empty`,
  )
} finally {
  await sandbox.stop()
  await rm(work, {recursive: true, force: true})
}
