import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'

interface LocationJson {
  id: number
  code: string
  label: string
  type_id: string
}

interface ItemJson {
  identity: {sku: string; product_id: number}
  locations: Array<{location_id: number; total_inventory_onhand: number}>
}

// Issue 7 (inventory): the example catalog's locations and stock from an empty store, one quantity
// changed, an inventory-scoped plan, and a location id that does not exist. Steps build on each other.
describe('011 locations and stock', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  beforeAll(async () => {
    store = await startE2eStore()
    catalog = await CatalogDir.copyOf()
    cli = new Catalogctl(catalog, store.env)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  async function locations(): Promise<Map<string, LocationJson>> {
    const response = await store.api<{data: LocationJson[]}>('GET', '/v3/inventory/locations')
    return new Map(response.body.data.map((location) => [location.code, location]))
  }

  async function onHand(sku: string, locationId: number): Promise<number | undefined> {
    const response = await store.api<{data: ItemJson[]}>(
      'GET',
      `/v3/inventory/items?sku:in=${encodeURIComponent(sku)}&location_id:in=${locationId}`,
    )
    return response.body.data[0]?.locations.find((at) => at.location_id === locationId)
      ?.total_inventory_onhand
  }

  async function setCsvQuantity(sku: string, quantity: number): Promise<void> {
    const file = path.join(catalog.dir, 'inventory', 'central.csv')
    const text = await readFile(file, 'utf8')
    const edited = text.replace(new RegExp(`^${sku},central,\\d+$`, 'm'), `${sku},central,${quantity}`)
    expect(edited).not.toBe(text)
    await writeFile(file, edited)
  }

  it('creates the three warehouses and the stock from an empty store, then re-plans empty', async () => {
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stderr).toBe(0)
    expect(applied.stdout).toContain('+ location west will be created')
    expect(applied.stdout).toContain('+ stock SG-DAYPACK-24@central: quantity 30')

    const byCode = await locations()
    expect(byCode.get('WH-EAST')).toMatchObject({id: 1, label: 'East Coast Warehouse (Newark, NJ)'})
    expect(byCode.get('WH-WEST')).toMatchObject({
      label: 'West Coast Warehouse (Reno, NV)',
      type_id: 'PHYSICAL',
    })
    expect(byCode.get('WH-CENTRAL')).toMatchObject({label: 'Central Fulfilment (Columbus, OH)'})
    const central = byCode.get('WH-CENTRAL')?.id ?? -1
    const west = byCode.get('WH-WEST')?.id ?? -1
    expect(await onHand('SG-DAYPACK-24', central)).toBe(30)
    expect(await onHand('SG-DAYPACK-24', west)).toBe(48)
    expect(await onHand('EO-POUR-OVER', 1)).toBe(64)

    await cli.expectNoChanges()
  })

  it('one changed quantity is one absolute adjustment with one item, then re-plans empty', async () => {
    await setCsvQuantity('SG-DAYPACK-24', 31)
    const plan = await cli.run(['plan', '--dir', 'catalog', '--detailed-exitcode'])
    expect(plan.exitCode, plan.stderr).toBe(2)
    expect(plan.stdout).toContain('~ stock SG-DAYPACK-24@central: quantity 30 → 31')
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to delete')

    store.clearWrites()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stderr).toBe(0)
    const central = (await locations()).get('WH-CENTRAL')?.id
    const product = (await store.dump()).products.find((entry) => entry.data.sku === 'SG-DAYPACK-24')
    expect(store.writes).toEqual([
      {
        method: 'PUT',
        path: '/v3/inventory/adjustments/absolute',
        body: {
          reason: 'catalogctl apply',
          items: [{location_id: central, product_id: product?.data.id, quantity: 31}],
        },
      },
    ])
    expect(await onHand('SG-DAYPACK-24', central ?? -1)).toBe(31)
    await cli.expectNoChanges()
  })

  it('--scope inventory reads no brands or categories and writes stock only, never product fields', async () => {
    await catalog.editProduct('products/outdoor/summit-daypack-24.yaml', 'SG-DAYPACK-24', (product) => {
      product.name = 'Renamed in the catalog'
    })
    await setCsvQuantity('SG-DAYPACK-24', 5)
    const before = await store.stats()
    const plan = await cli.planJson(['--scope', 'inventory'])
    const after = await store.stats()
    expect(plan.changes.map((change) => `${change.kind} ${change.key}`)).toEqual([
      'stock SG-DAYPACK-24@central',
    ])
    const reads = Object.entries(after.byRoute)
      .filter(([route, count]) => route.startsWith('GET ') && count !== (before.byRoute[route] ?? 0))
      .map(([route]) => route)
      .sort()
    expect(reads).toEqual([
      'GET /v3/catalog/products',
      'GET /v3/catalog/products/metafields',
      'GET /v3/inventory/items',
      'GET /v3/inventory/locations',
    ])

    store.clearWrites()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes', '--scope', 'inventory'])
    expect(applied.exitCode, applied.stderr).toBe(0)
    expect(store.writes.map((write) => `${write.method} ${write.path}`)).toEqual([
      'PUT /v3/inventory/adjustments/absolute',
    ])
    await cli.expectNoChanges(['--scope', 'inventory'])
    const full = await cli.planJson()
    expect(full.changes.map((change) => `${change.kind} ${change.key} ${change.fields[0]?.path}`)).toEqual([
      'product SG-DAYPACK-24 name',
    ])
  })

  it('a location id that does not exist is a clear planning error', async () => {
    await catalog.editConfig((config) => {
      const locations = config['locations'] as Record<string, Record<string, unknown>>
      locations['east'] = {...locations['east'], id: 99}
    })
    store.clearWrites()
    const result = await cli.run(['plan', '--dir', 'catalog'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('location "east" names id 99, which does not exist in the store')
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode).toBe(1)
    expect(store.writes).toEqual([])
  })
})
