/**
 * Apply under a Standard-plan quota (issue 11): a generated catalog of 10,000 products is seeded with a
 * generous quota; then the sandbox enforces 150 requests per 30 s (BigCommerce's Standard plan) and 1 % of
 * the products change (price + description) before each of 3 applies, each started in a fresh window. Each apply (its read of the store
 * included) is measured: wall time, requests, 429s. Target: wall ≤ 1.15 × (requests ÷ usable quota ×
 * window), usable = quota less catalogctl's 10 % reserve, and zero 429s. Medians of 3.
 *
 * In this process through the services, against an in-process sandbox on 127.0.0.1.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {startSandbox} from '../src/sandbox/index.js'
import {applyCatalog} from '../src/services/apply-service.js'
import {changeShare} from './_catalog-edits.js'
import {generateCatalog} from './generate-catalog.js'

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 10_000)
const QUOTA = 150
const WINDOW_MS = 30_000
const USABLE = QUOTA - Math.ceil(QUOTA * 0.1)
const RUNS = 3

interface Stats {
  requests: number
  rateLimited: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const work = await mkdtemp(path.join(tmpdir(), 'catalogctl-bench-quota-'))
const sandbox = await startSandbox({port: 0, quota: 1_000_000, windowMs: WINDOW_MS})
Object.assign(process.env, sandbox.env)
const stats = async (): Promise<Stats> =>
  (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as Stats

/** Sleeps until the sandbox's current rate-limit window has ended (one request, in the ending window). */
async function untilNextWindow(): Promise<void> {
  const response = await fetch(`${sandbox.url}/stores/${sandbox.storeHash}/v2/time`, {
    headers: {'X-Auth-Token': sandbox.token, Accept: 'application/json'},
  })
  await response.arrayBuffer()
  const resetMs = Number(response.headers.get('X-Rate-Limit-Time-Reset-Ms') ?? 0)
  await new Promise((resolve) => setTimeout(resolve, resetMs + 50))
}

async function apply(dir: string): Promise<number> {
  const outcome = await applyCatalog({
    dir,
    sandbox: false,
    scope: 'all',
    mode: 'full',
    selection: {},
    allowDeletes: false,
    force: true,
    skipStale: false,
    confirm: () => Promise.resolve(true),
  })
  const failed = outcome.report.results.filter((result) => result.status !== 'applied')
  if (failed.length > 0)
    throw new Error(`${failed.length} records did not apply: ${JSON.stringify(failed[0])}`)
  return outcome.plan.changes.length
}

try {
  const dir = path.join(work, 'catalog')
  await generateCatalog(dir, {products: PRODUCTS, variantsPerProduct: 0, layout: 'one-per-file'})
  const seeded = performance.now()
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
    `seed (quota off): ${PRODUCTS.toLocaleString('en-US')} products in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
  )

  sandbox.setQuota(QUOTA, WINDOW_MS)
  const runs: {ms: number; requests: number; rateLimited: number; changes: number}[] = []
  for (let run = 0; run < RUNS; run++) {
    const changed = await changeShare(dir, 0.01)
    // Each apply starts with a fresh window, as a scheduled job usually finds it. Windows roll on the store's
    // schedule (the client's limiter, shared by every apply of this process, tracks them).
    await untilNextWindow()
    const before = await stats()
    const started = performance.now()
    const changes = await apply(dir)
    const ms = performance.now() - started
    const after = await stats()
    // The two stats calls are requests too.
    const requests = after.requests - before.requests - 1
    runs.push({ms, requests, rateLimited: after.rateLimited - before.rateLimited, changes})
    const boundMs = (requests / USABLE) * WINDOW_MS
    console.log(
      `run ${run + 1}: ${changed} products changed, ${changes} changes applied in ${(ms / 1000).toFixed(2)} s, ${requests} requests, ${after.rateLimited - before.rateLimited} × 429; bound ${(boundMs / 1000).toFixed(2)} s`,
    )
  }
  const requests = median(runs.map((run) => run.requests))
  const ms = median(runs.map((run) => run.ms))
  const boundMs = (requests / USABLE) * WINDOW_MS
  const rateLimited = runs.reduce((sum, run) => sum + run.rateLimited, 0)
  const met = ms <= 1.15 * boundMs && rateLimited === 0
  console.log(
    `Standard plan (${QUOTA} requests / ${WINDOW_MS / 1000} s, usable ${USABLE}): 1 % change apply median ${(ms / 1000).toFixed(2)} s for ${requests} requests; bound ${(boundMs / 1000).toFixed(2)} s, ratio ${(ms / boundMs).toFixed(3)} (target ≤ 1.15); ${rateLimited} × 429 in ${RUNS} runs (target 0): ${met ? 'met' : 'NOT met'}`,
  )
  if (!met) process.exitCode = 1
} finally {
  await sandbox.stop()
  await rm(work, {recursive: true, force: true})
}
