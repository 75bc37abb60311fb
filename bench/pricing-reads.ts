/**
 * Pricing at scale against the sandbox (issue 7): a generated catalog of 10,000 products without variants
 * and a Wholesale price list with a record per product SKU.
 * - Seeds the store with `apply` (products, the customer group, the list, its assignment and records).
 * - Read requests of a full plan vs a `--scope pricing` plan (both empty after seeding), by route.
 * - 3,000 changed price-list records: the writes `apply --scope pricing` makes (target ceil(3000 / 1000) = 3)
 *   and the re-plan is empty.
 * Everything runs on 127.0.0.1; the sandbox lives in this process, the CLI in child processes.
 */
import {spawn} from 'node:child_process'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {startSandbox} from '../src/sandbox/index.js'
import {generateCatalog} from './generate-catalog.js'

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 10_000)
const CHANGED_RECORDS = Math.min(3000, PRODUCTS)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = path.join(root, 'bin', 'run.js')

interface Stats {
  requests: number
  byRoute: Record<string, number>
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

/** Requests per route between two stats snapshots, reads (GET) or writes. */
function byRoute(before: Stats, after: Stats, writes: boolean): Record<string, number> {
  const routes: Record<string, number> = {}
  for (const [route, n] of Object.entries(after.byRoute)) {
    if (route.startsWith('GET ') === writes) continue
    const count = n - (before.byRoute[route] ?? 0)
    if (count > 0) routes[route] = count
  }
  return routes
}

const total = (routes: Record<string, number>) => Object.values(routes).reduce((a, b) => a + b, 0)

async function measuredPlan(dir: string, env: Record<string, string>, url: string, extra: string[]) {
  const before = await stats(url)
  const plan = await cli(['plan', '--dir', dir, '--detailed-exitcode', ...extra], env)
  const after = await stats(url)
  if (plan.status !== 0)
    throw new Error(`plan ${extra.join(' ')} is not empty (${plan.status}):\n${plan.out.slice(-2000)}`)
  return {ms: plan.ms, reads: byRoute(before, after, false)}
}

const work = await mkdtemp(path.join(tmpdir(), 'catalogctl-bench-pricing-'))
const sandbox = await startSandbox({port: 0, quota: 1_000_000, windowMs: 30_000})
try {
  const dir = path.join(work, 'catalog')
  await generateCatalog(dir, {products: PRODUCTS, variantsPerProduct: 0, layout: 'hundred-per-file'})
  const env = {...sandbox.env}
  const seed = await cli(['apply', '--dir', dir, '--yes', '--concurrency', '16'], env)
  if (seed.status !== 0) throw new Error(`seeding apply failed (${seed.status}):\n${seed.out.slice(-3000)}`)
  console.log(
    `seed: apply of ${PRODUCTS.toLocaleString('en-US')} products + price list in ${(seed.ms / 1000).toFixed(1)} s`,
  )

  const full = await measuredPlan(dir, env, sandbox.url, [])
  const pricing = await measuredPlan(dir, env, sandbox.url, ['--scope', 'pricing'])
  console.log(`full plan: ${total(full.reads)} reads in ${(full.ms / 1000).toFixed(2)} s`, full.reads)
  console.log(
    `pricing plan: ${total(pricing.reads)} reads in ${(pricing.ms / 1000).toFixed(2)} s`,
    pricing.reads,
  )

  const file = path.join(dir, 'price-lists', 'wholesale.yaml')
  const lines = (await readFile(file, 'utf8')).split('\n')
  let changed = 0
  const edited = lines.map((line) => {
    if (changed >= CHANGED_RECORDS || !/^\s+BENCH-\d+: \{price: /.test(line)) return line
    changed++
    return line.replace(/price: ([\d.]+)/, (_, p: string) => `price: ${(Number(p) + 1).toFixed(2)}`)
  })
  await writeFile(file, edited.join('\n'))
  const before = await stats(sandbox.url)
  const applied = await cli(['apply', '--dir', dir, '--scope', 'pricing', '--yes'], env)
  const after = await stats(sandbox.url)
  if (applied.status !== 0)
    throw new Error(`pricing apply failed (${applied.status}):\n${applied.out.slice(-2000)}`)
  const writes = byRoute(before, after, true)
  console.log(
    `${changed} changed records: apply --scope pricing made ${total(writes)} writes (target ceil(${changed} / 1000) = ${Math.ceil(changed / 1000)}) in ${(applied.ms / 1000).toFixed(2)} s`,
    writes,
  )
  await measuredPlan(dir, env, sandbox.url, ['--scope', 'pricing'])
  console.log('re-plan after the pricing apply: empty')
} finally {
  await sandbox.stop()
  await rm(work, {recursive: true, force: true})
}
