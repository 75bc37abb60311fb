import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {someCatalogProducts} from './helpers/catalog-factory.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {productBySku} from './helpers/store-diff.js'

const FILE = 'products/products.yaml'

// Scenario 6 (issue 5): `plan --out` then `apply PLANFILE`. A saved plan applies when neither the store
// records it read nor the catalog changed; a changed record is refused with exit 6 naming it, and
// --skip-stale applies the rest. Steps build on each other, in order.
describe('006 saved plans: current, stale, --skip-stale, changed catalog', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  beforeAll(async () => {
    store = await startE2eStore()
    // 40 %: one of the three products may change without --force, two may not.
    catalog = await CatalogDir.fromParts({
      config: {guardrails: {max_change_share: 0.4}},
      products: someCatalogProducts(3),
    })
    cli = new Catalogctl(catalog, store.env)
    const created = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(created.exitCode, created.stdout + created.stderr).toBe(0)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  const setPrices = (prices: Record<string, number>) =>
    catalog.writeYaml(
      FILE,
      someCatalogProducts(3).map((product) => ({
        ...product,
        price: prices[product['sku'] as string] ?? product['price'],
      })),
    )

  async function savePlan(): Promise<void> {
    const planned = await cli.run(['plan', '--dir', 'catalog', '--out', 'plan.json'])
    expect(planned.exitCode, planned.stderr).toBe(0)
    expect(planned.stderr).toContain('Saved the plan to plan.json')
  }

  it('an unchanged catalog and store: the saved plan applies', async () => {
    await setPrices({'E2E-01': 21})
    await savePlan()
    const applied = await cli.run(['apply', 'plan.json', '--dir', 'catalog'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).toContain('Apply: 1 applied, 0 warnings, 0 failed, 0 skipped')
    expect(productBySku(await store.dump(), 'E2E-01').data['price']).toBe(21)
    await cli.expectNoChanges()
  })

  it('a record changed in the store since planning: refused (exit 6) naming it; --skip-stale applies the rest', async () => {
    await setPrices({'E2E-01': 31, 'E2E-02': 32})
    await savePlan()
    store.advanceClock(60_000)
    const id = productBySku(await store.dump(), 'E2E-01').data.id
    const edited = await store.api('PUT', `/v3/catalog/products/${id}`, {name: 'Renamed by hand'})
    expect(edited.status).toBe(200)

    store.clearWrites()
    const refused = await cli.run(['apply', 'plan.json', '--dir', 'catalog'])
    expect(refused.exitCode).toBe(6)
    expect(refused.stderr).toContain(
      'Saved plan is stale: 1 record(s) changed in the store since the plan was made: product E2E-01',
    )
    expect(refused.stderr).toContain('--skip-stale')
    expect(store.writes).toEqual([])

    // 1 change of 3 managed products is within the 40 % guardrail (the stale one still counts as managed).
    const rest = await cli.run(['apply', 'plan.json', '--dir', 'catalog', '--skip-stale'])
    expect(rest.exitCode, rest.stdout + rest.stderr).toBe(0)
    expect(rest.stderr).toContain('Skipped 1 stale record(s): product E2E-01')
    expect(rest.stdout).toContain('Apply: 1 applied, 0 warnings, 0 failed, 0 skipped')
    const data = await store.dump()
    expect(productBySku(data, 'E2E-02').data['price']).toBe(32)
    expect(productBySku(data, 'E2E-01').data).toMatchObject({name: 'Renamed by hand', price: 21})

    // The stale record is what remains: a fresh plan shows it, with the hand edit undone.
    const plan = await cli.planJson()
    expect(plan.changes.map((change) => change.key)).toEqual(['E2E-01'])
    expect(plan.changes[0]?.fields).toEqual([
      {path: 'name', before: 'Renamed by hand', after: 'E2E Widget 01'},
      {path: 'price', before: 21, after: 31},
    ])
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    await cli.expectNoChanges()
  })

  it('the catalog changed since planning: refused (exit 6), nothing written', async () => {
    await setPrices({'E2E-01': 41, 'E2E-02': 32})
    await savePlan()
    await setPrices({'E2E-01': 42, 'E2E-02': 32})
    store.clearWrites()
    const refused = await cli.run(['apply', 'plan.json', '--dir', 'catalog'])
    expect(refused.exitCode).toBe(6)
    expect(refused.stderr).toContain('The catalog changed since the plan was made')
    expect(store.writes).toEqual([])
    expect(productBySku(await store.dump(), 'E2E-01').data['price']).toBe(31)
    // What remains is exactly the catalog's new price.
    const plan = await cli.planJson()
    expect(plan.changes.map((change) => [change.key, change.fields])).toEqual([
      ['E2E-01', [{path: 'price', before: 31, after: 42}]],
    ])
  })
})
