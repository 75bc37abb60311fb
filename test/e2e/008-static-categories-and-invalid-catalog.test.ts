import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {aCatalogProduct, someCatalogProducts} from './helpers/catalog-factory.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {productBySku} from './helpers/store-diff.js'

const NO_STACK = /^\s+at .+\(.*:\d+:\d+\)$/m

// Scenario 5 (issue 5) and bad input: a static category map naming an id the store lacks fails the plan
// with a clear error (path and id, no stack); an invalid catalog stops plan and apply with exit 4 before
// a single request reaches the store.
describe('008 static category map, invalid catalog', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  beforeAll(async () => {
    store = await startE2eStore()
    catalog = await CatalogDir.fromParts({products: someCatalogProducts(2)})
    cli = new Catalogctl(catalog, store.env)
  })

  beforeEach(async () => {
    await store.reset()
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  it('static map with a missing id: plan and apply fail naming the path and the id; a real id applies', async () => {
    await catalog.writeYaml('categories.yaml', {mode: 'static', static: {'Tools/Widgets': 9999}})
    const plan = await cli.run(['plan', '--dir', 'catalog'])
    expect(plan.exitCode).toBe(1)
    expect(plan.stderr).toMatch(/^Error: .*Tools\/Widgets.*9999/m)
    expect(plan.stderr).not.toMatch(NO_STACK)
    expect(plan.stderr).not.toContain('looks like a bug')
    const apply = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(apply.exitCode).toBe(1)
    expect(apply.stderr).toMatch(/Tools\/Widgets.*9999/)
    expect(store.writes).toEqual([])

    const created = await store.api<{data: {category_id: number}[]}>('POST', '/v3/catalog/trees/categories', [
      {name: 'Widgets', tree_id: 1, parent_id: 0},
    ])
    expect(created.status).toBe(201)
    const id = created.body.data[0]?.category_id as number
    await catalog.writeYaml('categories.yaml', {mode: 'static', static: {'Tools/Widgets': id}})
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).not.toContain('+ category')
    expect(productBySku(await store.dump(), 'E2E-01').data['categories']).toEqual([id])
    await cli.expectNoChanges()
  })

  it('an invalid catalog: plan and apply exit 4, the store receives no request', async () => {
    await catalog.writeYaml('categories.yaml', {mode: 'auto_create', categories: ['Tools/Widgets']})
    const broken = {...aCatalogProduct(3), price: 'twelve'}
    await catalog.writeYaml('products/products.yaml', [...someCatalogProducts(2), broken])
    const plan = await cli.run(['plan', '--dir', 'catalog'])
    expect(plan.exitCode).toBe(4)
    expect(plan.stderr).toContain('catalog/products/products.yaml:')
    expect(plan.stderr).toContain('nothing was sent to the store')
    const apply = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(apply.exitCode).toBe(4)
    expect((await store.stats()).requests).toBe(0)
  })
})
