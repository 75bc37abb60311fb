/**
 * Benchmark: `catalogctl validate` (the built CLI, as users run it) on a generated catalog of 10,000
 * products and 60,000 variants, in both layouts. Prints the median wall time and the peak RSS of each
 * run (measured inside the child with process.resourceUsage().maxRSS).
 *
 *   npm run build && node --import tsx bench/validate.ts [--runs 5] [--products 10000] [--variants 6]
 */
import {spawnSync} from 'node:child_process'
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

import type {Layout} from './generate-catalog.js'
import {generateCatalog} from './generate-catalog.js'

const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '5'},
    products: {type: 'string', default: '10000'},
    variants: {type: 'string', default: '6'},
    keep: {type: 'boolean', default: false},
  },
})
const runs = Number(values.runs)
const products = Number(values.products)
const variantsPerProduct = Number(values.variants)
const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const reportRss = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nmaxrss_kb='+u.maxRSS+' cpu_us='+(u.userCPUTime+u.systemCPUTime)+'\\n')})`

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

console.log(`node ${process.version}, ${os.cpus().length} CPUs, ${runs} runs per layout`)
for (const layout of ['one-per-file', 'hundred-per-file'] as Layout[]) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `catalogctl-bench-${layout}-`))
  const started = performance.now()
  await generateCatalog(dir, {products, variantsPerProduct, layout})
  console.log(
    `\n${layout}: generated ${products} products × ${variantsPerProduct} variants in ${((performance.now() - started) / 1000).toFixed(1)} s → ${dir}`,
  )
  const times: number[] = []
  const rss: number[] = []
  const cpu: number[] = []
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now()
    const child = spawnSync(process.execPath, ['--import', reportRss, bin, 'validate', '--dir', dir], {
      encoding: 'utf8',
    })
    const seconds = (performance.now() - t0) / 1000
    const kb = Number(/maxrss_kb=(\d+)/.exec(child.stderr)?.[1] ?? Number.NaN)
    const cpuSeconds = Number(/cpu_us=(\d+)/.exec(child.stderr)?.[1] ?? Number.NaN) / 1e6
    if (child.status !== 0) {
      console.error(child.stdout.slice(0, 2000), child.stderr.slice(0, 2000))
      throw new Error(`validate exited ${child.status}`)
    }
    times.push(seconds)
    rss.push(kb / 1024)
    cpu.push(cpuSeconds)
    console.log(
      `  run ${run + 1}: ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU, peak RSS ${(kb / 1024).toFixed(0)} MB — ${child.stdout.trim().split('\n').at(-1)}`,
    )
  }
  console.log(
    `  median ${median(times).toFixed(2)} s wall, ${median(cpu).toFixed(2)} s CPU (user+sys), peak RSS median ${median(rss).toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB`,
  )
  if (!values.keep) await rm(dir, {recursive: true, force: true})
}
