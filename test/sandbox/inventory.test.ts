import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import type {SandboxFixture} from './helpers/sandbox-fixture.js'
import {aProduct, sized, startFixture} from './helpers/sandbox-fixture.js'

let fixture: SandboxFixture
beforeEach(async () => {
  fixture = await startFixture()
})
afterEach(async () => {
  await fixture.stop()
})

describe('sandbox locations', () => {
  it('starts with default location 1 and creates, updates and deletes others', async () => {
    const initial = await fixture.call('GET', '/v3/inventory/locations')
    expect(initial.body.data.map((l: {id: number}) => l.id)).toEqual([1])
    const created = await fixture.call('POST', '/v3/inventory/locations', [
      {
        code: 'WH-2',
        label: 'Warehouse 2',
        type_id: 'PHYSICAL',
        address: {
          address1: '1 Main St',
          city: 'Reno',
          state: 'NV',
          zip: '89502',
          email: 'wh@example.com',
          country_code: 'US',
          geo_coordinates: {latitude: 39.5, longitude: -119.8},
        },
      },
    ])
    expect(created.status).toBe(200)
    expect(created.body.transaction_id).toEqual(expect.any(String))
    expect(
      (await fixture.call('POST', '/v3/inventory/locations', [{code: 'wh-2', label: 'Again'}])).status,
    ).toBe(422)
    const list = (await fixture.call('GET', '/v3/inventory/locations?location_code:in=WH-2')).body.data
    expect(list).toHaveLength(1)
    await fixture.call('PUT', '/v3/inventory/locations', [{id: list[0].id, label: 'Renamed'}])
    expect(
      (await fixture.call('GET', `/v3/inventory/locations?location_id:in=${list[0].id}`)).body.data[0].label,
    ).toBe('Renamed')
    expect((await fixture.call('DELETE', '/v3/inventory/locations?location_id:in=1')).status).toBe(422)
    expect(
      (await fixture.call('DELETE', `/v3/inventory/locations?location_id:in=${list[0].id}`)).status,
    ).toBe(200)
  })
})

describe('sandbox inventory', () => {
  it('sets stock with absolute adjustments per location and keeps the catalog consistent', async () => {
    await fixture.call('POST', '/v3/inventory/locations', [
      {code: 'WH-2', label: 'Warehouse 2', type_id: 'VIRTUAL'},
    ])
    const product = (
      await fixture.call(
        'POST',
        '/v3/catalog/products',
        aProduct({inventory_tracking: 'variant', variants: [sized('T-S', 'S'), sized('T-M', 'M')]}),
      )
    ).body.data
    const [small, medium] = product.variants
    const adjusted = await fixture.call('PUT', '/v3/inventory/adjustments/absolute', {
      reason: 'initial',
      items: [
        {location_id: 1, variant_id: small.id, quantity: 5},
        {location_id: 2, sku: 'T-S', quantity: 7},
        {location_id: 1, sku: 't-m', quantity: 3},
      ],
    })
    expect(adjusted.status).toBe(200)
    expect(adjusted.body.transaction_id).toEqual(expect.any(String))
    const items = await fixture.call('GET', `/v3/inventory/items?variant_id:in=${small.id}`)
    expect(items.body.data).toHaveLength(1)
    expect(items.body.data[0].identity).toMatchObject({
      sku: 'T-S',
      variant_id: small.id,
      product_id: product.id,
    })
    expect(
      items.body.data[0].locations.map((l: {location_id: number; total_inventory_onhand: number}) => [
        l.location_id,
        l.total_inventory_onhand,
      ]),
    ).toEqual([
      [1, 5],
      [2, 7],
    ])
    // Catalog inventory_level reflects the default location (S-P).
    const variant = await fixture.call('GET', `/v3/catalog/products/${product.id}/variants/${small.id}`)
    expect(variant.body.data.inventory_level).toBe(5)
    expect((await fixture.call('GET', `/v3/catalog/products/${product.id}`)).body.data.inventory_level).toBe(
      8,
    )
    const relative = await fixture.call('POST', '/v3/inventory/adjustments/relative', {
      items: [{location_id: 1, variant_id: medium.id, quantity: -2}],
    })
    expect(relative.status).toBe(200)
    const atLocation = await fixture.call('GET', `/v3/inventory/locations/1/items?sku:in=T-M`)
    expect(atLocation.body.data[0]).toMatchObject({total_inventory_onhand: 1, available_to_sell: 1})
  })

  it('refuses an item that does not match the tracking mode (422) and applies nothing', async () => {
    const byProduct = (
      await fixture.call('POST', '/v3/catalog/products', aProduct({sku: 'P', inventory_tracking: 'product'}))
    ).body.data
    const byVariant = (
      await fixture.call(
        'POST',
        '/v3/catalog/products',
        aProduct({inventory_tracking: 'variant', variants: [sized('V-S', 'S')]}),
      )
    ).body.data
    const wrong = await fixture.call('PUT', '/v3/inventory/adjustments/absolute', {
      items: [
        {location_id: 1, product_id: byProduct.id, quantity: 4},
        {location_id: 1, variant_id: byProduct.base_variant_id, quantity: 4},
      ],
    })
    expect(wrong.status).toBe(422)
    expect(wrong.body).toMatchObject({
      status: 422,
      title: expect.stringContaining('tracked by product'),
      errors: {},
    })
    expect(wrong.headers.get('content-type')).toContain('json')
    expect(
      (
        await fixture.call('PUT', '/v3/inventory/adjustments/absolute', {
          items: [{location_id: 1, product_id: byVariant.id, quantity: 1}],
        })
      ).status,
    ).toBe(422)
    expect(
      (await fixture.call('GET', `/v3/catalog/products/${byProduct.id}`)).body.data.inventory_level,
    ).toBe(0)
    expect(
      (
        await fixture.call('PUT', '/v3/inventory/adjustments/absolute', {
          items: [{location_id: 1, product_id: byProduct.id, quantity: 4}],
        })
      ).status,
    ).toBe(200)
    expect(
      (await fixture.call('GET', `/v3/catalog/products/${byProduct.id}`)).body.data.inventory_level,
    ).toBe(4)
  })

  it('requires an absolute adjustment before a relative one, at most 2000 items, known locations', async () => {
    const product = (
      await fixture.call('POST', '/v3/catalog/products', aProduct({inventory_tracking: 'product'}))
    ).body.data
    expect(
      (
        await fixture.call('POST', '/v3/inventory/adjustments/relative', {
          items: [{location_id: 1, product_id: product.id, quantity: 1}],
        })
      ).status,
    ).toBe(422)
    const items = Array.from({length: 2001}, () => ({location_id: 1, product_id: product.id, quantity: 1}))
    expect((await fixture.call('PUT', '/v3/inventory/adjustments/absolute', {items})).status).toBe(413)
    expect(
      (
        await fixture.call('PUT', '/v3/inventory/adjustments/absolute', {
          items: [{location_id: 99, product_id: product.id, quantity: 1}],
        })
      ).status,
    ).toBe(422)
  })

  it('updates per-location settings and writes catalog inventory_level to the default location', async () => {
    const product = (
      await fixture.call(
        'POST',
        '/v3/catalog/products',
        aProduct({inventory_tracking: 'product', inventory_level: 9}),
      )
    ).body.data
    expect(product.inventory_level).toBe(9)
    const settings = await fixture.call('PUT', '/v3/inventory/locations/1/items', {
      settings: [{identity: {product_id: product.id}, safety_stock: 2, warning_level: 1}],
    })
    expect(settings.status).toBe(200)
    const item = (await fixture.call('GET', `/v3/inventory/locations/1/items?product_id:in=${product.id}`))
      .body.data[0]
    expect(item).toMatchObject({
      total_inventory_onhand: 9,
      available_to_sell: 7,
      settings: {safety_stock: 2, warning_level: 1},
    })
    expect(
      (
        await fixture.call('PUT', '/v3/inventory/locations/1/items', {
          settings: [{identity: {product_id: product.id}}],
        })
      ).status,
    ).toBe(422)
  })
})

describe('sandbox PHYSICAL locations need a full address (locations.v3.yml)', () => {
  const address = {
    address1: '1 Main St',
    city: 'Reno',
    state: 'NV',
    zip: '89502',
    email: 'wh@example.com',
    country_code: 'US',
    geo_coordinates: {latitude: 39.5, longitude: -119.8},
  }

  it('refuses one without an address or with a line missing (PHYSICAL is the default type), accepts VIRTUAL', async () => {
    const none = await fixture.call('POST', '/v3/inventory/locations', [{code: 'P-1', label: 'No address'}])
    expect(none.status).toBe(422)
    expect(none.body.errors).toEqual({
      '0.address': "Address is required if the location's type_id is PHYSICAL",
    })
    const noGeo = await fixture.call('POST', '/v3/inventory/locations', [
      {code: 'P-2', label: 'No geo', type_id: 'PHYSICAL', address: {...address, geo_coordinates: undefined}},
    ])
    expect(noGeo.status).toBe(422)
    expect(noGeo.body.errors).toEqual({
      '0.address.geo_coordinates.latitude': 'geo_coordinates.latitude is required',
    })
    const noZip = await fixture.call('POST', '/v3/inventory/locations', [
      {code: 'P-3', label: 'No zip', address: {...address, zip: ''}},
    ])
    expect(noZip.body.errors).toEqual({'0.address.zip': 'zip is required'})
    expect((await fixture.call('GET', '/v3/inventory/locations')).body.data).toHaveLength(1)

    expect(
      (await fixture.call('POST', '/v3/inventory/locations', [{code: 'P-4', label: 'Full', address}])).status,
    ).toBe(200)
    expect(
      (
        await fixture.call('POST', '/v3/inventory/locations', [
          {code: 'V-1', label: 'Online', type_id: 'VIRTUAL'},
        ])
      ).status,
    ).toBe(200)
  })
})

describe('sandbox inventory listing', () => {
  it('pages items across products tracked by variant and by product, with and without filters', async () => {
    const skusOf = (body: {data: {identity: {sku: string}}[]}) => body.data.map((item) => item.identity.sku)
    const byVariant = (
      await fixture.call(
        'POST',
        '/v3/catalog/products',
        aProduct({
          sku: 'V',
          inventory_tracking: 'variant',
          variants: [sized('V-S', 'S'), sized('V-M', 'M'), sized('V-L', 'L')],
        }),
      )
    ).body.data
    const byProduct = (
      await fixture.call('POST', '/v3/catalog/products', aProduct({sku: 'P', inventory_tracking: 'product'}))
    ).body.data
    await fixture.call(
      'POST',
      '/v3/catalog/products',
      aProduct({sku: 'W', inventory_tracking: 'variant', variants: [sized('W-S', 'S'), sized('W-M', 'M')]}),
    )

    const pages = []
    for (let page = 1; page <= 3; page++)
      pages.push((await fixture.call('GET', `/v3/inventory/items?limit=2&page=${page}`)).body)
    expect(pages.map(skusOf)).toEqual([
      ['V-S', 'V-M'],
      ['V-L', 'P'],
      ['W-S', 'W-M'],
    ])
    expect(pages[1].meta.pagination).toMatchObject({total: 6, count: 2, current_page: 2, total_pages: 3})
    const tracked = await fixture.call('PUT', `/v3/catalog/products/${byVariant.id}`, {
      inventory_tracking: 'product',
    })
    expect(tracked.status).toBe(200)
    const after = (await fixture.call('GET', '/v3/inventory/items?limit=2&page=1')).body
    expect(skusOf(after)).toEqual(['V', 'P'])
    expect(after.meta.pagination).toMatchObject({total: 4, total_pages: 2})
    await fixture.call('PUT', `/v3/catalog/products/${byVariant.id}`, {inventory_tracking: 'variant'})

    const bySku = await fixture.call('GET', '/v3/inventory/items?sku:in=w-m,P,V-S&limit=2&page=2')
    expect(skusOf(bySku.body)).toEqual(['W-M'])
    expect(bySku.body.meta.pagination).toMatchObject({total: 3, count: 1})
    const byIds = await fixture.call(
      'GET',
      `/v3/inventory/items?product_id:in=${byProduct.id},${byVariant.id}&variant_id:in=${byVariant.variants[1].id}`,
    )
    expect(skusOf(byIds.body)).toEqual(['V-M'])
    const nothing = await fixture.call('GET', '/v3/inventory/items?sku:in=NOPE')
    expect(nothing.body.meta.pagination).toMatchObject({total: 0, total_pages: 0})
  })
})
