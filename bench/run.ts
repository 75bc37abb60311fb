/**
 * `npm run bench`: runs every benchmark script in bench/ (or the ones named on the command line) one
 * after another, each in its own process so that peak memory is measured per benchmark. Benchmarks
 * talk only to servers they start on 127.0.0.1.
 */
import {spawnSync} from 'node:child_process'
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const requested = process.argv.slice(2)
const scripts = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && name !== 'run.ts' && !name.startsWith('_'))
  .map((name) => name.slice(0, -3))
  .filter((name) => requested.length === 0 || requested.includes(name))
  .sort()

let failed = 0
for (const name of scripts) {
  console.log(`\n=== bench/${name}.ts`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, `${name}.ts`)], {
    stdio: 'inherit',
  })
  if (result.status !== 0) {
    failed++
    console.log(`bench/${name}.ts exited with ${result.status ?? result.signal}`)
  }
}
process.exitCode = failed > 0 ? 1 : 0
