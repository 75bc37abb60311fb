import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {aCatalogProduct, someCatalogProducts} from './helpers/catalog-factory.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {productBySku} from './helpers/store-diff.js'

const PRODUCTS_FILE = 'products/products.yaml'
const LIST_FILE = 'price-lists/partners.yaml'

// Issue 7 (pricing, products without variants): sale price set and cleared, cost price, a new price
// list for two customer groups, the price-drop guardrail (refused with exit 6, then --force), and a
// pricing apply that never writes to an unmarked product. Every apply ends with an empty re-plan.
describe('015 product prices, a two-group price list and the price-drop guardrail', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl
  const products = someCatalogProducts(4)

  async function editProduct(sku: string, edit: (product: Record<string, unknown>) => void): Promise<void> {
    const product = products.find((candidate) => candidate['sku'] === sku)
    if (!product) throw new Error(`no ${sku}`)
    edit(product)
    await catalog.writeYaml(PRODUCTS_FILE, products)
  }

  beforeAll(async () => {
    store = await startE2eStore()
    catalog = await CatalogDir.fromParts({
      config: {customer_groups: {Gold: {}, Silver: {}}, guardrails: {max_change_share: 1}},
      products,
    })
    cli = new Catalogctl(catalog, store.env)
    expect((await cli.run(['apply', '--dir', 'catalog', '--yes'])).exitCode).toBe(0)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  it('a sale price is set, then cleared (0 in the store: no strikethrough), each with an empty re-plan', async () => {
    await editProduct('E2E-02', (product) => (product['sale_price'] = 9.5))
    const plan = await cli.run(['plan', '--dir', 'catalog', '--scope', 'pricing'])
    expect(plan.stdout).toContain('sale_price: 0.00 → 9.50')
    expect((await cli.run(['apply', '--dir', 'catalog', '--yes', '--scope', 'pricing'])).exitCode).toBe(0)
    expect(productBySku(await store.dump(), 'E2E-02').data.sale_price).toBe(9.5)
    await cli.expectNoChanges()

    await editProduct('E2E-02', (product) => delete product['sale_price'])
    const cleared = await cli.run(['apply', '--dir', 'catalog', '--yes', '--scope', 'pricing'])
    expect(cleared.exitCode, cleared.stdout + cleared.stderr).toBe(0)
    expect(cleared.stdout).toContain('sale_price: 9.50 → 0.00')
    expect(productBySku(await store.dump(), 'E2E-02').data.sale_price).toBe(0)
    await cli.expectNoChanges()
  })

  it('a cost price is a pricing change: sent alone, then the re-plan is empty', async () => {
    await editProduct('E2E-03', (product) => (product['cost_price'] = 4.25))
    store.clearWrites()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes', '--scope', 'pricing'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    const id = productBySku(await store.dump(), 'E2E-03').data.id
    expect(store.writes).toEqual([
      {method: 'PUT', path: '/v3/catalog/products', body: [{id, cost_price: 4.25}]},
    ])
    await cli.expectNoChanges()
  })

  it('a new price list for two customer groups is created with both assignments', async () => {
    await catalog.writeYaml(LIST_FILE, {
      name: 'Partners',
      currency: 'USD',
      customer_groups: ['Gold', 'Silver'],
      prices: {'E2E-01': {price: 9}, 'E2E-04': {price: 12.5, sale_price: 11}},
    })
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes', '--scope', 'pricing'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    const data = await store.dump()
    const list = data.priceLists.find((candidate) => candidate.name === 'Partners')
    const groups = new Map(data.customerGroups.map((group) => [group.id, group.name]))
    expect(
      data.assignments
        .filter((assignment) => assignment.price_list_id === list?.id)
        .map((assignment) => groups.get(assignment.customer_group_id as number))
        .sort(),
    ).toEqual(['Gold', 'Silver'])
    expect(data.priceRecords.filter((record) => record.price_list_id === list?.id)).toHaveLength(2)
    await cli.expectNoChanges()
  })

  it('a price drop over 50 % is refused (exit 6, naming SKU, field, old → new and %), --force applies it', async () => {
    await editProduct('E2E-01', (product) => (product['price'] = 1.1))
    const list = await catalog.readYaml<{prices: Record<string, {price: number}>}>(LIST_FILE)
    list.prices['E2E-04'] = {price: 12}
    await catalog.writeYaml(LIST_FILE, list)
    const plan = await cli.run(['plan', '--dir', 'catalog'])
    expect(plan.stdout).toContain('price: 11.00 → 1.10 (\u221290.0 %)')
    expect(plan.stdout).toContain('price: 12.50 → 12.00 (\u22124.0 %)')

    store.clearWrites()
    const refused = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(refused.exitCode, refused.stdout + refused.stderr).toBe(6)
    expect(refused.stderr).toContain('E2E-01 price: 11.00 → 1.10 (\u221290.0 %)')
    expect(refused.stderr).toContain('guardrails.max_price_drop (50 %)')
    expect(store.writes).toEqual([])

    const forced = await cli.run(['apply', '--dir', 'catalog', '--yes', '--force'])
    expect(forced.exitCode, forced.stdout + forced.stderr).toBe(0)
    expect(productBySku(await store.dump(), 'E2E-01').data.price).toBe(1.1)
    await cli.expectNoChanges()
  })

  it('a pricing apply never writes to a product without the catalogctl marker', async () => {
    const created = await store.api('POST', '/v3/catalog/products', {
      name: 'E2E Widget 09',
      type: 'physical',
      weight: 1,
      price: 30,
      sku: 'E2E-09',
    })
    expect(created.status).toBe(200)
    products.push(aCatalogProduct(9))
    await editProduct('E2E-04', (product) => (product['price'] = 15))
    store.clearWrites()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes', '--scope', 'pricing'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).toContain('1 catalog product exists in the store without the catalogctl marker')
    const id = productBySku(await store.dump(), 'E2E-04').data.id
    expect(store.writes).toEqual([{method: 'PUT', path: '/v3/catalog/products', body: [{id, price: 15}]}])
    expect(productBySku(await store.dump(), 'E2E-09').data.price).toBe(30)
    await cli.expectNoChanges(['--scope', 'pricing'])
  })
})
