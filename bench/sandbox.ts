/**
 * Sandbox benchmark: a store with 10,000 products × 6 variants, 3 locations and 2 price lists (seeded
 * directly in a separate sandbox process, bench/_sandbox-server.ts); lists every product with
 * include=variants,custom_fields,images at 250 per page over loopback.
 *
 * The sandbox process runs what `catalogctl sandbox` runs: this script first builds dist/ (tsc -p
 * tsconfig.build.json) and starts the server half under plain node (no tsx loader) on the built modules.
 *
 * Reports per page both the server's own time (handler + JSON serialisation, from its Server-Timing header)
 * and the loopback client's wall time to the last byte (nothing subtracted), and the sandbox process's
 * memory from /__sandbox/stats. Run: node --import tsx bench/sandbox.ts
 */
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {cpus, loadavg} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {performance} from 'node:perf_hooks'

import ts from 'typescript'

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] as number
}

const root = fileURLToPath(new URL('..', import.meta.url))
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
})
if (build.status !== 0) throw new Error('tsc -p tsconfig.build.json failed')
// The server half imports src/ for types only; transpiled, it loads the built modules from dist/.
const serverSource = readFileSync(path.join(root, 'bench', '_sandbox-server.ts'), 'utf8')
const serverScript = path.join(root, 'bench', '.out', 'sandbox-server.js')
mkdirSync(path.dirname(serverScript), {recursive: true})
writeFileSync(
  serverScript,
  ts.transpileModule(serverSource, {
    compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022},
  }).outputText,
)
const child = spawn(process.execPath, ['--expose-gc', serverScript, path.join(root, 'dist')], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: process.env,
})
const ready = await new Promise<{url: string; storeHash: string; token: string; seedMs: number}>(
  (resolve, reject) => {
    let buffer = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const line = buffer.split('\n')[0]
      if (buffer.includes('\n') && line)
        resolve(JSON.parse(line) as {url: string; storeHash: string; token: string; seedMs: number})
    })
    child.on('exit', (code) => reject(new Error(`sandbox-server exited with ${String(code)}`)))
  },
)

async function memory(): Promise<NodeJS.MemoryUsage> {
  const stats = (await (await fetch(`${ready.url}/__sandbox/stats`)).json()) as {memory: NodeJS.MemoryUsage}
  return stats.memory
}

const afterSeed = await memory()
const serverTimes: number[] = []
const serverCpu: number[] = []
const clientTimes: number[] = []
let products = 0
let variants = 0
let bytes = 0
for (let round = 0; round < 2; round++) {
  // Round 0 warms the JIT; round 1 is measured.
  for (let page = 1; page <= 1000; page++) {
    const started = performance.now()
    const response = await fetch(
      `${ready.url}/stores/${ready.storeHash}/v3/catalog/products?include=variants,custom_fields,images&limit=250&page=${page}`,
      {
        headers: {'X-Auth-Token': ready.token, Accept: 'application/json'},
      },
    )
    const text = await response.text()
    const elapsed = performance.now() - started
    const body = JSON.parse(text) as {
      data: {variants: unknown[]}[]
      meta: {pagination: {total_pages: number}}
    }
    if (round === 1) {
      clientTimes.push(elapsed)
      const timing = response.headers.get('server-timing') ?? ''
      serverTimes.push(Number(/app;dur=([\d.]+)/.exec(timing)?.[1]))
      serverCpu.push(Number(/cpu;dur=([\d.]+)/.exec(timing)?.[1]))
      bytes += text.length
      products += body.data.length
      for (const product of body.data) variants += product.variants.length
    }
    if (page >= body.meta.pagination.total_pages) break
  }
}
const afterList = await memory()
child.kill('SIGTERM')

console.log(
  `machine: ${cpus().length} CPUs, load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}`,
)
console.log(
  `store: ${products} products, ${variants} variants, 3 locations, 2 price lists, seeded directly in ${(ready.seedMs / 1000).toFixed(1)} s`,
)
console.log(
  `pages: ${clientTimes.length} × 250 with include=variants,custom_fields,images, ${megabytes(bytes / clientTimes.length)} per page`,
)
console.log(
  `server time per page (handler + JSON): median ${percentile(serverTimes, 0.5).toFixed(1)} ms, p90 ${percentile(serverTimes, 0.9).toFixed(1)} ms, max ${Math.max(...serverTimes).toFixed(1)} ms`,
)
console.log(
  `server CPU time per page (same span, whole sandbox process incl. GC threads): median ${percentile(serverCpu, 0.5).toFixed(1)} ms, p90 ${percentile(serverCpu, 0.9).toFixed(1)} ms`,
)
console.log(
  `loopback client wall time per page (to last byte): median ${percentile(clientTimes, 0.5).toFixed(1)} ms, p90 ${percentile(clientTimes, 0.9).toFixed(1)} ms, max ${Math.max(...clientTimes).toFixed(1)} ms`,
)
console.log(
  `sandbox process memory after seeding (after gc): rss ${megabytes(afterSeed.rss)}, heap used ${megabytes(afterSeed.heapUsed)}`,
)
console.log(
  `sandbox process memory after listing: rss ${megabytes(afterList.rss)}, heap used ${megabytes(afterList.heapUsed)}`,
)
