/**
 * Adopting a store (issue 9): `import bigcommerce` of a 10,000-product sandbox store into an empty folder.
 * - Seeds the store with `apply` of a generated catalog (one create per product).
 * - Import into a fresh folder: wall time and peak RSS of the CLI process (median of 3), read requests.
 * - The imported catalog plans empty; a re-import of the unchanged store writes no file.
 * Everything runs on 127.0.0.1; the sandbox lives in this process, the CLI in child processes.
 */
import {spawn} from 'node:child_process'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {startSandbox} from '../src/sandbox/index.js'
import {generateCatalog} from './generate-catalog.js'

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 10_000)
const RUNS = 3
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = path.join(root, 'bin', 'run.js')

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** The CLI under /usr/bin/time for its peak RSS; asynchronous, the sandbox answers from this process. */
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

async function reads(url: string): Promise<number> {
  const stats = (await (await fetch(`${url}/__sandbox/stats`)).json()) as {byRoute: Record<string, number>}
  return Object.entries(stats.byRoute)
    .filter(([route]) => route.startsWith('GET '))
    .reduce((sum, [, n]) => sum + n, 0)
}

const work = await mkdtemp(path.join(tmpdir(), 'catalogctl-bench-adopt-'))
const sandbox = await startSandbox({port: 0, quota: 1_000_000, windowMs: 30_000})
try {
  const env = {...sandbox.env}
  const source = path.join(work, 'source')
  await generateCatalog(source, {products: PRODUCTS, variantsPerProduct: 0, layout: 'hundred-per-file'})
  let seed = await cli(['apply', '--dir', source, '--yes', '--concurrency', '16'], env)
  // A partial seed (exit 3: a connection dropped under load) converges by applying again.
  for (let attempt = 0; seed.status === 3 && attempt < 3; attempt++)
    seed = await cli(['apply', '--dir', source, '--yes', '--concurrency', '16'], env)
  if (seed.status !== 0) throw new Error(`seeding apply failed (${seed.status}):\n${seed.out.slice(-3000)}`)
  console.log(
    `seed: apply created ${PRODUCTS.toLocaleString('en-US')} products in ${(seed.ms / 1000).toFixed(1)} s`,
  )

  const runs: {ms: number; rssMb: number; reads: number}[] = []
  let last = ''
  for (let run = 0; run < RUNS; run++) {
    last = path.join(work, `adopted-${run}`)
    const before = await reads(sandbox.url)
    const imported = await cli(['import', 'bigcommerce', '--dir', last], env)
    if (imported.status !== 0)
      throw new Error(`import failed (${imported.status}):\n${imported.out.slice(-3000)}`)
    runs.push({ms: imported.ms, rssMb: imported.rssMb, reads: (await reads(sandbox.url)) - before})
  }
  console.log(
    `import bigcommerce (${PRODUCTS.toLocaleString('en-US')} products → one file each): median ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s wall, peak RSS ${median(runs.map((r) => r.rssMb)).toFixed(0)} MB, ${median(runs.map((r) => r.reads))} read requests (runs: ${runs.map((r) => `${(r.ms / 1000).toFixed(2)} s/${r.rssMb.toFixed(0)} MB`).join(', ')})`,
  )

  const plan = await cli(['plan', '--dir', last, '--detailed-exitcode'], env)
  console.log(
    `plan of the imported catalog: ${plan.status === 0 ? 'no changes' : `NOT empty (exit ${plan.status})`} in ${(plan.ms / 1000).toFixed(2)} s`,
  )
  const again = await cli(['import', 'bigcommerce', '--dir', last, '--json'], env)
  const files =
    again.status === 0
      ? (JSON.parse(again.out.replace(/RSS_KB=\d+\s*$/, '')) as {files: {updated: string[]}}).files
      : undefined
  console.log(
    `re-import of the unchanged store: ${(again.ms / 1000).toFixed(2)} s, peak RSS ${again.rssMb.toFixed(0)} MB, ${files ? `${files.updated.length} file(s) rewritten` : `failed (${again.status})`}`,
  )
  if (plan.status !== 0 || !files || files.updated.length > 0) process.exitCode = 1
} finally {
  await sandbox.stop()
  await rm(work, {recursive: true, force: true})
}
