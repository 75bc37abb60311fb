/**
 * plan/apply at scale against the sandbox (issue 5): a generated catalog of 10,000 products.
 * - Seeds the store with `apply` (one create per product, as BigCommerce requires).
 * - Full plan: wall time and peak RSS of the CLI process (median of 3), read requests it made.
 * - A 2 % change of prices and descriptions: write requests apply makes against the lower bound from the
 *   batch sizes (ceil(200 / 10) product PUTs), and the re-plan is empty.
 * Everything runs on 127.0.0.1; the sandbox lives in this process, the CLI in child processes.
 */
import {spawn} from 'node:child_process'
import {mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {startSandbox} from '../src/sandbox/index.js'
import {generateCatalog} from './generate-catalog.js'

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 10_000)
const CHANGED_SHARE = 0.02
/** `all` reads stock and price lists too; `products` is the product-only plan issue 5's read bound is about. */
const PLAN_SCOPE = process.env['BENCH_PLAN_SCOPE'] ?? 'all'
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

/**
 * Runs the CLI under /usr/bin/time to get the child's peak RSS. Asynchronous: the sandbox answering it
 * lives in this process's event loop.
 */
function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ms: number; rssMb: number; status: number; out: string}> {
  const started = performance.now()
  const child = spawn('/usr/bin/time', ['-f', 'RSS_KB=%M', process.execPath, bin, ...args], {
    env: {...process.env, ...env, NO_COLOR: '1'},
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return new Promise((resolve) => {
    child.on('close', (status) => {
      const rss = /RSS_KB=(\d+)/.exec(out)
      resolve({
        ms: performance.now() - started,
        rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
        status: status ?? -1,
        out,
      })
    })
  })
}

async function stats(url: string): Promise<Stats> {
  const response = await fetch(`${url}/__sandbox/stats`)
  return (await response.json()) as Stats
}

/**
 * Requests between two stats readings: reads, or catalog writes. Writes to store metafields (the apply
 * lock, the delta marker) are bookkeeping, counted apart: they are not the catalog's batches.
 */
function delta(before: Stats, after: Stats, writes: boolean): number {
  let count = 0
  for (const [route, n] of Object.entries(after.byRoute)) {
    const isWrite = !route.startsWith('GET ')
    if (writes && route.includes('/v3/store/metafields')) continue
    if (isWrite === writes) count += n - (before.byRoute[route] ?? 0)
  }
  return count
}

async function changeShare(dir: string, share: number): Promise<number> {
  const files = (await readdir(path.join(dir, 'products'), {recursive: true})).filter((f) =>
    f.endsWith('.yaml'),
  )
  let changed = 0
  const every = Math.round(1 / share)
  let index = 0
  for (const file of files.sort()) {
    const full = path.join(dir, 'products', file)
    const lines = (await readFile(full, 'utf8')).split('\n')
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? ''
      if (!/^\s*(- )?sku: BENCH-\d+$/.test(line)) continue
      if (index++ % every !== 0) continue
      changed++
      for (let j = i + 1; j < lines.length && !/sku: BENCH-\d+$/.test(lines[j] ?? ''); j++) {
        const current = lines[j] ?? ''
        if (/^\s*price: /.test(current))
          lines[j] = current.replace(
            /price: ([\d.]+)/,
            (_, p: string) => `price: ${(Number(p) + 1).toFixed(2)}`,
          )
        if (/^\s*description: /.test(current)) lines[j] = current.replace('</p>', ' Now improved.</p>')
      }
    }
    await writeFile(full, lines.join('\n'))
  }
  return changed
}

const work = await mkdtemp(path.join(tmpdir(), 'catalogctl-bench-plan-'))
const sandbox = await startSandbox({port: 0, quota: 1_000_000, windowMs: 30_000})
try {
  const dir = path.join(work, 'catalog')
  await generateCatalog(dir, {products: PRODUCTS, variantsPerProduct: 0, layout: 'hundred-per-file'})
  const env = {...sandbox.env}

  const seed = await cli(['apply', '--dir', dir, '--yes', '--concurrency', '16'], env)
  if (seed.status !== 0) throw new Error(`seeding apply failed (${seed.status}):\n${seed.out.slice(-3000)}`)
  console.log(
    `seed: apply created ${PRODUCTS.toLocaleString('en-US')} products in ${(seed.ms / 1000).toFixed(1)} s`,
  )

  const plans: {ms: number; rssMb: number; reads: number}[] = []
  for (let run = 0; run < RUNS; run++) {
    const before = await stats(sandbox.url)
    const plan = await cli(['plan', '--dir', dir, '--detailed-exitcode', '--scope', PLAN_SCOPE], env)
    const after = await stats(sandbox.url)
    if (plan.status !== 0)
      throw new Error(`full plan is not empty after seeding (${plan.status}):\n${plan.out.slice(-2000)}`)
    plans.push({ms: plan.ms, rssMb: plan.rssMb, reads: delta(before, after, false)})
  }
  const readBound = 2 * Math.ceil(PRODUCTS / 250) + 10
  const planMs = median(plans.map((p) => p.ms))
  const planRss = median(plans.map((p) => p.rssMb))
  const reads = median(plans.map((p) => p.reads))
  console.log(
    `full plan --scope ${PLAN_SCOPE} (${PRODUCTS.toLocaleString('en-US')} products, no changes): median ${(planMs / 1000).toFixed(2)} s wall, peak RSS ${planRss.toFixed(0)} MB (runs: ${plans.map((p) => `${(p.ms / 1000).toFixed(2)} s/${p.rssMb.toFixed(0)} MB`).join(', ')}); targets < 10 s, < 500 MB`,
  )
  console.log(
    `read requests of a full plan --scope ${PLAN_SCOPE}: ${reads} (bound 2 × ceil(${PRODUCTS} / 250) + 10 = ${readBound}; ratio ${(reads / readBound).toFixed(2)})`,
  )

  const changed = await changeShare(dir, CHANGED_SHARE)
  const before = await stats(sandbox.url)
  const apply = await cli(['apply', '--dir', dir, '--yes'], env)
  const after = await stats(sandbox.url)
  if (apply.status !== 0)
    throw new Error(`apply of the 2 % change failed (${apply.status}):\n${apply.out.slice(-2000)}`)
  const writes = delta(before, after, true)
  const writeBound = Math.ceil(changed / 10)
  console.log(
    `apply of a ${(CHANGED_SHARE * 100).toFixed(0)} % change (${changed} products: price + description): ${writes} write requests (lower bound ceil(${changed} / 10) = ${writeBound}; ratio ${(writes / writeBound).toFixed(3)}, target ≤ 1.05) in ${(apply.ms / 1000).toFixed(2)} s`,
  )
  const replan = await cli(['plan', '--dir', dir, '--detailed-exitcode'], env)
  console.log(`re-plan after apply: ${replan.status === 0 ? 'empty' : `NOT empty (exit ${replan.status})`}`)
  if (replan.status !== 0) process.exitCode = 1
} finally {
  await sandbox.stop()
  await rm(work, {recursive: true, force: true})
}
