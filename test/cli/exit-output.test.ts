import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from '../e2e/helpers/catalog-dir.js'
import {someCatalogProducts} from '../e2e/helpers/catalog-factory.js'
import {runCli} from '../helpers/run-cli.js'

// A command that ends with an exit code other than 0 (here plan --detailed-exitcode: 2) after printing more
// than a pipe holds (64 KB) must still deliver all of it: oclif ends such a run with process.exit(), which
// dropped the unwritten tail (a 250 KB `apply --json` report was cut at 219 KB).
describe('output through a pipe survives a non-zero exit', () => {
  let catalog: CatalogDir

  beforeAll(async () => {
    catalog = await CatalogDir.fromParts({products: someCatalogProducts(400)})
  })
  afterAll(() => catalog.remove())

  it('plan --json --detailed-exitcode: exit 2 and the whole plan', async () => {
    const result = await runCli(['plan', '--dir', 'catalog', '--sandbox', '--json', '--detailed-exitcode'], {
      cwd: catalog.root,
    })
    expect(result.exitCode, result.stderr).toBe(2)
    expect(result.stdout.length).toBeGreaterThan(256 * 1024)
    const plan = JSON.parse(result.stdout) as {changes: {kind: string}[]}
    expect(plan.changes.filter((change) => change.kind === 'product')).toHaveLength(400)
  })
})
