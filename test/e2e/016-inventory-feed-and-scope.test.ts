import {mkdir, writeFile} from 'node:fs/promises'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {aCatalogProduct, someCatalogProducts} from './helpers/catalog-factory.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {productBySku} from './helpers/store-diff.js'

interface ItemJson {
  identity: {sku: string}
  locations: Array<{location_code: string; total_inventory_onhand: number}>
}

/** Stock writes show in reads 1.5 s after they are accepted, as BigCommerce's asynchronous stock does. */
const STOCK_DELAY_MS = 1500

const LOCATIONS = {
  east: {id: 1},
  west: {code: 'WH-WEST', label: 'West warehouse', type: 'VIRTUAL'},
  north: {code: 'WH-NORTH', label: 'North warehouse', type: 'VIRTUAL'},
}

// Issue 7 (inventory, products without variants): an ERP's CSV feed across three locations, one location
// changed while the others stay untouched, a scope=inventory apply that leaves a description changed
// meanwhile in the store alone, and a scoped apply that never writes to an unmanaged product. Stock
// writes are delayed by the sandbox, so every empty re-plan also proves apply waited for them.
describe('014 CSV inventory feed, one location at a time, inventory scope', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl
  const feed: Record<string, number> = {}

  async function writeFeed(): Promise<void> {
    await mkdir(catalog.file('inventory'), {recursive: true})
    const lines = Object.entries(feed).map(([key, quantity]) => `${key},${quantity}`)
    await writeFile(catalog.file('inventory/erp-feed.csv'), `sku,location,quantity\n${lines.join('\n')}\n`)
  }

  async function levels(sku: string): Promise<Record<string, number>> {
    const items = await store.api<{data: ItemJson[]}>('GET', `/v3/inventory/items?sku:in=${sku}`)
    const item = items.body.data[0]
    return Object.fromEntries(
      (item?.locations ?? []).map((at) => [at.location_code, at.total_inventory_onhand]),
    )
  }

  beforeAll(async () => {
    store = await startE2eStore({stockDelayMs: STOCK_DELAY_MS})
    catalog = await CatalogDir.fromParts({
      config: {locations: LOCATIONS, guardrails: {max_change_share: 1}},
      products: someCatalogProducts(4),
    })
    for (let n = 1; n <= 4; n++) {
      feed[`E2E-0${n},east`] = 10 * n
      feed[`E2E-0${n},west`] = 20 * n
      feed[`E2E-0${n},north`] = 30 * n
    }
    await writeFeed()
    cli = new Catalogctl(catalog, store.env)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  it('a CSV feed sets stock at three locations from an empty store; the re-plan right after is empty', async () => {
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).toContain('+ stock E2E-03@north: quantity 90')
    expect(await levels('E2E-03')).toMatchObject({'WH-NORTH': 90, 'WH-WEST': 60})
    await cli.expectNoChanges()
  })

  it('one location changed (its label and one stock line) leaves the other locations untouched', async () => {
    await catalog.editConfig((config) => {
      const locations = config['locations'] as Record<string, Record<string, unknown>>
      locations['west'] = {...locations['west'], label: 'West warehouse (Reno)'}
    })
    feed['E2E-02,west'] = 41
    await writeFeed()
    const west = (await store.dump()).locations.find((location) => location.code === 'WH-WEST')
    store.clearWrites()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes', '--scope', 'inventory'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    const product = productBySku(await store.dump(), 'E2E-02')
    expect(store.writes).toEqual([
      {
        method: 'PUT',
        path: '/v3/inventory/locations',
        body: [{id: west?.id, label: 'West warehouse (Reno)'}],
      },
      {
        method: 'PUT',
        path: '/v3/inventory/adjustments/absolute',
        body: {
          reason: 'catalogctl apply',
          items: [{location_id: west?.id, product_id: product.data.id, quantity: 41}],
        },
      },
    ])
    expect(await levels('E2E-02')).toEqual({'BC-LOCATION-1': 20, 'WH-WEST': 41, 'WH-NORTH': 60})
    await cli.expectNoChanges()
  })

  it('a scope=inventory apply leaves a description the merchant changed meanwhile alone', async () => {
    feed['E2E-01,north'] = 7
    await writeFeed()
    const before = productBySku(await store.dump(), 'E2E-01')
    store.clearWrites()
    // The merchant edits the description between apply's read and its first write.
    store.beforeWrite = async () => {
      store.beforeWrite = undefined
      await store.api('PUT', `/v3/catalog/products/${before.data.id}`, {
        description: '<p>Edited in the shop.</p>',
      })
    }
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes', '--scope', 'inventory'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(store.writes.map((write) => `${write.method} ${write.path}`)).toEqual([
      'PUT /v3/inventory/adjustments/absolute',
    ])
    expect(productBySku(await store.dump(), 'E2E-01').data.description).toBe('<p>Edited in the shop.</p>')
    expect((await levels('E2E-01'))['WH-NORTH']).toBe(7)
    await cli.expectNoChanges(['--scope', 'inventory'])
    // The content drift is a products matter: only a products (or full) plan shows it.
    const full = await cli.planJson()
    expect(full.changes.map((change) => `${change.kind} ${change.key} ${change.fields[0]?.path}`)).toEqual([
      'product E2E-01 description',
    ])
    expect((await cli.run(['apply', '--dir', 'catalog', '--yes', '--scope', 'products'])).exitCode).toBe(0)
    await cli.expectNoChanges()
  })

  it('a scope=inventory apply never writes to a product without the catalogctl marker', async () => {
    // Another app created E2E-09 (tracked by product, no marker); the catalog declares it with stock.
    const created = await store.api<{data: {id: number}}>('POST', '/v3/catalog/products', {
      name: 'E2E Widget 09',
      type: 'physical',
      weight: 1,
      price: 19,
      sku: 'E2E-09',
      inventory_tracking: 'none',
    })
    expect(created.status).toBe(200)
    await catalog.writeYaml('products/products.yaml', [...someCatalogProducts(4), aCatalogProduct(9)])
    feed['E2E-09,north'] = 5
    feed['E2E-03,north'] = 91
    await writeFeed()
    store.clearWrites()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes', '--scope', 'inventory'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).toContain('1 stock row names a product without the catalogctl marker')
    const product = productBySku(await store.dump(), 'E2E-03')
    const north = (await store.dump()).locations.find((location) => location.code === 'WH-NORTH')
    expect(store.writes).toEqual([
      {
        method: 'PUT',
        path: '/v3/inventory/adjustments/absolute',
        body: {
          reason: 'catalogctl apply',
          items: [{location_id: north?.id, product_id: product.data.id, quantity: 91}],
        },
      },
    ])
    expect(productBySku(await store.dump(), 'E2E-09').data.inventory_tracking).toBe('none')
    await cli.expectNoChanges(['--scope', 'inventory'])
  })
})
