/**
 * Delta vs full plans (issue 8): a generated catalog of 10,000 products, one file per product, in a git
 * repository; the store seeded by apply; then 1 % of the products changed in git (price + description)
 * and committed. Prints, for `--scope products` and `--scope all`, the read requests and the wall time
 * of a delta plan and of a full plan (medians of 3), and checks the delta read target
 * ceil(changed / 50) + 10 for the products scope.
 *
 * Plans run in this process through the services (as the CLI calls them), against an in-process sandbox
 * on 127.0.0.1. The sandbox clock is moved 10 minutes on after seeding, as an hourly job would find it.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {simpleGit} from 'simple-git'

import type {Scope} from '../src/plan/plan.js'
import {startSandbox} from '../src/sandbox/index.js'
import {applyCatalog} from '../src/services/apply-service.js'
import {loadDesiredCatalog} from '../src/services/desired-catalog.js'
import {planAgainstStore} from '../src/services/plan-service.js'
import {changeShare} from './_catalog-edits.js'
import {generateCatalog} from './generate-catalog.js'

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 10_000)
const CHANGED_SHARE = 0.01
const RUNS = 3
const LATENCY_MS = Number(process.env['BENCH_LATENCY_MS'] ?? 100)

interface Stats {
  requests: number
  byRoute: Record<string, number>
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const work = await mkdtemp(path.join(tmpdir(), 'catalogctl-bench-delta-'))
const sandbox = await startSandbox({port: 0, quota: 1_000_000, windowMs: 30_000})
Object.assign(process.env, sandbox.env)
const stats = async (): Promise<Stats> =>
  (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as Stats

async function apply(dir: string): Promise<void> {
  const outcome = await applyCatalog({
    dir,
    sandbox: false,
    scope: 'all',
    mode: 'full',
    selection: {},
    allowDeletes: false,
    force: true,
    skipStale: false,
    concurrency: 16,
    confirm: () => Promise.resolve(true),
  })
  const failed = outcome.report.results.filter((result) => result.status !== 'applied')
  if (failed.length > 0)
    throw new Error(`${failed.length} records did not apply: ${JSON.stringify(failed[0])}`)
  if (outcome.marker?.status !== 'advanced') throw new Error(`marker: ${JSON.stringify(outcome.marker)}`)
  if (process.env['BENCH_VERBOSE']) console.log(`  apply: ${outcome.plan.changes.length} changes`)
}

async function plan(
  dir: string,
  scope: Scope,
  mode: 'delta' | 'full',
): Promise<{ms: number; reads: number; changes: number; fallback: string | null}> {
  const before = await stats()
  const started = performance.now()
  const session = await planAgainstStore({dir, sandbox: false, scope, mode, selection: {}, concurrency: 16})
  const ms = performance.now() - started
  await session.close()
  const after = await stats()
  if (process.env['BENCH_VERBOSE']) {
    const routes = Object.entries(after.byRoute)
      .map(([route, count]) => [route, count - (before.byRoute[route] ?? 0)] as const)
      .filter(([, count]) => count > 0)
    if (mode === 'delta') console.log(`  ${session.plan.notes[0]}`)
    console.log(`  ${mode} ${scope}: ${routes.map(([route, count]) => `${route} ×${count}`).join(', ')}`)
  }
  return {
    ms,
    reads: after.requests - before.requests,
    changes: session.plan.changes.length,
    fallback: session.deltaFallback,
  }
}

try {
  const dir = path.join(work, 'catalog')
  await generateCatalog(dir, {products: PRODUCTS, variantsPerProduct: 0, layout: 'one-per-file'})
  const git = simpleGit({baseDir: work})
  await git.init()
  await git.addConfig('user.name', 'Bench', false, 'local')
  await git.addConfig('user.email', 'bench@example.com', false, 'local')
  await writeFile(path.join(work, '.gitignore'), '.catalogctl/\n')
  await git.add(['-A'])
  await git.commit('generated catalog')

  let started = performance.now()
  // A busy machine can drop a connection: apply converges, so what is left is applied again.
  for (let attempt = 1; ; attempt++) {
    try {
      await apply(dir)
      break
    } catch (error) {
      if (attempt >= 3) throw error
      console.log(`seed attempt ${attempt}: ${(error as Error).message.slice(0, 200)}; applying what is left`)
    }
  }
  console.log(
    `seed: apply created ${PRODUCTS.toLocaleString('en-US')} products in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  // An hour later (the clock moved on), a scheduled no-op apply: the marker the next delta starts from.
  const offset = 10 * 60_000
  sandbox.store().setClock(() => new Date(Date.now() + offset))
  started = performance.now()
  await apply(dir)
  console.log(`no-op full apply (records the marker): ${((performance.now() - started) / 1000).toFixed(1)} s`)

  const changed = await changeShare(dir, CHANGED_SHARE)
  await git.add(['-A'])
  await git.commit(`change ${changed} products`)
  console.log(`changed in git: ${changed} products (price + description), committed`)

  const loads: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const loadStarted = performance.now()
    await loadDesiredCatalog(dir)
    loads.push(performance.now() - loadStarted)
  }
  console.log(
    `loading and validating the whole catalog alone (a full plan does it; a delta loads what changed): median ${(median(loads) / 1000).toFixed(2)} s`,
  )

  for (const scope of ['products', 'all'] as const) {
    const runs: Record<'delta' | 'full', Awaited<ReturnType<typeof plan>>[]> = {delta: [], full: []}
    for (let run = 0; run < RUNS; run++) {
      for (const mode of ['delta', 'full'] as const) runs[mode].push(await plan(dir, scope, mode))
    }
    for (const mode of ['delta', 'full'] as const) {
      const fallback = runs[mode].find((result) => result.fallback)?.fallback
      if (fallback) throw new Error(`delta fell back to full: ${fallback}`)
      const changes = new Set(runs[mode].map((result) => result.changes))
      console.log(
        `${mode.padEnd(5)} plan --scope ${scope}: ${median(runs[mode].map((r) => r.reads))} read requests, median ${(median(runs[mode].map((r) => r.ms)) / 1000).toFixed(2)} s wall (runs: ${runs[mode].map((r) => `${(r.ms / 1000).toFixed(2)} s/${r.reads} req`).join(', ')}); ${[...changes].join('/')} changes`,
      )
    }
    const deltaChanges = runs.delta[0]?.changes
    const fullChanges = runs.full[0]?.changes
    if (deltaChanges !== fullChanges) {
      console.log(`MISMATCH: delta planned ${deltaChanges} changes, full ${fullChanges}`)
      process.exitCode = 1
    }
    if (scope === 'products') {
      // Against a store across a network every request is a round trip: the same plans with each answer
      // delayed like one (BENCH_LATENCY_MS, default 100 ms; the requests are as above).
      sandbox.setLatency(LATENCY_MS)
      const slow: Record<'delta' | 'full', number[]> = {delta: [], full: []}
      for (let run = 0; run < RUNS; run++) {
        for (const mode of ['delta', 'full'] as const) slow[mode].push((await plan(dir, scope, mode)).ms)
      }
      sandbox.setLatency(0)
      const [deltaMs, fullMs] = [median(slow.delta), median(slow.full)]
      console.log(
        `with ${LATENCY_MS} ms per answer: delta plan --scope products median ${(deltaMs / 1000).toFixed(2)} s, full ${(fullMs / 1000).toFixed(2)} s (ratio ${(deltaMs / fullMs).toFixed(2)})`,
      )
      const reads = median(runs.delta.map((r) => r.reads))
      const target = Math.ceil(changed / 50) + 10
      console.log(
        `delta read target for ${changed} changed products: ceil(${changed} / 50) + 10 = ${target}; delta read ${reads} (${reads <= target ? 'met' : 'NOT met'}); full read ${median(runs.full.map((r) => r.reads))}`,
      )
      if (reads > target) process.exitCode = 1
    }
  }
} finally {
  await sandbox.stop()
  await rm(work, {recursive: true, force: true})
}
