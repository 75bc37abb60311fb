/**
 * Read requests of an inventory-scoped plan against a full plan (issue 7), on a generated catalog of N
 * products without variants and stock at two locations (east = location 1, west created by apply).
 * Seeds the store with `apply`, then counts the GET requests of `plan --scope inventory` and of a full
 * `plan` (both empty), then changes every 10th stock line and counts the writes of `apply --scope
 * inventory` against ceil(lines ÷ 2,000) per location.
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
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = path.join(root, 'bin', 'run.js')

interface Stats {
  byRoute: Record<string, number>
}

function cli(args: string[], env: Record<string, string>): Promise<{status: number; out: string}> {
  const child = spawn(process.execPath, [bin, ...args], {env: {...process.env, ...env, NO_COLOR: '1'}})
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return new Promise((resolve) => child.on('close', (status) => resolve({status: status ?? -1, out})))
}

async function stats(url: string): Promise<Stats> {
  return (await (await fetch(`${url}/__sandbox/stats`)).json()) as Stats
}

function byRouteDelta(before: Stats, after: Stats, reads: boolean): Record<string, number> {
  const delta: Record<string, number> = {}
  for (const [route, n] of Object.entries(after.byRoute)) {
    if (route.startsWith('GET ') !== reads) continue
    const count = n - (before.byRoute[route] ?? 0)
    if (count > 0) delta[route] = count
  }
  return delta
}

const total = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0)

async function measure(args: string[], env: Record<string, string>, url: string, reads = true) {
  const before = await stats(url)
  const result = await cli(args, env)
  const after = await stats(url)
  return {result, counts: byRouteDelta(before, after, reads)}
}

const work = await mkdtemp(path.join(tmpdir(), 'catalogctl-bench-inventory-'))
const sandbox = await startSandbox({port: 0, quota: 1_000_000, windowMs: 30_000})
try {
  const dir = path.join(work, 'catalog')
  await generateCatalog(dir, {products: PRODUCTS, variantsPerProduct: 0, layout: 'hundred-per-file'})
  const env = {...sandbox.env}
  const seed = await cli(['apply', '--dir', dir, '--yes', '--concurrency', '16'], env)
  if (seed.status !== 0) throw new Error(`seeding apply failed (${seed.status}):\n${seed.out.slice(-3000)}`)

  for (const [label, scope] of [
    ['full plan', []],
    ['inventory plan', ['--scope', 'inventory']],
  ] as const) {
    const {result, counts} = await measure(
      ['plan', '--dir', dir, '--detailed-exitcode', ...scope],
      env,
      sandbox.url,
    )
    if (result.status !== 0)
      throw new Error(`${label} is not empty after seeding:\n${result.out.slice(-2000)}`)
    console.log(
      `${label} (${PRODUCTS.toLocaleString('en-US')} products, 2 locations): ${total(counts)} reads`,
    )
    for (const [route, count] of Object.entries(counts).sort()) console.log(`  ${count}\t${route}`)
  }

  // Every 10th line of the west CSV changes: writes are ceil(lines / 2,000) for that one location.
  const csvFile = path.join(dir, 'inventory', 'west.csv')
  const lines = (await readFile(csvFile, 'utf8')).trimEnd().split('\n')
  let changed = 0
  const edited = lines.map((line, index) => {
    if (index === 0 || index % 10 !== 0) return line
    changed++
    const [sku, location, quantity] = line.split(',')
    return `${sku},${location},${Number(quantity) + 1000}`
  })
  await writeFile(csvFile, `${edited.join('\n')}\n`)
  const applied = await measure(
    ['apply', '--dir', dir, '--yes', '--scope', 'inventory'],
    env,
    sandbox.url,
    false,
  )
  if (applied.result.status !== 0) throw new Error(`apply failed:\n${applied.result.out.slice(-2000)}`)
  console.log(
    `apply --scope inventory of ${changed} changed stock lines at one location: ${total(applied.counts)} writes (target ceil(${changed} / 2000) = ${Math.ceil(changed / 2000)})`,
  )
  const replan = await cli(['plan', '--dir', dir, '--detailed-exitcode', '--scope', 'inventory'], env)
  console.log(`re-plan after apply: exit ${replan.status} (${replan.status === 0 ? 'empty' : 'NOT empty'})`)
} finally {
  await sandbox.stop()
  await rm(work, {recursive: true, force: true})
}
