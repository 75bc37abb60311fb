import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {someCatalogProducts} from './helpers/catalog-factory.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {productBySku} from './helpers/store-diff.js'

const FILE = 'products/products.yaml'

// Scenario 3 (issue 5): a managed product removed from the YAML under each prune policy, and the
// guardrails (refuse with exit 6 over the share of managed products, unless --force). Ten products, so
// one is 10 %. Steps build on each other, in order.
describe('004 prune policies and guardrails', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  beforeAll(async () => {
    store = await startE2eStore()
    catalog = await CatalogDir.fromParts({
      config: {prune: {products: 'off'}, guardrails: {max_change_share: 0.5, max_delete_share: 0.5}},
      products: someCatalogProducts(10),
    })
    cli = new Catalogctl(catalog, store.env)
    const created = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(created.exitCode, created.stdout + created.stderr).toBe(0)
    expect((await store.dump()).products).toHaveLength(10)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  const setPrune = (policy: 'off' | 'hide' | 'delete') =>
    catalog.editConfig((config) => {
      config['prune'] = {products: policy}
    })

  it('prune off: the removed product is left alone, with a note', async () => {
    await catalog.removeProduct(FILE, 'E2E-10')
    const plan = await cli.run(['plan', '--dir', 'catalog', '--detailed-exitcode'])
    expect(plan.exitCode, plan.stderr).toBe(0)
    expect(plan.stdout).toContain('No changes.')
    expect(plan.stdout).toContain(
      'Note: 1 managed product is not in the catalog; prune is off (catalogctl.yaml prune.products).',
    )
    store.clearWrites()
    const apply = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(apply.exitCode, apply.stderr).toBe(0)
    expect(store.writes).toEqual([])
    expect(productBySku(await store.dump(), 'E2E-10').data['is_visible']).toBe(true)
  })

  it('prune hide: is_visible false, only with --allow-deletes (else exit 6, nothing written)', async () => {
    await setPrune('hide')
    const plan = await cli.planJson()
    expect(plan.changes.map((c) => [c.action, c.key, c.reason, c.destructive])).toEqual([
      ['update', 'E2E-10', 'prune: hide', true],
    ])
    expect(plan.changes[0]?.fields).toEqual([{path: 'is_visible', before: true, after: false}])

    store.clearWrites()
    const refused = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(refused.exitCode).toBe(6)
    expect(refused.stderr).toContain('The plan deletes or hides 1 record(s): product E2E-10 (prune: hide)')
    expect(refused.stderr).toContain('--allow-deletes')
    expect(store.writes).toEqual([])

    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes', '--allow-deletes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).toContain('~ product E2E-10 will be hidden (prune: hide)')
    expect(applied.stdout).toMatch(/is_visible: true → false/)
    const id = productBySku(await store.dump(), 'E2E-10').data.id
    expect(store.writes).toEqual([
      {method: 'PUT', path: '/v3/catalog/products', body: [{id, is_visible: false}]},
    ])
    expect(productBySku(await store.dump(), 'E2E-10').data['is_visible']).toBe(false)
    await cli.expectNoChanges()
  })

  it('prune delete: deleted, only with --allow-deletes (else exit 6)', async () => {
    await setPrune('delete')
    const refused = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(refused.exitCode).toBe(6)
    expect(refused.stderr).toContain('product E2E-10 (prune: delete)')
    expect((await store.dump()).products).toHaveLength(10)

    store.clearWrites()
    const id = productBySku(await store.dump(), 'E2E-10').data.id
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes', '--allow-deletes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(store.writes).toEqual([
      {method: 'DELETE', path: `/v3/catalog/products?id:in=${id}`, body: undefined},
    ])
    const skus = (await store.dump()).products.map((product) => product.data.sku)
    expect(skus).toHaveLength(9)
    expect(skus).not.toContain('E2E-10')
    await cli.expectNoChanges()
  })

  it('guardrails at the default 30 %: 4 of 9 managed products changed is refused, --force applies', async () => {
    await catalog.editConfig((config) => {
      delete config['guardrails']
    })
    const products = await catalog.readYaml<Record<string, unknown>[]>(FILE)
    for (const product of products.slice(0, 4)) product['price'] = Number(product['price']) + 1
    await catalog.writeYaml(FILE, products)

    store.clearWrites()
    const refused = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(refused.exitCode).toBe(6)
    expect(refused.stderr).toContain(
      'Guardrail tripped: the plan changes 4 of 9 managed products (44.4 %), more than guardrails.max_change_share (30 %)',
    )
    expect(refused.stderr).toContain('--force')
    expect(store.writes).toEqual([])

    const forced = await cli.run(['apply', '--dir', 'catalog', '--yes', '--force'])
    expect(forced.exitCode, forced.stdout + forced.stderr).toBe(0)
    expect(forced.stdout).toContain('Apply: 4 applied, 0 warnings, 0 failed, 0 skipped')
    await cli.expectNoChanges()
  })

  it('guardrails: 2 of 9 managed products deleted trips max_delete_share 0.2 even with --allow-deletes', async () => {
    await catalog.editConfig((config) => {
      config['guardrails'] = {max_delete_share: 0.2}
    })
    await catalog.removeProduct(FILE, 'E2E-08')
    await catalog.removeProduct(FILE, 'E2E-09')
    const refused = await cli.run(['apply', '--dir', 'catalog', '--yes', '--allow-deletes'])
    expect(refused.exitCode).toBe(6)
    expect(refused.stderr).toContain(
      'the plan deletes or hides 2 of 9 managed products (22.2 %), more than guardrails.max_delete_share (20 %)',
    )
    expect((await store.dump()).products).toHaveLength(9)

    const forced = await cli.run(['apply', '--dir', 'catalog', '--yes', '--allow-deletes', '--force'])
    expect(forced.exitCode, forced.stdout + forced.stderr).toBe(0)
    expect((await store.dump()).products).toHaveLength(7)
    await cli.expectNoChanges()
  })
})
