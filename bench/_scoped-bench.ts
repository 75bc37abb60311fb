/**
 * Helpers of the scoped-read benchmarks (inventory-scope.ts, pricing-reads.ts): run the built CLI in a
 * child process against a sandbox on 127.0.0.1 and count its requests by route from the sandbox's stats.
 */
import {spawn} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = path.join(root, 'bin', 'run.js')

export interface Stats {
  byRoute: Record<string, number>
}

export function cli(
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

/** Requests per route between two stats snapshots: reads (GET) or writes. */
function byRoute(before: Stats, after: Stats, reads: boolean): Record<string, number> {
  const routes: Record<string, number> = {}
  for (const [route, n] of Object.entries(after.byRoute)) {
    if (route.startsWith('GET ') !== reads) continue
    const count = n - (before.byRoute[route] ?? 0)
    if (count > 0) routes[route] = count
  }
  return routes
}

export const total = (routes: Record<string, number>): number =>
  Object.values(routes).reduce((a, b) => a + b, 0)

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/** Runs the CLI and returns its exit status and the requests it made (reads or writes) by route. */
export async function measure(
  args: string[],
  env: Record<string, string>,
  url: string,
  reads: boolean,
): Promise<{status: number; out: string; ms: number; routes: Record<string, number>}> {
  const before = await stats(url)
  const result = await cli(args, env)
  const after = await stats(url)
  return {...result, routes: byRoute(before, after, reads)}
}

/** An empty plan's reads, `runs` times: the median count and the routes of the median run. */
export async function planReads(
  dir: string,
  env: Record<string, string>,
  url: string,
  extra: string[],
  runs = 3,
): Promise<{median: number; counts: number[]; routes: Record<string, number>; ms: number}> {
  const results = []
  for (let run = 0; run < runs; run++) {
    const result = await measure(['plan', '--dir', dir, '--detailed-exitcode', ...extra], env, url, true)
    if (result.status !== 0)
      throw new Error(`plan ${extra.join(' ')} is not empty (${result.status}):\n${result.out.slice(-2000)}`)
    results.push(result)
  }
  const counts = results.map((result) => total(result.routes))
  const middle = median(counts)
  const typical = results.find((result) => total(result.routes) === middle) ?? results[0]
  return {median: middle, counts, routes: typical?.routes ?? {}, ms: median(results.map((r) => r.ms))}
}

export function printRoutes(routes: Record<string, number>): void {
  for (const [route, count] of Object.entries(routes).sort()) console.log(`    ${count}\t${route}`)
}
