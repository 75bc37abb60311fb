import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {afterAll, afterEach, describe, expect, it} from 'vitest'

import {CatalogDir, repoRoot} from './helpers/catalog-dir.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {exampleCatalogFacts, pricingCreates, variantCreates} from './helpers/example-facts.js'

const binPath = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
/** The embedded sandbox and `catalogctl sandbox` both use this token unless told otherwise. */
const DEFAULT_SANDBOX_TOKEN = 'sandbox-token'
const hasSandboxCommand = existsSync(path.join(repoRoot, 'dist', 'commands', 'sandbox.js'))
if (!hasSandboxCommand) {
  console.warn(
    '009: skipping the `catalogctl sandbox` server scenario: this build has no sandbox command (dist/commands/sandbox.js)',
  )
}

/** The quick start, word for word: the whole example catalog created, then an empty plan. */
async function quickStart(cli: Catalogctl, catalog: CatalogDir, flags: string[]): Promise<void> {
  const facts = await exampleCatalogFacts(catalog.dir)
  // Locations and stock too: the three warehouses come up from an empty store (the one given by id, the
  // default location, is updated in place).
  const total =
    facts.skus.length +
    facts.brands.length +
    facts.categoryPaths.length +
    facts.locationKeys.length +
    facts.stock.length +
    pricingCreates(facts) +
    variantCreates(facts)
  const updates = facts.locationsById.length
  const applied = await cli.run(['apply', '--dir', 'catalog', ...flags, '--yes'])
  expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
  expect(applied.stdout).toContain(`Plan: ${total - updates} to create, ${updates} to update, 0 to delete`)
  for (const sku of facts.skus) expect(applied.stdout).toContain(`+ product ${sku} will be created`)
  expect(applied.stdout).toContain(`Apply: ${total} applied, 0 warnings, 0 failed, 0 skipped`)
  const plan = await cli.run(['plan', '--dir', 'catalog', ...flags, '--detailed-exitcode'])
  expect(plan.stdout).toContain('No changes.')
  expect(plan.exitCode, plan.stderr).toBe(0)
  await cli.expectNoSecret(DEFAULT_SANDBOX_TOKEN)
}

// Scenario 9 (issue 5, "Done when"): the quick start in a fresh copy of the example catalog, against the
// embedded sandbox and against a separately started `catalogctl sandbox` using the env lines it prints.
describe('009 quick start', () => {
  const cleanups: (() => Promise<void>)[] = []

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it('apply --dir catalog --sandbox --yes, then plan --dir catalog --sandbox --detailed-exitcode', async () => {
    const catalog = await CatalogDir.copyOf()
    cleanups.push(() => catalog.remove())
    const cli = new Catalogctl(catalog, {
      BIGCOMMERCE_API_URL: undefined,
      BIGCOMMERCE_STORE_HASH: undefined,
      BIGCOMMERCE_ACCESS_TOKEN: undefined,
    })
    await quickStart(cli, catalog, ['--sandbox'])
    expect(existsSync(path.join(catalog.dir, '.catalogctl', 'sandbox.json'))).toBe(true)
  })

  it.skipIf(!hasSandboxCommand)(
    'the same against `catalogctl sandbox` and the env lines it prints',
    async () => {
      const catalog = await CatalogDir.copyOf()
      cleanups.push(() => catalog.remove())
      const server = spawn(process.execPath, [binPath, 'sandbox', '--port', '0'], {
        cwd: catalog.root,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      cleanups.push(() => stop(server))
      const env = await printedEnv(server)
      expect(Object.keys(env).sort()).toEqual([
        'BIGCOMMERCE_ACCESS_TOKEN',
        'BIGCOMMERCE_API_URL',
        'BIGCOMMERCE_STORE_HASH',
      ])
      expect(new URL(env['BIGCOMMERCE_API_URL'] as string).hostname).toBe('127.0.0.1')
      await quickStart(new Catalogctl(catalog, env), catalog, [])
    },
  )
})

/** Reads `export NAME=value` lines from the server's stdout until all three arrived. */
function printedEnv(server: ChildProcess): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(() => reject(new Error(`no env lines within 20 s: ${stdout}`)), 20_000)
    server.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const env = Object.fromEntries(
        [...stdout.matchAll(/^export (BIGCOMMERCE_[A-Z_]+)=(\S+)$/gm)].map((match) => [match[1], match[2]]),
      ) as Record<string, string>
      if (Object.keys(env).length === 3) {
        clearTimeout(timer)
        resolve(env)
      }
    })
    server.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`catalogctl sandbox exited early (${String(code)}): ${stdout}`))
    })
  })
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return
  const exited = new Promise((resolve) => server.once('exit', resolve))
  server.kill('SIGTERM')
  await exited
}
