import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import YAML from 'yaml'

import {runCli, type CliResult} from '../helpers/run-cli.js'
import {repoRoot} from './helpers/catalog-dir.js'

const fixture = (name: string): string => path.join(repoRoot, 'test', 'fixtures', 'import-csv', name)
/** The embedded sandbox (`--sandbox`) serves the store; no real credentials are involved. */
const noStoreEnv = {
  BIGCOMMERCE_API_URL: undefined,
  BIGCOMMERCE_STORE_HASH: undefined,
  BIGCOMMERCE_ACCESS_TOKEN: undefined,
}

// Issue 9 (CSV half): a fresh catalog from `init`, filled by a BigCommerce export and a supplier feed
// through the built CLI, validates, applies to the embedded sandbox, and re-plans empty.
describe('040 import csv into a fresh catalog, then plan → apply → empty re-plan', () => {
  let root: string
  const cli = (args: string[]): Promise<CliResult> => runCli(args, {cwd: root, env: noStoreEnv})

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'catalogctl-e2e-import-'))
    const init = await cli(['init', 'catalog'])
    expect(init.exitCode, init.stderr).toBe(0)
  })

  afterAll(async () => {
    await rm(root, {recursive: true, force: true})
  })

  it('imports a BigCommerce export without a mapping, reporting its bad rows (exit 3)', async () => {
    const result = await cli(['import', 'csv', fixture('bigcommerce-current.csv'), '--dir', 'catalog'])
    expect(result.exitCode, result.stderr).toBe(3)
    expect(result.stdout).toContain('BigCommerce export (current layout)')
    expect(result.stdout).toContain('row 9, column "SKU": the product has no SKU')
    expect(result.stdout).toContain(
      'row 10, column "Current Stock" (HB-BLANKET-WOOL): "n/a" is not a number ≥ 0',
    )
    expect(result.stdout).toContain('2 new, 0 updated, 0 unchanged products')
  })

  it('imports a Windows-1252 supplier feed with a mapping (--json)', async () => {
    const result = await cli([
      'import',
      'csv',
      fixture('supplier-windows-1252.csv'),
      '--mapping',
      fixture('supplier-feed.yaml'),
      '--dir',
      'catalog',
      '--json',
    ])
    expect(result.exitCode, result.stderr).toBe(0)
    const json = JSON.parse(result.stdout) as {encoding: string; products: {created: number}; files: string[]}
    expect(json).toMatchObject({encoding: 'windows-1252', products: {created: 2}})
    const cafe = YAML.parse(
      await readFile(path.join(root, 'catalog', 'products', 'sup-cafe-creme.yaml'), 'utf8'),
    ) as {name: string}
    expect(cafe.name).toBe('Café Crème Espresso Beans 1kg')
  })

  it('refuses a file that is neither mapped nor a BigCommerce export', async () => {
    const result = await cli(['import', 'csv', fixture('erp-feed.csv'), '--dir', 'catalog'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('is not a BigCommerce product export, and no --mapping was given')
  })

  it('validate passes, apply --sandbox creates everything, and the re-plan is empty', async () => {
    const validate = await cli(['validate', '--dir', 'catalog'])
    expect(validate.exitCode, validate.stdout).toBe(0)
    const plan = await cli(['plan', '--dir', 'catalog', '--sandbox', '--detailed-exitcode'])
    expect(plan.exitCode, plan.stdout + plan.stderr).toBe(2)
    for (const sku of ['HB-TOTE-CANVAS', 'HB-MUG-ENAMEL', 'SUP-CAFE-CREME', 'SUP-THE-VERT'])
      expect(plan.stdout).toContain(`+ product ${sku} will be created`)
    const apply = await cli(['apply', '--dir', 'catalog', '--sandbox', '--yes'])
    expect(apply.exitCode, apply.stdout + apply.stderr).toBe(0)
    const replan = await cli(['plan', '--dir', 'catalog', '--sandbox', '--detailed-exitcode'])
    expect(replan.stdout, replan.stderr).toContain('No changes.')
    expect(replan.exitCode).toBe(0)
  })
})
