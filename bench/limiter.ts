/**
 * Rate-limiter efficiency (issue #4): 600 requests against the sandbox with a quota of 150 per 3,000 ms
 * window. Reports wall time against the lower bound (requests ÷ usable quota × window, usable = quota less
 * the 10 % reserve) and the number of 429s, as the median of 3 runs. Target: ≤ 1.15 × bound, zero 429s.
 *
 *   node --import tsx bench/limiter.ts [--runs 3] [--requests 600] [--quota 150] [--window 3000] [--latency 0]
 */
import {parseArgs} from 'node:util'

import {BigCommerceClient, RateLimiter} from '../src/bigcommerce/index.js'
import {startSandbox} from '../src/sandbox/index.js'

const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '3'},
    requests: {type: 'string', default: '600'},
    quota: {type: 'string', default: '150'},
    window: {type: 'string', default: '3000'},
    latency: {type: 'string', default: '0'},
  },
})
const runs = Number(values.runs)
const requests = Number(values.requests)
const quota = Number(values.quota)
const windowMs = Number(values.window)
const latencyMs = Number(values.latency)
const reserveShare = 0.1
const usable = quota - Math.ceil(quota * reserveShare)
const boundMs = (requests / usable) * windowMs

interface RunResult {
  wallMs: number
  sandbox429: number
  client429: number
  windowWaits: number
}

async function runOnce(): Promise<RunResult> {
  const sandbox = await startSandbox({quota, windowMs, latencyMs})
  try {
    const client = new BigCommerceClient({
      baseUrl: sandbox.url,
      storeHash: sandbox.storeHash,
      accessToken: sandbox.token,
      rateLimiter: new RateLimiter({reserveShare}),
    })
    const started = performance.now()
    await Promise.all(Array.from({length: requests}, () => client.get('/v2/time')))
    const wallMs = performance.now() - started
    const stats = (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as {rateLimited: number}
    return {
      wallMs,
      sandbox429: stats.rateLimited,
      client429: client.stats().rateLimited,
      windowWaits: client.rateLimit().windowWaits,
    }
  } finally {
    await sandbox.stop()
  }
}

const results: RunResult[] = []
for (let run = 1; run <= runs; run += 1) {
  const result = await runOnce()
  results.push(result)
  console.log(
    `run ${run}: ${Math.round(result.wallMs)} ms (${(result.wallMs / boundMs).toFixed(3)} × bound), ` +
      `429s at the sandbox ${result.sandbox429}, seen by the client ${result.client429}, window waits ${result.windowWaits}`,
  )
}
const sorted = [...results].sort((a, b) => a.wallMs - b.wallMs)
const median = sorted[Math.floor(sorted.length / 2)] as RunResult
const total429 = results.reduce((sum, result) => sum + result.sandbox429, 0)
console.log(
  `\n${requests} requests, quota ${quota} per ${windowMs} ms, reserve ${quota - usable} → usable ${usable}; ` +
    `sandbox latency ${latencyMs} ms; lower bound ${Math.round(boundMs)} ms`,
)
console.log(
  `median wall time ${Math.round(median.wallMs)} ms = ${(median.wallMs / boundMs).toFixed(3)} × bound ` +
    `(target ≤ 1.15); 429s over all runs: ${total429} (target 0)`,
)
process.exitCode = median.wallMs <= 1.15 * boundMs && total429 === 0 ? 0 : 1
