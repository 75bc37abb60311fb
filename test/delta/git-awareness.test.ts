import {writeFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/run-cli.js'
import {aProduct, changeKeys, DeltaRepo} from './helpers/delta-repo.js'

/** apply refuses a dirty catalog; plans and results record the commit; plan --changed-since. */
describe('git awareness', () => {
  let repo: DeltaRepo
  let base: string

  beforeAll(async () => {
    repo = await DeltaRepo.create(Array.from({length: 5}, (_, index) => aProduct(index + 1)))
    base = (await repo.git.revparse(['HEAD'])).trim()
    await repo.apply()
  })

  afterAll(async () => {
    await repo.remove()
  })

  it('apply refuses (exit 6) uncommitted catalog changes, naming the files', async () => {
    await repo.editProduct('DL-002', (product) => {
      product['name'] = 'Two, not committed'
    })
    await writeFile(path.join(repo.dir, 'products', 'untracked.yaml'), 'sku: DL-NEW\nname: New\nprice: 1\n')
    const refused = await runCli(['apply', '--dir', 'catalog', '--yes'], {cwd: repo.root})
    expect(refused.exitCode, refused.stdout + refused.stderr).toBe(6)
    expect(refused.stderr).toContain(
      'The catalog has uncommitted changes: catalog/products/dl-002.yaml, catalog/products/untracked.yaml',
    )
    expect(refused.stderr).toContain('--allow-dirty')
  })

  it('apply --allow-dirty applies, and the delta marker stays where it was', async () => {
    const applied = await runCli(['apply', '--dir', 'catalog', '--yes', '--allow-dirty'], {cwd: repo.root})
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).toContain('DL-002')
    expect(applied.stderr).toMatch(
      /Delta marker not advanced \(the catalog had uncommitted changes \(--allow-dirty\): catalog\/products\/dl-002\.yaml/,
    )
    const head = (await repo.git.revparse(['HEAD'])).trim()
    const result = JSON.parse(
      (await runCli(['plan', '--dir', 'catalog', '--json'], {cwd: repo.root})).stdout,
    ) as {catalog: {commit: string}}
    expect(result.catalog.commit).toBe(head)
  })

  it('plan --changed-since REF plans only the products changed since REF, uncommitted ones included', async () => {
    await repo.commit('two renamed, a new product')
    await repo.editProduct('DL-004', (product) => {
      product['description'] = '<p>Four, edited in the working tree.</p>'
    })
    // Both changes are already in the store but for DL-004; a store edit elsewhere is not in the selection.
    const id = await repo.productId('DL-005')
    await repo.api('PUT', `/v3/catalog/products/${id}`, {name: 'Renamed in the admin'})

    const {plan} = await repo.plan({changedSince: base})
    expect(changeKeys(plan)).toEqual([
      'product update dl-004 description="<p>Four, edited in the working tree.</p>"',
    ])
    expect(plan.notes[0]).toBe('Changed since ' + base + ': 3 product(s) in 3 changed file(s).')
    expect(plan.notes).toContain('Partial plan: only the selected records (--sku, --file) were considered.')

    const cli = await runCli(['plan', '--dir', 'catalog', '--changed-since', 'HEAD', '--json'], {
      cwd: repo.root,
    })
    expect(cli.exitCode, cli.stderr).toBe(0)
    const fromHead = JSON.parse(cli.stdout) as {changes: Array<{key: string}>}
    expect(fromHead.changes.map((change) => change.key)).toEqual(['DL-004'])
  })

  it('plan --changed-since with a ref git does not know is an error that says so', async () => {
    const cli = await runCli(['plan', '--dir', 'catalog', '--changed-since', 'no-such-branch'], {
      cwd: repo.root,
    })
    expect(cli.exitCode).toBe(1)
    expect(cli.stderr).toContain('--changed-since no-such-branch: no such commit in this repository')
  })

  it('plan --mode delta on the command line says why it read everything (stderr and the plan)', async () => {
    await repo.writeYaml('catalogctl.yaml', {
      ...(await repo.readYaml('catalogctl.yaml')),
      guardrails: {max_change_share: 0.9, max_delete_share: 1},
    })
    await repo.git.add(['catalog/catalogctl.yaml'])
    await repo.git.commit('a guardrail')
    const cli = await runCli(['plan', '--dir', 'catalog', '--mode', 'delta', '--scope', 'inventory'], {
      cwd: repo.root,
    })
    expect(cli.exitCode, cli.stderr).toBe(0)
    const line =
      /Delta mode read the whole store instead: catalogctl\.yaml changed since the last apply \(\w{7}\); settings and the template shape every product\./
    expect(cli.stderr).toMatch(line)
    expect(cli.stdout).toMatch(line)
  })
}, 120_000)
