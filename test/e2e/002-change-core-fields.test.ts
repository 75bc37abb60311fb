import {readFile} from 'node:fs/promises'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {SandboxData} from '../../src/sandbox/state.js'
import {CatalogDir} from './helpers/catalog-dir.js'
import {Catalogctl, type PlanJson} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {changedDataKeys, expectUntouchedExcept, productBySku} from './helpers/store-diff.js'

// Scenario 2a (issue 5): one core field changed at a time on the applied example catalog. Each step plans
// (text + the saved plan's JSON), applies the saved plan, proves only that record was written, and
// re-plans empty. Steps build on each other, in order.
describe('002 change one core field of one product', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  beforeAll(async () => {
    store = await startE2eStore()
    catalog = await CatalogDir.copyOf()
    cli = new Catalogctl(catalog, store.env)
    const created = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(created.exitCode, created.stderr).toBe(0)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  /** plan --out: exit 2, one update of `sku`; returns the text and the saved Plan. */
  async function planOneUpdate(sku: string, creates = 0): Promise<{text: string; plan: PlanJson}> {
    const result = await cli.run(['plan', '--dir', 'catalog', '--detailed-exitcode', '--out', 'plan.json'])
    expect(result.exitCode, result.stdout + result.stderr).toBe(2)
    expect(result.stdout).toContain(`~ product ${sku} will be updated in place`)
    const plan = JSON.parse(await readFile(`${catalog.root}/plan.json`, 'utf8')) as PlanJson
    const products = plan.changes.filter((change) => change.kind === 'product')
    expect(products.map((change) => [change.action, change.key])).toEqual([['update', sku]])
    expect(plan.summary).toMatchObject({create: creates, update: 1, delete: 0})
    return {text: result.stdout, plan}
  }

  /** apply plan.json (the saved plan) and return the store before and after. */
  async function applySaved(): Promise<{before: SandboxData; after: SandboxData}> {
    const before = await store.dump()
    store.advanceClock(60_000)
    store.clearWrites()
    const result = await cli.run(['apply', 'plan.json', '--dir', 'catalog'])
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Apply: \d+ applied, 0 warnings, 0 failed, 0 skipped/)
    return {before, after: await store.dump()}
  }

  it('a price', async () => {
    await catalog.editProduct('products/apparel/classic-tee.yaml', 'NW-TEE-CLASSIC', (p) => {
      p['price'] = 26.5
    })
    const {text, plan} = await planOneUpdate('NW-TEE-CLASSIC')
    expect(text).toContain('price: 28.00 → 26.50')
    expect(text).toContain('Plan: 0 to create, 1 to update, 0 to delete')
    expect(plan.changes[0]?.fields).toEqual([{path: 'price', before: 28, after: 26.5}])
    const json = await cli.run(['plan', '--dir', 'catalog', '--json'])
    expect((JSON.parse(json.stdout) as PlanJson).changes).toEqual(plan.changes)

    const {before, after} = await applySaved()
    const id = productBySku(after, 'NW-TEE-CLASSIC').data.id
    expect(store.writes).toEqual([{method: 'PUT', path: '/v3/catalog/products', body: [{id, price: 26.5}]}])
    expectUntouchedExcept(before, after, ['NW-TEE-CLASSIC'])
    const tee = [productBySku(before, 'NW-TEE-CLASSIC'), productBySku(after, 'NW-TEE-CLASSIC')] as const
    expect(changedDataKeys(...tee)).toEqual(['date_modified', 'price'])
    expect(tee[1].images).toEqual(tee[0].images)
    expect(tee[1].customFields).toEqual(tee[0].customFields)
    await cli.expectNoChanges()
  })

  it('a description (HTML, shown as a unified diff)', async () => {
    const html =
      '<p>Hand-glazed ceramic dripper with <strong>spiral ribs</strong>.</p>\n<ul><li>Fits 02 filters</li></ul>'
    await catalog.editProduct('products/home/kitchen.yaml', 'EO-POUR-OVER', (p) => {
      p['description'] = html
    })
    const {text, plan} = await planOneUpdate('EO-POUR-OVER')
    expect(text).toContain('description:')
    // Long HTML is a unified diff of the markup, one tag per line.
    expect(text).toMatch(/^\s+@@ -1,1 \+1,4 @@$/m)
    expect(text).toMatch(/^\s+-<p>Hand-glazed ceramic dripper with spiral ribs for an even extraction/m)
    expect(text).toMatch(/^\s+\+<p>Hand-glazed ceramic dripper with <strong>spiral ribs<\/strong>\.<\/p>$/m)
    expect(text).toMatch(/^\s+\+<li>Fits 02 filters<\/li>$/m)
    expect(plan.changes[0]?.fields.map((field) => [field.path, field.after])).toEqual([['description', html]])

    const {before, after} = await applySaved()
    const id = productBySku(after, 'EO-POUR-OVER').data.id
    expect(store.writes).toEqual([
      {method: 'PUT', path: '/v3/catalog/products', body: [{id, description: html}]},
    ])
    expectUntouchedExcept(before, after, ['EO-POUR-OVER'])
    expect(productBySku(after, 'EO-POUR-OVER').data['description']).toBe(html)
    await cli.expectNoChanges()
  })

  it('a brand (a new one: created first, then the product points at it)', async () => {
    await catalog.editProduct('products/home/kitchen.yaml', 'EO-POUR-OVER', (p) => {
      p['brand'] = 'Kiln & Co'
    })
    const {text, plan} = await planOneUpdate('EO-POUR-OVER', 1)
    expect(text).toContain('+ brand Kiln & Co will be created')
    expect(text).toMatch(/brand: "?Ember & Oak"? → "?Kiln & Co"?/)
    expect(text).toContain('Plan: 1 to create, 1 to update, 0 to delete')
    expect(plan.changes.map((change) => [change.kind, change.action, change.key])).toEqual([
      ['brand', 'create', 'Kiln & Co'],
      ['product', 'update', 'EO-POUR-OVER'],
    ])
    expect(plan.changes[1]?.fields).toEqual([{path: 'brand', before: 'Ember & Oak', after: 'Kiln & Co'}])

    const {before, after} = await applySaved()
    const brand = after.brands.find((candidate) => candidate['name'] === 'Kiln & Co')
    const id = productBySku(after, 'EO-POUR-OVER').data.id
    expect(store.writes).toEqual([
      {method: 'POST', path: '/v3/catalog/brands', body: {name: 'Kiln & Co'}},
      {method: 'PUT', path: '/v3/catalog/products', body: [{id, brand_id: brand?.['id']}]},
    ])
    expectUntouchedExcept(before, after, ['EO-POUR-OVER'], {brands: true})
    expect(after.brands.length).toBe(before.brands.length + 1)
    await cli.expectNoChanges()
  })

  it('a category (one removed from the list)', async () => {
    await catalog.editProduct('products/apparel/classic-tee.yaml', 'NW-TEE-CLASSIC', (p) => {
      p['categories'] = ['Apparel/Tops/T-Shirts']
    })
    const {text, plan} = await planOneUpdate('NW-TEE-CLASSIC')
    expect(text).toMatch(/categories:\n\s+- Sale\n/)
    expect(plan.changes[0]?.fields).toEqual([
      {path: 'categories', before: ['Apparel/Tops/T-Shirts', 'Sale'], after: ['Apparel/Tops/T-Shirts']},
    ])

    const {before, after} = await applySaved()
    const tee = productBySku(after, 'NW-TEE-CLASSIC')
    const tshirts = after.categories.find((category) => category['name'] === 'T-Shirts')?.['category_id']
    expect(store.writes).toEqual([
      {method: 'PUT', path: '/v3/catalog/products', body: [{id: tee.data.id, categories: [tshirts]}]},
    ])
    expectUntouchedExcept(before, after, ['NW-TEE-CLASSIC'])
    expect(changedDataKeys(productBySku(before, 'NW-TEE-CLASSIC'), tee)).toEqual([
      'categories',
      'date_modified',
    ])
    await cli.expectNoChanges()
  })

  it('a rename', async () => {
    await catalog.editProduct('products/home/kitchen.yaml', 'EO-BURR-GRINDER', (p) => {
      p['name'] = 'Ember & Oak Conical Burr Grinder, Walnut'
    })
    const {text, plan} = await planOneUpdate('EO-BURR-GRINDER')
    expect(text).toMatch(
      /name: "?Ember & Oak Conical Burr Hand Grinder"? → "?Ember & Oak Conical Burr Grinder, Walnut"?/,
    )
    expect(plan.changes[0]?.fields).toEqual([
      {
        path: 'name',
        before: 'Ember & Oak Conical Burr Hand Grinder',
        after: 'Ember & Oak Conical Burr Grinder, Walnut',
      },
    ])
    const {before, after} = await applySaved()
    const id = productBySku(after, 'EO-BURR-GRINDER').data.id
    expect(store.writes).toEqual([
      {
        method: 'PUT',
        path: '/v3/catalog/products',
        body: [{id, name: 'Ember & Oak Conical Burr Grinder, Walnut'}],
      },
    ])
    expectUntouchedExcept(before, after, ['EO-BURR-GRINDER'])
    await cli.expectNoChanges()
  })
})
