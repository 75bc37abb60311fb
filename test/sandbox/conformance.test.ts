import {readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {allRoutes} from '../../src/sandbox/routes/all-routes.js'
import {OpenApiConformance, fixtureRoot, specRoot, specsAvailable} from './helpers/openapi-conformance.js'
import type {SandboxFixture} from './helpers/sandbox-fixture.js'
import {aProduct, startFixture} from './helpers/sandbox-fixture.js'

const haveSpecs = specsAvailable()
if (!haveSpecs) console.warn(`Conformance suite skipped: ${specRoot} is absent`)

const readFixture = (name: string): {data: unknown; meta?: unknown} =>
  JSON.parse(readFileSync(path.join(fixtureRoot, name), 'utf8'))

/** Drives every sandbox endpoint once with a valid request; the fixture validates each answer on stop. */
async function driveEveryEndpoint(f: SandboxFixture): Promise<void> {
  const ok = async (method: string, url: string, body?: unknown) => {
    const result = await f.call(method, url, body)
    expect(result.status, `${method} ${url}: ${result.text}`).toBeLessThan(300)
    return result.body
  }
  await ok('GET', '/v2/time')
  await ok('GET', '/v2/store')
  const brand = (await ok('POST', '/v3/catalog/brands', {name: 'Acme'})).data
  await ok('GET', '/v3/catalog/brands?name=Acme')
  await ok('GET', `/v3/catalog/brands/${brand.id}`)
  await ok('PUT', `/v3/catalog/brands/${brand.id}`, {name: 'Acme Co'})
  await ok('POST', '/v3/catalog/brands', {name: 'Doomed'})
  await ok('DELETE', '/v3/catalog/brands?name=Doomed')
  const tree = (await ok('PUT', '/v3/catalog/trees', [{name: 'Second', channels: [1]}])).data[0]
  await ok('GET', '/v3/catalog/trees')
  const category = (
    await ok('POST', '/v3/catalog/trees/categories', [{name: 'Apparel', tree_id: 1, parent_id: 0}])
  ).data[0]
  await ok('GET', '/v3/catalog/trees/categories?tree_id:in=1')
  await ok('PUT', '/v3/catalog/trees/categories', [{category_id: category.category_id, name: 'Clothing'}])
  await ok('GET', '/v3/catalog/trees/1/categories')
  const doomedCategory = (
    await ok('POST', '/v3/catalog/trees/categories', [{name: 'Gone', tree_id: 1, parent_id: 0}])
  ).data[0]
  await ok('DELETE', `/v3/catalog/trees/categories?category_id:in=${doomedCategory.category_id}`)
  await ok('DELETE', `/v3/catalog/trees?id:in=${tree.id}`)

  const product = (
    await ok(
      'POST',
      '/v3/catalog/products',
      aProduct({
        sku: 'TEE',
        brand_id: brand.id,
        categories: [category.category_id],
        inventory_tracking: 'variant',
        variants: [
          {sku: 'TEE-S', option_values: [{option_display_name: 'Size', label: 'S'}]},
          {sku: 'TEE-M', price: 12, option_values: [{option_display_name: 'Size', label: 'M'}]},
        ],
        images: [{image_url: 'https://img.example/tee.jpg', is_thumbnail: true}],
        custom_fields: [{name: 'Material', value: 'Cotton'}],
      }),
    )
  ).data
  const mug = (
    await ok('POST', '/v3/catalog/products', aProduct({sku: 'MUG', inventory_tracking: 'product'}))
  ).data
  await ok('GET', '/v3/catalog/products?include=variants,images,custom_fields&limit=250')
  await ok('GET', `/v3/catalog/products/${product.id}?include=options,variants`)
  await ok('PUT', `/v3/catalog/products/${product.id}`, {description: '<p>Soft</p>'})
  await ok('PUT', '/v3/catalog/products', [{id: mug.id, price: 7}])

  const variantsBase = `/v3/catalog/products/${product.id}/variants`
  await ok('GET', variantsBase)
  const option = (await ok('GET', `/v3/catalog/products/${product.id}/options`)).data[0]
  await ok('GET', `/v3/catalog/products/${product.id}/options/${option.id}`)
  await ok('PUT', `/v3/catalog/products/${product.id}/options/${option.id}`, {display_name: 'Size'})
  const large = (
    await ok('POST', `/v3/catalog/products/${product.id}/options/${option.id}/values`, {
      label: 'L',
      sort_order: 2,
    })
  ).data
  await ok('GET', `/v3/catalog/products/${product.id}/options/${option.id}/values`)
  await ok('GET', `/v3/catalog/products/${product.id}/options/${option.id}/values/${large.id}`)
  await ok('PUT', `/v3/catalog/products/${product.id}/options/${option.id}/values/${large.id}`, {
    label: 'Large',
    sort_order: 2,
  })
  const variant = (
    await ok('POST', variantsBase, {sku: 'TEE-L', option_values: [{id: large.id, option_id: option.id}]})
  ).data
  await ok('GET', `${variantsBase}/${variant.id}`)
  await ok('PUT', `${variantsBase}/${variant.id}`, {price: 14})
  await ok('GET', '/v3/catalog/variants?sku=TEE-L')
  await ok('PUT', '/v3/catalog/variants', [{id: variant.id, sale_price: 13}])
  const color = (
    await ok('POST', `/v3/catalog/products/${mug.id}/options`, {
      display_name: 'Color',
      type: 'swatch',
      option_values: [{label: 'Red', sort_order: 0, value_data: {colors: ['#ff0000']}}],
    })
  ).data
  await ok('DELETE', `/v3/catalog/products/${mug.id}/options/${color.id}/values/${color.option_values[0].id}`)
  await ok('DELETE', `/v3/catalog/products/${mug.id}/options/${color.id}`)

  const imagesBase = `/v3/catalog/products/${product.id}/images`
  const image = (
    await ok('POST', imagesBase, {
      image_url: 'https://cdn.example.com/conformance/front.jpg',
      description: 'Front',
      is_thumbnail: true,
      sort_order: 0,
    })
  ).data
  await ok('GET', imagesBase)
  await ok('GET', `${imagesBase}/${image.id}`)
  await ok('PUT', `${imagesBase}/${image.id}`, {description: 'Front view', sort_order: 1})
  await ok('DELETE', `${imagesBase}/${image.id}`)

  const fieldsBase = `/v3/catalog/products/${product.id}/custom-fields`
  const field = (await ok('POST', fieldsBase, {name: 'Fit', value: 'Regular'})).data
  await ok('GET', fieldsBase)
  await ok('GET', `${fieldsBase}/${field.id}`)
  await ok('PUT', `${fieldsBase}/${field.id}`, {name: 'Fit', value: 'Slim'})
  await ok('DELETE', `${fieldsBase}/${field.id}`)

  const metafield = {
    namespace: 'catalogctl',
    key: 'k',
    value: 'v',
    permission_set: 'read',
    description: 'test',
  }
  const productMeta = `/v3/catalog/products/${product.id}/metafields`
  const pm = (await ok('POST', productMeta, metafield)).data
  await ok('GET', productMeta)
  await ok('GET', `${productMeta}/${pm.id}`)
  await ok('PUT', `${productMeta}/${pm.id}`, {...metafield, value: 'w'})
  await ok('DELETE', `${productMeta}/${pm.id}`)
  const batchProduct = (
    await ok('POST', '/v3/catalog/products/metafields', [{...metafield, resource_id: product.id}])
  ).data
  await ok('GET', '/v3/catalog/products/metafields?namespace=catalogctl')
  await ok('PUT', '/v3/catalog/products/metafields', [{id: batchProduct[0].id, value: 'x'}])
  await ok('DELETE', '/v3/catalog/products/metafields', [batchProduct[0].id])
  const variantMeta = `${variantsBase}/${variant.id}/metafields`
  const vm = (await ok('POST', variantMeta, metafield)).data
  await ok('GET', variantMeta)
  await ok('GET', `${variantMeta}/${vm.id}`)
  await ok('PUT', `${variantMeta}/${vm.id}`, {...metafield, value: 'w'})
  await ok('DELETE', `${variantMeta}/${vm.id}`)
  const batchVariant = (
    await ok('POST', '/v3/catalog/variants/metafields', [{...metafield, resource_id: variant.id}])
  ).data
  await ok('GET', '/v3/catalog/variants/metafields')
  await ok('PUT', '/v3/catalog/variants/metafields', [{id: batchVariant[0].id, value: 'x'}])
  await ok('DELETE', '/v3/catalog/variants/metafields', [batchVariant[0].id])
  const storeMeta = (await ok('POST', '/v3/store/metafields', [metafield])).data[0]
  await ok('GET', '/v3/store/metafields')
  await ok('GET', `/v3/store/metafields/${storeMeta.id}`)
  await ok('PUT', `/v3/store/metafields/${storeMeta.id}`, {...metafield, value: 'w'})
  await ok('PUT', '/v3/store/metafields', [
    {id: Number(storeMeta.id), value: 'z', namespace: 'catalogctl', key: 'k', permission_set: 'read'},
  ])
  const storeMeta2 = (await ok('POST', '/v3/store/metafields', [{...metafield, key: 'k2'}])).data[0]
  await ok('DELETE', '/v3/store/metafields', [Number(storeMeta2.id)])
  await ok('DELETE', `/v3/store/metafields/${storeMeta.id}`)

  await ok('POST', '/v3/inventory/locations', [
    {
      code: 'WH-2',
      label: 'Warehouse 2',
      type_id: 'PHYSICAL',
      enabled: true,
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
  const locations = (await ok('GET', '/v3/inventory/locations')).data
  await ok('PUT', '/v3/inventory/locations', [{id: locations[1].id, label: 'Warehouse Two'}])
  await ok('PUT', '/v3/inventory/adjustments/absolute', {
    reason: 'seed',
    items: [
      {location_id: 1, variant_id: variant.id, quantity: 4},
      {location_id: 1, product_id: mug.id, quantity: 2},
    ],
  })
  await ok('POST', '/v3/inventory/adjustments/relative', {
    reason: 'sold',
    items: [{location_id: 1, variant_id: variant.id, quantity: -1}],
  })
  await ok('GET', `/v3/inventory/items?product_id:in=${product.id},${mug.id}`)
  await ok('GET', '/v3/inventory/locations/1/items')
  await ok('PUT', '/v3/inventory/locations/1/items', {
    settings: [{identity: {variant_id: variant.id}, safety_stock: 1}],
  })
  const doomedLocation = locations[1].id
  await ok('DELETE', `/v3/inventory/locations?location_id:in=${doomedLocation}`)

  const group = await ok('POST', '/v2/customer_groups', {name: 'Trade'})
  await ok('GET', '/v2/customer_groups')
  await ok('GET', '/v2/customer_groups/count')
  await ok('GET', `/v2/customer_groups/${group.id}`)
  await ok('PUT', `/v2/customer_groups/${group.id}`, {name: 'Trade Partners'})
  const list = (await ok('POST', '/v3/pricelists', {name: 'Wholesale', active: true})).data
  await ok('GET', '/v3/pricelists')
  await ok('GET', `/v3/pricelists/${list.id}`)
  await ok('PUT', `/v3/pricelists/${list.id}`, {name: 'Wholesale EU'})
  const records = `/v3/pricelists/${list.id}/records`
  await ok('PUT', records, [
    {sku: 'TEE-S', currency: 'USD', price: 8},
    {variant_id: variant.id, currency: 'USD', price: 9},
  ])
  await ok('GET', `${records}?include=sku,bulk_pricing_tiers`)
  await ok('GET', `${records}/${variant.id}`)
  await ok('GET', `${records}/${variant.id}/USD`)
  await ok('PUT', `${records}/${variant.id}/USD`, {price: 10})
  await ok('DELETE', `${records}/${variant.id}/USD`)
  await ok('DELETE', `${records}?sku:in=TEE-S`)
  await ok('POST', '/v3/pricelists/assignments', [
    {price_list_id: list.id, customer_group_id: group.id, channel_id: 1},
  ])
  await ok('GET', `/v3/pricelists/assignments?price_list_id=${list.id}`)
  await ok('DELETE', `/v3/pricelists/assignments?price_list_id=${list.id}`)
  await ok('PUT', `/v3/pricelists/${list.id}/assignments`, {customer_group_id: group.id, channel_id: 1})
  const other = (await ok('POST', '/v3/pricelists', {name: 'Other'})).data
  await ok('DELETE', `/v3/pricelists?id:in=${other.id}`)
  await ok('DELETE', `/v3/pricelists/${list.id}`)
  await ok('DELETE', `/v2/customer_groups/${group.id}`)

  await ok('DELETE', `${variantsBase}/${variant.id}`)
  await ok('DELETE', `/v3/catalog/products/${mug.id}`)
  await ok('DELETE', `/v3/catalog/products?id:in=${product.id}`)
  await ok('DELETE', `/v3/catalog/brands/${brand.id}`)
}

describe.skipIf(!haveSpecs)('sandbox conformance with the official OpenAPI specs', () => {
  it('serves only endpoints that exist in the specs', () => {
    const conformance = new OpenApiConformance()
    const missing = allRoutes.filter((route) => !conformance.findTemplate(route.method, route.template))
    expect(missing.map((route) => `${route.method} ${route.template}`)).toEqual([])
  })

  it('drives every endpoint; every answer and request body matches the spec', async () => {
    const fixture = await startFixture()
    await driveEveryEndpoint(fixture)
    const stats = (await (await fetch(`${fixture.sandbox.url}/__sandbox/stats`)).json()) as {
      byRoute: Record<string, number>
    }
    const unexercised = allRoutes
      .map((route) => `${route.method} ${route.template}`)
      .filter((key) => !stats.byRoute[key])
    expect(unexercised).toEqual([])
    await fixture.stop() // throws when any exchange differs from the spec
  })
})

describe.skipIf(!haveSpecs)('sandbox answers have the shapes of recorded real responses', () => {
  it('has every field a recorded product and variant has, with variant price null inheriting', async () => {
    const fixture = await startFixture()
    const recordedProduct = readFixture('aligent__catalog__products__174__get.json').data as Record<
      string,
      unknown
    >
    const recordedVariant = (
      readFixture('aligent__catalog__products__variants__get_all.json').data as Record<string, unknown>[]
    )[1] as Record<string, unknown>
    const product = (await fixture.call('POST', '/v3/catalog/products', aProduct({sku: 'S1'}))).body.data
    const got = (await fixture.call('GET', `/v3/catalog/products/${product.id}`)).body.data
    expect(Object.keys(recordedProduct).filter((key) => !(key in got))).toEqual([])
    const variant = (await fixture.call('GET', `/v3/catalog/products/${product.id}/variants`)).body.data[0]
    expect(Object.keys(recordedVariant).filter((key) => !(key in variant))).toEqual([])
    expect(recordedVariant.price).toBeNull()
    expect(variant.price).toBeNull()
    expect(variant.calculated_price).toBe(product.price)
    await fixture.stop()
  })

  it('answers an empty list exactly like the recorded one (total_pages 0)', async () => {
    const fixture = await startFixture()
    const recorded = readFixture('aligent__no-data-paginated.json')
    expect((await fixture.call('GET', '/v3/catalog/products')).body).toEqual(recorded)
    await fixture.stop()
  })

  it('writes price records with lowercase currency codes and the recorded fields', async () => {
    const fixture = await startFixture()
    const recorded = (
      readFixture('aligent__price_lists__3__records__get_all.json').data as Record<string, unknown>[]
    )[0] as Record<string, unknown>
    const list = (await fixture.call('POST', '/v3/pricelists', {name: 'Wholesale'})).body.data
    await fixture.call('POST', '/v3/catalog/products', aProduct({sku: 'R1'}))
    await fixture.call('PUT', `/v3/pricelists/${list.id}/records`, [{sku: 'R1', currency: 'USD', price: 5}])
    const record = (await fixture.call('GET', `/v3/pricelists/${list.id}/records?include=bulk_pricing_tiers`))
      .body.data[0]
    expect(Object.keys(recorded).filter((key) => !(key in record))).toEqual([])
    expect(record.currency).toBe(recorded.currency === 'usd' ? 'usd' : 'unexpected fixture')
    await fixture.stop()
  })

  it('answers some 422s with `detail` instead of `errors`, as recorded', async () => {
    const fixture = await startFixture()
    const recorded = JSON.parse(
      readFileSync(path.join(fixtureRoot, 'johnhebron__content_pages_bulk_create_422.json'), 'utf8'),
    ) as Record<string, unknown>
    const variants = Array.from({length: 601}, (_, index) => ({
      sku: `D-${index}`,
      option_values: [{option_display_name: 'N', label: `${index % 250}-${Math.floor(index / 250)}`}],
    }))
    const result = await fixture.call('POST', '/v3/catalog/products', aProduct({variants}))
    expect(result.status).toBe(422)
    expect(Object.keys(result.body).sort()).toEqual(Object.keys(recorded).sort())
    await fixture.stop()
  })

  it('answers a failed batch category write with indexed field errors, as recorded', async () => {
    const fixture = await startFixture()
    const recorded = JSON.parse(
      readFileSync(path.join(fixtureRoot, 'johnhebron__catalog_trees_update_422.json'), 'utf8'),
    ) as {errors: Record<string, string>}
    const result = await fixture.call('POST', '/v3/catalog/trees/categories', [
      {name: 'X', tree_id: 99, parent_id: 0},
    ])
    expect(result.status).toBe(422)
    expect(Object.keys(result.body.errors.errors)).toEqual(Object.keys(recorded.errors))
    expect(result.body.errors.errors['0.tree_id']).toBe(recorded.errors['0.tree_id'])
    await fixture.stop()
  })
})
