/**
 * Variants at scale against the sandbox (issue 6): 1,000 products × 6 variants.
 * - Seeds the store with `apply` (each product created with its 6 variants inline: one request per product).
 * - Three times: a new price override on all 6,000 variants, applied; wall time of the apply and its write
 *   requests against the bound ceil(6,000 ÷ 50) + 5 = 125 (`PUT /v3/catalog/variants` takes 50).
 * - The read requests of a full plan, and an empty re-plan at the end.
 * Everything runs on 127.0.0.1; the sandbox lives in this process, the CLI in child processes.
 */
import {spawn} from 'node:child_process'
import {mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {startSandbox} from '../src/sandbox/index.js'
import {generateCatalog} from './generate-catalog.js'

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 1_000)
const VARIANTS = 6
const RUNS = 3
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = path.join(root, 'bin', 'run.js')

interface Stats {
  requests: number
  byRoute: Record<string, number>
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ms: number; status: number; out: string}> {
  const started = performance.now()
  const child = spawn(process.execPath, [bin, ...args], {env: {...process.env, ...env, NO_COLOR: '1'}})
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return new Promise((resolve) => {
    child.on('close', (status) => resolve({ms: performance.now() - started, status: status ?? -1, out}))
  })
}

async function stats(url: string): Promise<Stats> {
  return (await (await fetch(`${url}/__sandbox/stats`)).json()) as Stats
}

function delta(
  before: Stats,
  after: Stats,
  writes: boolean,
): {total: number; byRoute: Record<string, number>} {
  const byRoute: Record<string, number> = {}
  let total = 0
  for (const [route, n] of Object.entries(after.byRoute)) {
    if (!route.startsWith('GET ') !== writes) continue
    const count = n - (before.byRoute[route] ?? 0)
    if (count === 0) continue
    byRoute[route] = count
    total += count
  }
  return {total, byRoute}
}

/** Sets `price: <price>` on every variant of every product file (replacing the generator's overrides). */
async function priceEveryVariant(dir: string, price: number): Promise<number> {
  const files = (await readdir(path.join(dir, 'products'), {recursive: true})).filter((f) =>
    f.endsWith('.yaml'),
  )
  let variants = 0
  for (const file of files) {
    const full = path.join(dir, 'products', file)
    const text = (await readFile(full, 'utf8')).replace(
      /(\n([ ]*)options: \{[^}\n]*\})(\n[ ]*price: [\d.]+)?/g,
      (_match, options: string, indent: string) => {
        variants++
        return `${options}\n${indent}price: ${price.toFixed(2)}`
      },
    )
    await writeFile(full, text)
  }
  return variants
}

const work = await mkdtemp(path.join(tmpdir(), 'catalogctl-bench-variants-'))
const sandbox = await startSandbox({port: 0, quota: 1_000_000, windowMs: 30_000})
try {
  const dir = path.join(work, 'catalog')
  await generateCatalog(dir, {products: PRODUCTS, variantsPerProduct: VARIANTS, layout: 'hundred-per-file'})
  const env = {...sandbox.env}
  const seed = await cli(['apply', '--dir', dir, '--yes', '--concurrency', '16'], env)
  if (seed.status !== 0) throw new Error(`seeding apply failed (${seed.status}):\n${seed.out.slice(-3000)}`)
  console.log(
    `seed: ${PRODUCTS.toLocaleString('en-US')} products × ${VARIANTS} variants created in ${(seed.ms / 1000).toFixed(1)} s`,
  )

  const beforePlan = await stats(sandbox.url)
  const plan = await cli(['plan', '--dir', dir, '--detailed-exitcode', '--scope', 'products'], env)
  const planReads = delta(beforePlan, await stats(sandbox.url), false)
  if (plan.status !== 0)
    throw new Error(`plan is not empty after seeding (${plan.status}):\n${plan.out.slice(-2000)}`)
  console.log(
    `full plan --scope products (no changes): ${(plan.ms / 1000).toFixed(2)} s, ${planReads.total} read requests ${JSON.stringify(planReads.byRoute)}`,
  )

  const runs: {ms: number; writes: number}[] = []
  let changed = 0
  for (let run = 0; run < RUNS; run++) {
    changed = await priceEveryVariant(dir, 30.5 + run)
    const before = await stats(sandbox.url)
    const apply = await cli(['apply', '--dir', dir, '--yes'], env)
    const writes = delta(before, await stats(sandbox.url), true)
    if (apply.status !== 0) throw new Error(`apply failed (${apply.status}):\n${apply.out.slice(-2000)}`)
    runs.push({ms: apply.ms, writes: writes.total})
    console.log(
      `run ${run + 1}: price of ${changed.toLocaleString('en-US')} variants → ${(30.5 + run).toFixed(2)}: ${(apply.ms / 1000).toFixed(2)} s, ${writes.total} write requests ${JSON.stringify(writes.byRoute)}`,
    )
  }
  const bound = Math.ceil(changed / 50) + 5
  const writes = median(runs.map((run) => run.writes))
  console.log(
    `apply of a price change to ${changed.toLocaleString('en-US')} variants: median ${(median(runs.map((run) => run.ms)) / 1000).toFixed(2)} s wall, median ${writes} write requests (bound ceil(${changed} / 50) + 5 = ${bound}: ${writes <= bound ? 'within' : 'OVER'})`,
  )
  if (writes > bound) process.exitCode = 1
  const replan = await cli(['plan', '--dir', dir, '--detailed-exitcode'], env)
  console.log(`re-plan after apply: ${replan.status === 0 ? 'empty' : `NOT empty (exit ${replan.status})`}`)
  if (replan.status !== 0) process.exitCode = 1
} finally {
  await sandbox.stop()
  await rm(work, {recursive: true, force: true})
}
