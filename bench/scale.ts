/**
 * Scale (issue 11): N products (default 100,000) × 6 variants, stock at 3 locations, 2 price lists, one file
 * per product, in a git repository. The store is a `catalogctl sandbox` child process (so its memory is not
 * counted), seeded by the first apply. Each step runs the built CLI as users do, in its own process, and
 * reports wall time, peak RSS (the child's maxRSS) and the requests the sandbox answered:
 *   validate · first apply (seed) · full plan (no changes) · apply of a 1 % change · delta plan of a 1 % change
 * Writes bench/RESULTS.md with the machine described. Targets: full plan < 150 s and < 1.5 GB; delta plan of a
 * 1 % change < 15 s.
 *
 *   npm run build && node --import tsx bench/scale.ts [--products 100000] [--runs 1] [--keep]
 *
 * `--keep` leaves the sandbox running and the catalog in place when done (it prints both), to profile a
 * step against the seeded store without seeding it again.
 */
import {spawn, spawnSync} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

import {changeShare} from './_catalog-edits.js'
import {generateCatalog} from './generate-catalog.js'

const {values} = parseArgs({
  options: {
    products: {type: 'string', default: '100000'},
    runs: {type: 'string', default: '1'},
    keep: {type: 'boolean', default: false},
  },
})
const PRODUCTS = Number(values.products)
const RUNS = Number(values.runs)
const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const resultsFile = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
const reportRss = `data:text/javascript,process.on('exit',()=>{process.stderr.write('\\nmaxrss_kb='+process.resourceUsage().maxRSS+'\\n')})`

interface Step {
  ms: number
  rssMb: number
  requests: number
  exitCode: number
  stdout: string
}

const median = (numbers: number[]): number =>
  [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0

const work = await mkdtemp(path.join(os.tmpdir(), 'catalogctl-bench-scale-'))
const dir = path.join(work, 'catalog')
const git = (...args: string[]) =>
  spawnSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], {cwd: work})

const sandbox = spawn(
  process.execPath,
  ['--max-old-space-size=16384', bin, 'sandbox', '--port', '0', '--quota', '100000000'],
  {stdio: ['ignore', 'pipe', 'inherit']},
)
let banner = ''
sandbox.stdout.on('data', (chunk: Buffer) => (banner += chunk.toString()))
for (let attempt = 0; attempt < 600 && !/http:\/\/127\.0\.0\.1:\d+/.test(banner); attempt++)
  await new Promise((resolve) => setTimeout(resolve, 50))
const url = /http:\/\/127\.0\.0\.1:\d+/.exec(banner)?.[0]
if (!url) throw new Error(`the sandbox did not start: ${banner}`)
const env = {
  ...process.env,
  BIGCOMMERCE_API_URL: url,
  BIGCOMMERCE_STORE_HASH: 'sandbox',
  BIGCOMMERCE_ACCESS_TOKEN: 'sandbox-token',
  NO_COLOR: '1',
  // The store is on this machine (no clock skew), and the steps follow each other within seconds: the default
  // 60 s margin would count the previous step's writes as edits made during an apply.
  CATALOGCTL_DELTA_MARGIN_SECONDS: '1',
}
const requests = async (): Promise<number> =>
  ((await (await fetch(`${url}/__sandbox/stats`)).json()) as {requests: number}).requests

async function cli(args: string[], okCodes = [0, 2]): Promise<Step> {
  const before = await requests()
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', reportRss, bin, ...args, '--dir', 'catalog'], {
    cwd: work,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)))
  const ms = performance.now() - started
  if (!okCodes.includes(exitCode))
    throw new Error(
      `catalogctl ${args.join(' ')} exited ${exitCode}:\n${stdout.slice(-2000)}\n${stderr.slice(-3000)}`,
    )
  const rssKb = Number(/maxrss_kb=(\d+)/.exec(stderr)?.[1] ?? 0)
  return {ms, rssMb: rssKb / 1024, requests: (await requests()) - before, exitCode, stdout: stdout + stderr}
}

function line(name: string, steps: Step[], extra = ''): string {
  const ms = median(steps.map((step) => step.ms))
  const rss = median(steps.map((step) => step.rssMb))
  const reqs = median(steps.map((step) => step.requests))
  const text = `| ${name} | ${(ms / 1000).toFixed(1)} s | ${rss.toFixed(0)} MB | ${reqs.toLocaleString('en-US')} | ${extra} |`
  console.log(text)
  return text
}

const rows: string[] = []
try {
  const generated = performance.now()
  await generateCatalog(dir, {
    products: PRODUCTS,
    variantsPerProduct: 6,
    layout: 'one-per-file',
    thirdLocation: true,
    secondPriceList: true,
  })
  await writeFile(path.join(work, '.gitignore'), '.catalogctl/\n')
  git('init', '-q')
  git('add', '-A')
  git('commit', '-q', '-m', 'generated catalog')
  console.log(
    `generated ${PRODUCTS.toLocaleString('en-US')} products × 6 variants, 3 locations, 2 price lists in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
  )
  console.log('| step | wall (median) | peak RSS (median) | requests | notes |\n|---|---|---|---|---|')

  const validate: Step[] = []
  for (let run = 0; run < RUNS; run++) validate.push(await cli(['validate']))
  rows.push(line('validate', validate))

  const seed = await cli(['apply', '--yes', '--mode', 'full'], [0, 3])
  rows.push(line('first apply (seed, from an empty store)', [seed], `exit ${seed.exitCode}`))

  const full: Step[] = []
  for (let run = 0; run < RUNS; run++) full.push(await cli(['plan', '--mode', 'full', '--detailed-exitcode']))
  rows.push(
    line(
      'full plan',
      full,
      `${full[0]?.stdout.includes('No changes') ? 'no changes' : 'changes found'}; target < 150 s and < 1,536 MB`,
    ),
  )

  const applied: Step[] = []
  const delta: Step[] = []
  const deltaProducts: Step[] = []
  for (let run = 0; run < RUNS; run++) {
    const changed = await changeShare(dir, 0.01)
    git('add', '-A')
    git('commit', '-q', '-m', `change ${changed} products`)
    applied.push(await cli(['apply', '--yes', '--mode', 'full'], [0]))
    await changeShare(dir, 0.01)
    git('add', '-A')
    git('commit', '-q', '-m', `change ${changed} products again`)
    delta.push(await cli(['plan', '--mode', 'delta', '--detailed-exitcode']))
    deltaProducts.push(await cli(['plan', '--mode', 'delta', '--scope', 'products', '--detailed-exitcode']))
  }
  rows.push(line('apply of a 1 % change (full read)', applied, `${PRODUCTS / 100} products`))
  const fallback = /read the whole store instead: ([^\n]*)/.exec(delta[0]?.stdout ?? '')?.[1]
  rows.push(
    line(
      'delta plan of a 1 % change',
      delta,
      `target < 15 s${fallback ? `; fell back to full: ${fallback}` : ''}`,
    ),
  )
  rows.push(
    line(
      'the same delta plan, --scope products',
      deltaProducts,
      'no stock or price-list reads, price-list files left unread',
    ),
  )
} finally {
  if (values.keep) {
    console.log(`kept: the sandbox at ${url} (pid ${sandbox.pid}) and the catalog in ${dir}`)
    sandbox.unref()
    sandbox.stdout.destroy()
  } else {
    sandbox.kill('SIGTERM')
    await rm(work, {recursive: true, force: true})
  }
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`
await writeFile(
  resultsFile,
  `# Scale benchmark results

Generated by \`bench/scale.ts\` on ${new Date().toISOString().slice(0, 10)}: ${PRODUCTS.toLocaleString('en-US')} products × 6 variants,
stock for every variant at 3 locations (1 YAML, 2 CSV files), 2 price lists, one file per product, in git. The store
is a \`catalogctl sandbox\` child process on 127.0.0.1 (not counted in memory). Each step is the built CLI in its own
process; peak RSS is that process's maxRSS; requests are what the sandbox answered. Medians of ${RUNS} run(s).
Delta's clock-skew margin is 1 s (\`CATALOGCTL_DELTA_MARGIN_SECONDS\`): the store shares this machine's clock.

Machine: ${machine}.

| step | wall (median) | peak RSS (median) | requests | notes |
|---|---|---|---|---|
${rows.join('\n')}
`,
)
console.log(`wrote ${path.relative(process.cwd(), resultsFile)}`)
