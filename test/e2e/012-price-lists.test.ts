import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {someCatalogProducts} from './helpers/catalog-factory.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {productBySku} from './helpers/store-diff.js'

const LIST_FILE = 'price-lists/trade.yaml'

interface PriceListYaml {
  name: string
  currency: string
  customer_groups: string[]
  prices: Record<string, {price: number; sale_price?: number; tiers?: unknown[]}>
}

const tradeList = (): PriceListYaml => ({
  name: 'Trade',
  currency: 'USD',
  customer_groups: ['Trade'],
  prices: {
    'E2E-01': {price: 9, sale_price: 8},
    'E2E-02': {price: 10, tiers: [{quantity_min: 10, type: 'percent', amount: 5}]},
    'E2E-03': {price: 11},
    'E2E-04': {price: 12},
  },
})

const recordWrites = (store: E2eStore) =>
  store.writes.filter((write) => write.method === 'PUT' && /^\/v3\/pricelists\/\d+\/records/.test(write.path))

// Issue 7 (pricing): a price list with its customer group created from an empty store, then changed
// record by record; every step ends with an empty re-plan.
describe('011 customer-group price lists', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  beforeAll(async () => {
    store = await startE2eStore()
    catalog = await CatalogDir.fromParts({
      config: {customer_groups: {Trade: {}}, guardrails: {max_change_share: 1}},
      products: someCatalogProducts(5),
    })
    await catalog.writeYaml(LIST_FILE, tradeList())
    cli = new Catalogctl(catalog, store.env)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  it('apply creates the group, the list, its assignment and records from an empty store; re-plan is empty', async () => {
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).toContain('+ customer_group Trade will be created')
    expect(applied.stdout).toContain('+ price_list Trade will be created')
    expect(applied.stdout).toContain('+ price_list_assignment Trade → Trade will be created')
    const data = await store.dump()
    const group = data.customerGroups.find((candidate) => candidate['name'] === 'Trade')
    const list = data.priceLists.find((candidate) => candidate['name'] === 'Trade')
    expect(group && list).toBeTruthy()
    expect(data.assignments).toEqual([
      expect.objectContaining({price_list_id: list?.id, customer_group_id: group?.id}),
    ])
    expect(data.priceRecords.map((record) => [record.sku, record.price, record.sale_price])).toEqual([
      ['E2E-01', 9, 8],
      ['E2E-02', 10, null],
      ['E2E-03', 11, null],
      ['E2E-04', 12, null],
    ])
    expect(data.priceRecords[1]?.bulk_pricing_tiers).toEqual([
      expect.objectContaining({quantity_min: 10, type: 'percent', amount: 5}),
    ])
    await cli.expectNoChanges()
  })

  it('one changed price is exactly one upsert of one record; a cleared sale price is cleared', async () => {
    const list = tradeList()
    list.prices['E2E-03'] = {price: 10.5}
    await catalog.writeYaml(LIST_FILE, list)
    const plan = await cli.planJson()
    expect(plan.changes.map((change) => [change.kind, change.action, change.key, change.fields])).toEqual([
      ['price_record', 'update', 'Trade E2E-03 USD', [{path: 'price', before: 11, after: 10.5}]],
    ])
    store.clearWrites()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(store.writes).toHaveLength(1)
    expect(recordWrites(store).map((write) => (write.body as unknown[]).length)).toEqual([1])
    await cli.expectNoChanges()

    delete list.prices['E2E-01']!.sale_price
    await catalog.writeYaml(LIST_FILE, list)
    const cleared = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(cleared.exitCode, cleared.stdout + cleared.stderr).toBe(0)
    expect((await store.dump()).priceRecords.find((record) => record.sku === 'E2E-01')?.sale_price).toBeNull()
    await cli.expectNoChanges()
  })

  it('a record removed from the YAML is deleted from the list, and only it', async () => {
    const list = await catalog.readYaml<PriceListYaml>(LIST_FILE)
    delete list.prices['E2E-04']
    await catalog.writeYaml(LIST_FILE, list)
    store.clearWrites()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).toContain('- price_record Trade E2E-04 USD will be deleted')
    expect(store.writes.map((write) => write.method)).toEqual(['DELETE'])
    expect(decodeURIComponent(store.writes[0]?.path ?? '')).toContain('sku:in=E2E-04')
    expect((await store.dump()).priceRecords.map((record) => record.sku)).toEqual([
      'E2E-01',
      'E2E-02',
      'E2E-03',
    ])
    await cli.expectNoChanges()
  })

  it('a pricing plan compares prices only: a content change is not in it, a products plan has no records', async () => {
    await catalog.editProduct('products/products.yaml', 'E2E-05', (product) => {
      product['name'] = 'Renamed widget'
      product['price'] = 99
    })
    const list = await catalog.readYaml<PriceListYaml>(LIST_FILE)
    list.prices['E2E-02']!.price = 9.75
    await catalog.writeYaml(LIST_FILE, list)
    const pricing = await cli.planJson(['--scope', 'pricing'])
    expect(
      pricing.changes.map((change) => [change.kind, change.key, change.fields.map((f) => f.path)]),
    ).toEqual([
      ['product', 'E2E-05', ['price']],
      ['price_record', 'Trade E2E-02 USD', ['price']],
    ])
    const products = await cli.planJson(['--scope', 'products'])
    expect(
      products.changes.map((change) => [change.kind, change.key, change.fields.map((f) => f.path)]),
    ).toEqual([['product', 'E2E-05', ['name']]])
    const applied = await cli.run(['apply', '--dir', 'catalog', '--scope', 'pricing', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(productBySku(await store.dump(), 'E2E-05').data['name']).toBe('E2E Widget 05')
    await cli.expectNoChanges(['--scope', 'pricing'])
  })

  it('a record the store rejects (422 batch_errors) fails alone; the others apply; exit 3', async () => {
    const list = await catalog.readYaml<PriceListYaml>(LIST_FILE)
    list.prices['E2E-01']!.price = 7
    list.prices['E2E-03']!.price = 7
    await catalog.writeYaml(LIST_FILE, list)
    // Another app deletes product E2E-03 between apply's read and its upsert: the store answers 422 with
    // a batch_error for that SKU ("non-strict mode") and saves the other record.
    const victim = productBySku(await store.dump(), 'E2E-03').data['id'] as number
    store.beforeWrite = async (write) => {
      if (write.method !== 'PUT' || !write.path.includes('/records')) return
      store.beforeWrite = undefined
      await store.api('DELETE', `/v3/catalog/products/${victim}`)
    }
    const applied = await cli.run(['apply', '--dir', 'catalog', '--scope', 'pricing', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(3)
    expect(applied.stdout).toContain('Apply: 1 applied, 0 warnings, 1 failed, 0 skipped')
    expect(applied.stdout).toMatch(/✗ price_record Trade E2E-03 USD failed to update: .*sku/)
    const records = (await store.dump()).priceRecords
    expect(records.find((record) => record.sku === 'E2E-01')?.price).toBe(7)
  })

  it('a customer group id that does not exist is a clear planning error naming the group and the file', async () => {
    await catalog.editConfig((config) => {
      config['customer_groups'] = {Trade: {id: 999}}
    })
    const result = await cli.run(['plan', '--dir', 'catalog'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('Customer group(s) not found in the store: "Trade" (id 999) named by')
    expect(result.stderr).toContain('trade.yaml')
  })
})
