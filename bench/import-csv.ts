/**
 * Benchmark: `catalogctl import csv` (the built CLI, as users run it) with a generated feed of 10,000
 * products and 60,000 rows (each product row followed by 5 variant rows), mapped with a mapping file:
 * names, prices with a decimal comma, options, categories, images, an attribute and stock. Two cases:
 *
 * - create: into a fresh `init` catalog (10,000 new product files, 50,000 stock levels);
 * - update: the same feed with every price changed, into the catalog the create run wrote (10,000
 *   product files edited in place through the yaml Document API, stock unchanged);
 * - unchanged: that feed once more (the nightly case: nothing differs, nothing is parsed or written).
 *
 * Prints the median wall time and peak RSS (measured inside the child with process.resourceUsage().maxRSS).
 * Targets (issue 9): under 20 s and 600 MB.
 *
 *   npm run build && node --import tsx bench/import-csv.ts [--runs 3] [--products 10000] [--variants 5]
 */
import {spawnSync} from 'node:child_process'
import {cp, mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '3'},
    products: {type: 'string', default: '10000'},
    variants: {type: 'string', default: '5'},
  },
})
const runs = Number(values.runs)
const products = Number(values.products)
const variants = Number(values.variants)
const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const reportRss = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nmaxrss_kb='+u.maxRSS+' cpu_us='+(u.userCPUTime+u.systemCPUTime)+'\\n')})`
const sizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL', '4XL']

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

function feed(priceOffset: number): string {
  const lines = ['Artikel;Parent;Name;Preis;Groesse;Kategorie;Bilder;Material;Bestand']
  for (let i = 0; i < products; i++) {
    const sku = `FEED-${String(i).padStart(6, '0')}`
    const price = (19.99 + (i % 50) + priceOffset).toFixed(2).replace('.', ',')
    lines.push(
      `${sku};;Feed Product ${i};${price};;Department ${i % 3} > Line ${i % 30};https://cdn.example.com/feed/${i}.jpg|https://cdn.example.com/feed/${i}-b.jpg;Cotton;`,
    )
    for (let v = 0; v < variants; v++)
      lines.push(`${sku}-${v};${sku};;;${sizes[v % sizes.length]};;;;${(i + v) % 40}`)
  }
  return lines.join('\n') + '\n'
}

const mapping = `sku: Artikel
parent_sku: Parent
fields:
  name: Name
  price: {column: Preis, transforms: [decimal_comma]}
options:
  Size: Groesse
categories: {column: Kategorie, path_separator: ' > '}
images: {column: Bilder, list_separator: '|'}
attributes:
  material: Material
stock:
  main: Bestand
`

function run(
  dir: string,
  file: string,
  mappingFile: string,
): {seconds: number; cpu: number; mb: number; summary: string} {
  const t0 = performance.now()
  const child = spawnSync(
    process.execPath,
    ['--import', reportRss, bin, 'import', 'csv', file, '--mapping', mappingFile, '--dir', dir],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  const seconds = (performance.now() - t0) / 1000
  if (child.status !== 0) {
    console.error(child.stdout.slice(0, 3000), child.stderr.slice(0, 3000))
    throw new Error(`import csv exited ${child.status}`)
  }
  const kb = Number(/maxrss_kb=(\d+)/.exec(child.stderr)?.[1] ?? Number.NaN)
  // On a shared machine wall time includes waiting for a core; CPU time (user + sys) is what the import costs.
  const cpu = Number(/cpu_us=(\d+)/.exec(child.stderr)?.[1] ?? Number.NaN) / 1e6
  const summary = child.stdout
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('  '))
    .slice(1, 2)
    .join(' ')
  return {seconds, cpu, mb: kb / 1024, summary}
}

const work = await mkdtemp(path.join(os.tmpdir(), 'catalogctl-bench-import-'))
const pristine = path.join(work, 'pristine')
const init = spawnSync(process.execPath, [bin, 'init', pristine], {encoding: 'utf8'})
if (init.status !== 0) throw new Error(init.stderr)
const createFeed = path.join(work, 'feed.csv')
const updateFeed = path.join(work, 'feed-prices-up.csv')
const mappingFile = path.join(work, 'mapping.yaml')
await writeFile(createFeed, feed(0))
await writeFile(updateFeed, feed(1))
await writeFile(mappingFile, mapping)
console.log(
  `node ${process.version}, ${os.cpus().length} CPUs; feed: ${products} products, ${products * (1 + variants)} rows; ${runs} runs per case`,
)

const results: Record<
  'create' | 'update' | 'unchanged',
  Array<{seconds: number; cpu: number; mb: number}>
> = {
  create: [],
  update: [],
  unchanged: [],
}
for (let i = 0; i < runs; i++) {
  const dir = path.join(work, `run-${i}`)
  await cp(pristine, dir, {recursive: true})
  for (const [name, file] of [
    ['create', createFeed],
    ['update', updateFeed],
    ['unchanged', updateFeed],
  ] as const) {
    const result = run(dir, file, mappingFile)
    results[name].push(result)
    console.log(
      `  ${name} run ${i + 1}: ${result.seconds.toFixed(2)} s wall, ${result.cpu.toFixed(2)} s CPU, peak RSS ${result.mb.toFixed(0)} MB — ${result.summary}`,
    )
  }
  await rm(dir, {recursive: true, force: true})
}
for (const name of ['create', 'update', 'unchanged'] as const) {
  const times = results[name].map((r) => r.seconds)
  const rss = results[name].map((r) => r.mb)
  const cpu = results[name].map((r) => r.cpu)
  console.log(
    `${name}: median ${median(times).toFixed(2)} s wall (target < 20 s), ${median(cpu).toFixed(2)} s CPU, peak RSS median ${median(rss).toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB (target < 600 MB)`,
  )
}
await rm(work, {recursive: true, force: true})
