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

describe('sandbox products', () => {
  it('creates a product with inline variants, auto-created options, images and custom fields', async () => {
    const created = await fixture.call(
      'POST',
      '/v3/catalog/products',
      aProduct({
        sku: 'TEE',
        variants: [sized('TEE-S', 'S'), sized('TEE-M', 'M', {price: 12})],
        images: [{image_url: 'https://img.example/tee.jpg'}],
        custom_fields: [{name: 'Material', value: 'Cotton'}],
      }),
    )
    expect(created.status).toBe(200)
    const product = created.body.data
    expect(product.variants.map((v: {sku: string}) => v.sku)).toEqual(['TEE-S', 'TEE-M'])
    // variant price null inherits the product price (recorded variants fixture)
    expect(product.variants[0]).toMatchObject({price: null, calculated_price: 10})
    expect(product.variants[1]).toMatchObject({price: 12, calculated_price: 12})
    expect(product.images[0]).toMatchObject({is_thumbnail: true, url_standard: 'https://img.example/tee.jpg'})
    expect(product.custom_fields).toEqual([{id: expect.any(Number), name: 'Material', value: 'Cotton'}])
    const options = await fixture.call('GET', `/v3/catalog/products/${product.id}?include=options`)
    expect(options.body.data.options[0]).toMatchObject({display_name: 'Size', type: 'radio_buttons'})
    expect(options.body.data.options[0].option_values.map((v: {label: string}) => v.label)).toEqual([
      'S',
      'M',
    ])
  })

  it('gives a product without options a base variant carrying its SKU', async () => {
    const created = await fixture.call('POST', '/v3/catalog/products', aProduct({sku: 'MUG'}))
    const variants = created.body.data.variants
    expect(variants).toHaveLength(1)
    expect(variants[0]).toMatchObject({sku: 'MUG', option_values: [], id: created.body.data.base_variant_id})
  })

  it('refuses a duplicate SKU case-insensitively across products and variants (409) and duplicate names', async () => {
    await fixture.call(
      'POST',
      '/v3/catalog/products',
      aProduct({name: 'Tee', sku: 'TEE', variants: [sized('TEE-S', 'S')]}),
    )
    expect((await fixture.call('POST', '/v3/catalog/products', aProduct({sku: 'tee'}))).status).toBe(409)
    expect((await fixture.call('POST', '/v3/catalog/products', aProduct({sku: 'tee-s'}))).status).toBe(409)
    expect(
      (await fixture.call('POST', '/v3/catalog/products', aProduct({variants: [sized('Tee-S', 'S')]})))
        .status,
    ).toBe(409)
    const byName = await fixture.call('POST', '/v3/catalog/products', aProduct({name: 'Tee'}))
    expect(byName.status).toBe(409)
    expect(byName.body).toMatchObject({
      status: 409,
      title: expect.any(String),
      type: expect.any(String),
      errors: expect.any(Object),
    })
    expect((await fixture.call('GET', '/v3/catalog/products')).body.data).toHaveLength(1)
  })

  it('answers 422 with field errors for a missing required field', async () => {
    const result = await fixture.call('POST', '/v3/catalog/products', {
      name: 'X',
      type: 'physical',
      weight: 1,
    })
    expect(result.status).toBe(422)
    expect(result.body.errors).toHaveProperty('price')
  })

  it('paginates with meta.pagination and total_pages 0 on an empty list', async () => {
    const empty = await fixture.call('GET', '/v3/catalog/products')
    expect(empty.body.meta.pagination).toEqual({
      total: 0,
      count: 0,
      per_page: 50,
      current_page: 1,
      total_pages: 0,
      links: {current: '?page=1&limit=50'},
    })
    for (let index = 0; index < 5; index++) await fixture.call('POST', '/v3/catalog/products', aProduct())
    const page = await fixture.call('GET', '/v3/catalog/products?page=2&limit=2')
    expect(page.body.meta.pagination).toMatchObject({
      total: 5,
      count: 2,
      per_page: 2,
      current_page: 2,
      total_pages: 3,
    })
    expect(page.body.meta.pagination.links).toEqual({
      previous: '?page=1&limit=2',
      current: '?page=2&limit=2',
      next: '?page=3&limit=2',
    })
    expect((await fixture.call('GET', '/v3/catalog/products?limit=251')).status).toBe(413)
  })

  it('pages see every write and every filter change (listings are kept per write and filter)', async () => {
    for (let index = 0; index < 4; index++)
      await fixture.call('POST', '/v3/catalog/products', aProduct({sku: `PAGE-${index}`}))
    const skus = async (query: string): Promise<string[]> =>
      ((await fixture.call('GET', `/v3/catalog/products?${query}`)).body.data as Array<{sku: string}>).map(
        (product) => product.sku,
      )
    expect(await skus('page=1&limit=2')).toEqual(['PAGE-0', 'PAGE-1'])
    await fixture.call('POST', '/v3/catalog/products', aProduct({sku: 'PAGE-4'}))
    expect(await skus('page=3&limit=2')).toEqual(['PAGE-4'])
    expect(await skus('page=1&limit=2&sku:in=PAGE-3,PAGE-1')).toEqual(['PAGE-1', 'PAGE-3'])
    expect(await skus('page=1&limit=2&sku:in=PAGE-2')).toEqual(['PAGE-2'])
    const id = (await fixture.call('GET', '/v3/catalog/products?sku=PAGE-0')).body.data[0].id as number
    await fixture.call('POST', '/v3/catalog/products/metafields', [
      {resource_id: id, namespace: 'n', key: 'a', value: '1', permission_set: 'app_only'},
    ])
    const metafields = async (): Promise<number> =>
      (await fixture.call('GET', '/v3/catalog/products/metafields?namespace:in=n&page=1&limit=250')).body.data
        .length as number
    expect(await metafields()).toBe(1)
    await fixture.call('POST', '/v3/catalog/products/metafields', [
      {resource_id: id, namespace: 'n', key: 'b', value: '2', permission_set: 'app_only'},
    ])
    expect(await metafields()).toBe(2)
  })

  it('caps the page at 10 when options or modifiers are included', async () => {
    for (let index = 0; index < 12; index++) await fixture.call('POST', '/v3/catalog/products', aProduct())
    const page = await fixture.call('GET', '/v3/catalog/products?include=options&limit=250')
    expect(page.body.data).toHaveLength(10)
    expect(page.body.meta.pagination.per_page).toBe(10)
  })

  it('filters by id:in, sku, sku:in, name, is_visible and date_modified', async () => {
    const a = (await fixture.call('POST', '/v3/catalog/products', aProduct({name: 'Alpha', sku: 'AL'}))).body
      .data
    const b = (
      await fixture.call(
        'POST',
        '/v3/catalog/products',
        aProduct({name: 'Beta', sku: 'BE', is_visible: false}),
      )
    ).body.data
    const ids = async (query: string) =>
      (await fixture.call('GET', `/v3/catalog/products?${query}`)).body.data.map((p: {id: number}) => p.id)
    expect(await ids(`id:in=${b.id}`)).toEqual([b.id])
    expect(await ids('sku=al')).toEqual([a.id])
    expect(await ids('sku:in=AL,BE')).toEqual([a.id, b.id])
    expect(await ids('name=Beta')).toEqual([b.id])
    expect(await ids('is_visible=false')).toEqual([b.id])
    expect(await ids(`date_modified:min=${encodeURIComponent('2000-01-01T00:00:00+00:00')}`)).toEqual([
      a.id,
      b.id,
    ])
    expect(await ids(`date_modified:max=${encodeURIComponent('2000-01-01T00:00:00+00:00')}`)).toEqual([])
  })

  it('projects fields with include_fields and exclude_fields, always keeping id', async () => {
    await fixture.call('POST', '/v3/catalog/products', aProduct())
    const included = await fixture.call('GET', '/v3/catalog/products?include_fields=name,price')
    expect(Object.keys(included.body.data[0]).sort()).toEqual(['id', 'name', 'price'])
    const excluded = await fixture.call('GET', '/v3/catalog/products?exclude_fields=id,description')
    expect(excluded.body.data[0]).toHaveProperty('id')
    expect(excluded.body.data[0]).not.toHaveProperty('description')
  })

  it('changes date_modified on a real change only', async () => {
    const product = (await fixture.call('POST', '/v3/catalog/products', aProduct({price: 5}))).body.data
    const store = fixture.sandbox.store()
    store.setClock(() => new Date('2030-01-01T00:00:00Z'))
    const same = await fixture.call('PUT', `/v3/catalog/products/${product.id}`, {price: 5})
    expect(same.body.data.date_modified).toBe(product.date_modified)
    const changed = await fixture.call('PUT', `/v3/catalog/products/${product.id}`, {price: 6})
    expect(changed.body.data.date_modified).toBe('2030-01-01T00:00:00+00:00')
  })

  it('updates up to 10 products in a batch, 413 beyond, and applies nothing when one item fails', async () => {
    const products = []
    for (let index = 0; index < 11; index++)
      products.push((await fixture.call('POST', '/v3/catalog/products', aProduct())).body.data)
    const ok = await fixture.call(
      'PUT',
      '/v3/catalog/products',
      products.slice(0, 10).map((p) => ({id: p.id, price: 99})),
    )
    expect(ok.status).toBe(200)
    expect(ok.body.data.every((p: {price: number}) => p.price === 99)).toBe(true)
    const tooMany = await fixture.call(
      'PUT',
      '/v3/catalog/products',
      products.map((p) => ({id: p.id, price: 1})),
    )
    expect(tooMany.status).toBe(413)
    const clash = await fixture.call('PUT', '/v3/catalog/products', [
      {id: products[0].id, price: 50},
      {id: products[1].id, sku: products[2].sku},
    ])
    expect(clash.status).toBe(409)
    expect((await fixture.call('GET', `/v3/catalog/products/${products[0].id}`)).body.data.price).toBe(99)
  })

  it('deletes one product and batches of at most 250 by id:in; ids are never reused', async () => {
    const a = (await fixture.call('POST', '/v3/catalog/products', aProduct())).body.data
    const b = (await fixture.call('POST', '/v3/catalog/products', aProduct())).body.data
    expect((await fixture.call('DELETE', `/v3/catalog/products/${a.id}`)).status).toBe(204)
    expect((await fixture.call('GET', `/v3/catalog/products/${a.id}`)).status).toBe(404)
    expect((await fixture.call('DELETE', '/v3/catalog/products')).status).toBe(422)
    const many = Array.from({length: 251}, (_, index) => index + 1000).join(',')
    expect((await fixture.call('DELETE', `/v3/catalog/products?id:in=${many}`)).status).toBe(413)
    expect((await fixture.call('DELETE', `/v3/catalog/products?id:in=${b.id}`)).status).toBe(204)
    const c = (await fixture.call('POST', '/v3/catalog/products', aProduct({sku: a.sku}))).body.data
    expect(c.id).toBeGreaterThan(b.id)
  })

  it('finds or creates a brand from brand_name and refuses an unknown brand_id (409)', async () => {
    const created = await fixture.call('POST', '/v3/catalog/products', aProduct({brand_name: 'Acme'}))
    const brands = (await fixture.call('GET', '/v3/catalog/brands?name=Acme')).body.data
    expect(created.body.data.brand_id).toBe(brands[0].id)
    expect(created.body.data).not.toHaveProperty('brand_name')
    expect((await fixture.call('POST', '/v3/catalog/products', aProduct({brand_id: 999}))).status).toBe(409)
  })
})
