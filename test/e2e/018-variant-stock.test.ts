import {mkdir, writeFile} from 'node:fs/promises'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {SandboxData} from '../../src/sandbox/state.js'

import {CatalogDir} from './helpers/catalog-dir.js'
import {aCatalogProduct} from './helpers/catalog-factory.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {productBySku} from './helpers/store-diff.js'
import {liveVariants, variantRows} from './helpers/variant-catalog.js'

interface ItemJson {
  identity: {sku: string; product_id: number; variant_id?: number}
  locations: Array<{location_code: string; total_inventory_onhand: number}>
}

interface AdjustmentBody {
  reason: string
  items: Array<Record<string, number>>
}

type Variant = {sku: string; options: Record<string, string>}

const FILE = 'products/products.yaml'
/** Stock writes show in reads 1 s after they are accepted: every empty re-plan proves apply waited. */
const STOCK_DELAY_MS = 1000
const LOCATIONS = {
  east: {id: 1},
  west: {code: 'WH-WEST', label: 'West warehouse', type: 'VIRTUAL'},
  north: {code: 'WH-NORTH', label: 'North warehouse', type: 'VIRTUAL'},
}
const TEE_OPTIONS = {Size: ['S', 'M', 'L'], Color: ['Navy', 'Grey']}

// Issue 7 (multi-location inventory), variants: stock per variant at three locations for a product
// tracked by variant, created from an empty store in the same apply as the product, beside a product
// tracked by product; one level changed; a variant added with its stock; an inventory-scoped plan that
// reads only what it needs; a product that gains variants and switches to variant tracking. Every apply
// is followed by an empty re-plan.
describe('018 variant stock', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl
  const feed = new Map<string, number>()

  async function writeFeed(): Promise<void> {
    await mkdir(catalog.file('inventory'), {recursive: true})
    const lines = [...feed].map(([key, quantity]) => `${key},${quantity}`)
    await writeFile(catalog.file('inventory/erp-feed.csv'), `sku,location,quantity\n${lines.join('\n')}\n`)
  }

  async function levels(sku: string): Promise<Record<string, number>> {
    const items = await store.api<{data: ItemJson[]}>('GET', `/v3/inventory/items?sku:in=${sku}`)
    const item = items.body.data[0]
    return Object.fromEntries(
      (item?.locations ?? []).map((at) => [at.location_code, at.total_inventory_onhand]),
    )
  }

  function variantId(data: SandboxData, product: string, sku: string): number {
    const variant = liveVariants(data, product).find((candidate) => candidate.sku === sku)
    if (!variant) throw new Error(`${sku} is not a variant of ${product}`)
    return variant.id
  }

  const locationId = (data: SandboxData, code: string): number =>
    data.locations.find((location) => location.code === code)?.id as number

  const adjustments = (): AdjustmentBody[] =>
    store.writes
      .filter((write) => write.path === '/v3/inventory/adjustments/absolute')
      .map((write) => write.body as AdjustmentBody)

  const apply = async (extra: string[] = []) => {
    const result = await cli.run(['apply', '--dir', 'catalog', '--yes', ...extra])
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Apply: \d+ applied, 0 warnings, 0 failed, 0 skipped/)
    return result
  }

  beforeAll(async () => {
    store = await startE2eStore({stockDelayMs: STOCK_DELAY_MS})
    const tee = aCatalogProduct(1, {
      sku: 'TEE',
      name: 'Tee',
      price: 25,
      variants: variantRows('TEE', TEE_OPTIONS),
    })
    catalog = await CatalogDir.fromParts({
      config: {locations: LOCATIONS, guardrails: {max_change_share: 1}},
      products: [tee, aCatalogProduct(2), aCatalogProduct(3)],
    })
    let quantity = 1
    for (const {sku} of variantRows('TEE', TEE_OPTIONS))
      for (const location of Object.keys(LOCATIONS)) feed.set(`${sku},${location}`, quantity++)
    for (const sku of ['E2E-02', 'E2E-03'])
      for (const location of Object.keys(LOCATIONS)) feed.set(`${sku},${location}`, quantity++)
    await writeFeed()
    cli = new Catalogctl(catalog, store.env)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  it('creates a product tracked by variant with stock per variant at three locations, beside one tracked by product', async () => {
    const applied = await apply()
    expect(applied.stdout).toContain('+ product TEE will be created')
    expect(applied.stdout).toContain(`+ stock TEE-M-GREY@north: quantity ${feed.get('TEE-M-GREY,north')}`)
    expect(applied.stdout).toContain(`+ stock E2E-02@west: quantity ${feed.get('E2E-02,west')}`)

    const data = await store.dump()
    expect(productBySku(data, 'TEE').data.inventory_tracking).toBe('variant')
    expect(productBySku(data, 'E2E-02').data.inventory_tracking).toBe('product')
    // One request per location (18 variant levels + 6 product levels = 8 items each), one at a time.
    const sent = adjustments()
    expect(sent.map((body) => body.items.length)).toEqual([8, 8, 8])
    expect(sent.map((body) => new Set(body.items.map((item) => item['location_id'])).size)).toEqual([1, 1, 1])
    const teeId = productBySku(data, 'TEE').data.id
    const items = sent.flatMap((body) => body.items)
    const byVariant = items.filter((item) => 'variant_id' in item)
    expect(byVariant).toHaveLength(18)
    expect(byVariant.every((item) => !('product_id' in item))).toBe(true)
    expect(items.filter((item) => item['product_id'] === teeId)).toEqual([])
    const mGrey = variantId(data, 'TEE', 'TEE-M-GREY')
    expect(byVariant).toContainEqual({
      location_id: locationId(data, 'WH-NORTH'),
      variant_id: mGrey,
      quantity: feed.get('TEE-M-GREY,north'),
    })

    expect(await levels('TEE-M-GREY')).toEqual({
      'BC-LOCATION-1': feed.get('TEE-M-GREY,east'),
      'WH-WEST': feed.get('TEE-M-GREY,west'),
      'WH-NORTH': feed.get('TEE-M-GREY,north'),
    })
    expect((await levels('E2E-03'))['WH-NORTH']).toBe(feed.get('E2E-03,north'))
    await cli.expectNoChanges()
  })

  it('one variant changed at one location is one adjustment with one item, by variant_id', async () => {
    feed.set('TEE-L-NAVY,west', 77)
    await writeFeed()
    const plan = await cli.run(['plan', '--dir', 'catalog', '--detailed-exitcode'])
    expect(plan.exitCode, plan.stderr).toBe(2)
    expect(plan.stdout).toMatch(/~ stock TEE-L-NAVY@west: quantity \d+ → 77/)
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to delete')

    store.clearWrites()
    await apply()
    const data = await store.dump()
    expect(store.writes).toEqual([
      {
        method: 'PUT',
        path: '/v3/inventory/adjustments/absolute',
        body: {
          reason: 'catalogctl apply',
          items: [
            {
              location_id: locationId(data, 'WH-WEST'),
              variant_id: variantId(data, 'TEE', 'TEE-L-NAVY'),
              quantity: 77,
            },
          ],
        },
      },
    ])
    expect((await levels('TEE-L-NAVY'))['WH-WEST']).toBe(77)
    await cli.expectNoChanges()
  })

  it('a variant added to an existing product gets its stock in the same apply', async () => {
    await catalog.editProduct(FILE, 'TEE', (product) => {
      product['variants'] = [
        ...(product['variants'] as Variant[]),
        {sku: 'TEE-XL-NAVY', options: {Size: 'XL', Color: 'Navy'}},
      ]
    })
    feed.set('TEE-XL-NAVY,east', 5)
    feed.set('TEE-XL-NAVY,north', 6)
    await writeFeed()
    store.clearWrites()
    const applied = await apply()
    expect(applied.stdout).toContain('+ stock TEE-XL-NAVY@east: quantity 5')

    const data = await store.dump()
    const created = variantId(data, 'TEE', 'TEE-XL-NAVY')
    const items = adjustments().flatMap((body) => body.items)
    expect(items).toEqual([
      {location_id: 1, variant_id: created, quantity: 5},
      {location_id: locationId(data, 'WH-NORTH'), variant_id: created, quantity: 6},
    ])
    expect(await levels('TEE-XL-NAVY')).toEqual({'BC-LOCATION-1': 5, 'WH-WEST': 0, 'WH-NORTH': 6})
    await cli.expectNoChanges()
  })

  it('--scope inventory reads no variants or content for a variant level and writes stock only', async () => {
    feed.set('TEE-S-GREY,east', 123)
    await writeFeed()
    await catalog.editProduct(FILE, 'TEE', (product) => {
      product['name'] = 'Renamed in the catalog'
    })
    const before = await store.stats()
    const plan = await cli.planJson(['--scope', 'inventory'])
    const after = await store.stats()
    expect(plan.changes.map((change) => `${change.action} ${change.kind} ${change.key}`)).toEqual([
      'update stock TEE-S-GREY@east',
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
    await apply(['--scope', 'inventory'])
    expect(store.writes.map((write) => `${write.method} ${write.path}`)).toEqual([
      'PUT /v3/inventory/adjustments/absolute',
    ])
    expect((await levels('TEE-S-GREY'))['BC-LOCATION-1']).toBe(123)
    await cli.expectNoChanges(['--scope', 'inventory'])
    const full = await cli.planJson()
    expect(full.changes.map((change) => `${change.kind} ${change.key} ${change.fields[0]?.path}`)).toEqual([
      'product TEE name',
    ])
    await apply()
    await cli.expectNoChanges()
  })

  it('a product tracked by product that gains variants switches to variant tracking in one apply', async () => {
    expect(productBySku(await store.dump(), 'E2E-03').data.inventory_tracking).toBe('product')
    const colours = variantRows('E2E-03', {Color: ['Red', 'Blue']})
    await catalog.editProduct(FILE, 'E2E-03', (product) => {
      product['variants'] = colours
    })
    for (const location of Object.keys(LOCATIONS)) feed.delete(`E2E-03,${location}`)
    feed.set('E2E-03-RED,east', 11)
    feed.set('E2E-03-RED,west', 12)
    feed.set('E2E-03-BLUE,north', 13)
    await writeFeed()

    const plan = await cli.planJson()
    expect(
      plan.changes
        .filter((change) => change.kind === 'product' || change.kind === 'stock')
        .map((change) => `${change.action} ${change.kind} ${change.key} ${change.fields[0]?.path ?? ''}`),
    ).toEqual([
      'update product E2E-03 inventory_tracking',
      'create stock E2E-03-RED@east ',
      'create stock E2E-03-BLUE@north ',
      'create stock E2E-03-RED@west ',
    ])

    store.clearWrites()
    await apply()
    const data = await store.dump()
    expect(productBySku(data, 'E2E-03').data.inventory_tracking).toBe('variant')
    const red = variantId(data, 'E2E-03', 'E2E-03-RED')
    const blue = variantId(data, 'E2E-03', 'E2E-03-BLUE')
    // One request per location, in location id order (locations are created in key order: north, west).
    expect(adjustments().map((body) => body.items)).toEqual([
      [{location_id: 1, variant_id: red, quantity: 11}],
      [{location_id: locationId(data, 'WH-NORTH'), variant_id: blue, quantity: 13}],
      [{location_id: locationId(data, 'WH-WEST'), variant_id: red, quantity: 12}],
    ])
    expect(await levels('E2E-03-RED')).toEqual({'BC-LOCATION-1': 11, 'WH-WEST': 12, 'WH-NORTH': 0})
    expect(await levels('E2E-03-BLUE')).toEqual({'BC-LOCATION-1': 0, 'WH-WEST': 0, 'WH-NORTH': 13})
    // The product tracked by product keeps its levels, untouched.
    expect((await levels('E2E-02'))['WH-WEST']).toBe(feed.get('E2E-02,west'))
    await cli.expectNoChanges()
    await cli.expectNoChanges(['--scope', 'inventory'])
  })

  it('--scope inventory switches back a product set to product tracking in the store, reading only its variants', async () => {
    const tee = productBySku(await store.dump(), 'TEE')
    await store.api('PUT', `/v3/catalog/products/${tee.data.id}`, {inventory_tracking: 'product'})
    const stocked = [...feed.keys()].filter((key) => key.startsWith('TEE-')).length

    const before = await store.stats()
    const plan = await cli.planJson(['--scope', 'inventory'])
    const after = await store.stats()
    const kinds = plan.changes.map((change) => `${change.action} ${change.kind}`)
    expect(kinds[0]).toBe('update product')
    expect(plan.changes[0]?.fields).toEqual([
      {path: 'inventory_tracking', before: 'product', after: 'variant'},
    ])
    // The store keeps no per-variant levels while the product counts stock by product: all are creates.
    expect(kinds.slice(1)).toEqual(Array.from({length: stocked}, () => 'create stock'))
    expect(after.byRoute['GET /v3/catalog/variants']).toBe(
      (before.byRoute['GET /v3/catalog/variants'] ?? 0) + 1,
    )

    store.clearWrites()
    await apply(['--scope', 'inventory'])
    expect(store.writes.map((write) => `${write.method} ${write.path}`)).toEqual([
      'PUT /v3/catalog/products',
      'PUT /v3/inventory/adjustments/absolute',
      'PUT /v3/inventory/adjustments/absolute',
      'PUT /v3/inventory/adjustments/absolute',
    ])
    expect(productBySku(await store.dump(), 'TEE').data.inventory_tracking).toBe('variant')
    expect((await levels('TEE-L-NAVY'))['WH-WEST']).toBe(77)
    await cli.expectNoChanges(['--scope', 'inventory'])
    await cli.expectNoChanges()
  })

  it('variants recreated by a replace (options changed in place) get their stock under the new ids', async () => {
    await catalog.editProduct(FILE, 'TEE', (product) => {
      product['variants'] = (product['variants'] as Variant[]).map((variant) =>
        variant.sku === 'TEE-S-NAVY'
          ? {...variant, options: {...variant.options, Size: 'M'}}
          : variant.sku === 'TEE-M-NAVY'
            ? {...variant, options: {...variant.options, Size: 'S'}}
            : variant,
      )
    })
    const oldId = variantId(await store.dump(), 'TEE', 'TEE-S-NAVY')
    store.clearWrites()
    const applied = await apply(['--allow-replace'])
    expect(applied.stdout).toMatch(/-\/\+ variant TEE-S-NAVY/)
    const data = await store.dump()
    const newId = variantId(data, 'TEE', 'TEE-S-NAVY')
    expect(newId).not.toBe(oldId)
    const items = adjustments().flatMap((body) => body.items)
    expect(items).toContainEqual({
      location_id: locationId(data, 'WH-NORTH'),
      variant_id: newId,
      quantity: feed.get('TEE-S-NAVY,north'),
    })
    expect(items.some((item) => item['variant_id'] === oldId)).toBe(false)
    expect((await levels('TEE-S-NAVY'))['WH-NORTH']).toBe(feed.get('TEE-S-NAVY,north'))
    await cli.expectNoChanges()
  })
})
