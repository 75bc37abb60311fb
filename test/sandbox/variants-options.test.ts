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

async function tee(sku = 'TEE') {
  const created = await fixture.call(
    'POST',
    '/v3/catalog/products',
    aProduct({sku, variants: [sized(`${sku}-S`, 'S'), sized(`${sku}-M`, 'M')]}),
  )
  return created.body.data
}

describe('sandbox variants', () => {
  it('lists, creates, updates and deletes variants of a product', async () => {
    const product = await tee()
    const base = `/v3/catalog/products/${product.id}/variants`
    const options = (await fixture.call('GET', `/v3/catalog/products/${product.id}/options`)).body.data
    const value = (
      await fixture.call('POST', `/v3/catalog/products/${product.id}/options/${options[0].id}/values`, {
        label: 'L',
        sort_order: 2,
      })
    ).body.data
    const created = await fixture.call('POST', base, {
      sku: 'TEE-L',
      option_values: [{id: value.id, option_id: options[0].id}],
    })
    expect(created.status).toBe(200)
    expect(created.body.data.option_values).toEqual([
      {id: value.id, label: 'L', option_id: options[0].id, option_display_name: 'Size'},
    ])
    expect(
      (
        await fixture.call('POST', base, {
          sku: 'tee-l',
          option_values: [{id: value.id, option_id: options[0].id}],
        })
      ).status,
    ).toBe(409)
    const updated = await fixture.call('PUT', `${base}/${created.body.data.id}`, {price: 15, sale_price: 12})
    expect(updated.body.data).toMatchObject({price: 15, calculated_price: 12})
    expect((await fixture.call('GET', base)).body.data.map((v: {sku: string}) => v.sku)).toEqual([
      'TEE-S',
      'TEE-M',
      'TEE-L',
    ])
    expect((await fixture.call('DELETE', `${base}/${created.body.data.id}`)).status).toBe(204)
    expect((await fixture.call('GET', `${base}/${created.body.data.id}`)).status).toBe(404)
  })

  it('lists all variants with sku, product_id:in and id:in filters', async () => {
    const a = await tee('A')
    const b = await tee('B')
    const skus = async (query: string) =>
      (await fixture.call('GET', `/v3/catalog/variants?${query}`)).body.data.map((v: {sku: string}) => v.sku)
    expect(await skus('sku=a-s')).toEqual(['A-S'])
    expect(await skus(`product_id:in=${b.id}`)).toEqual(['B-S', 'B-M'])
    expect(await skus(`id:in=${a.variants[1].id},${b.variants[0].id}`)).toEqual(['A-M', 'B-S'])
  })

  it('batch-updates and creates up to 50 variants; 413 beyond; 422 batch_errors applies nothing', async () => {
    const product = await tee()
    const option = (await fixture.call('GET', `/v3/catalog/products/${product.id}/options`)).body.data[0]
    const value = (
      await fixture.call('POST', `/v3/catalog/products/${product.id}/options/${option.id}/values`, {
        label: 'XL',
        sort_order: 3,
      })
    ).body.data
    const ok = await fixture.call('PUT', '/v3/catalog/variants', [
      {id: product.variants[0].id, price: 20},
      {product_id: product.id, sku: 'TEE-XL', option_values: [{id: value.id, option_id: option.id}]},
    ])
    expect(ok.status).toBe(200)
    expect(ok.body.data.map((v: {sku: string}) => v.sku)).toEqual(['TEE-S', 'TEE-XL'])
    const many = Array.from({length: 51}, () => ({id: product.variants[0].id, price: 1}))
    expect((await fixture.call('PUT', '/v3/catalog/variants', many)).status).toBe(413)
    const bad = await fixture.call('PUT', '/v3/catalog/variants', [
      {id: product.variants[0].id, price: 30},
      {id: product.variants[1].id, price: -1},
      {id: 999999, price: 1},
    ])
    expect(bad.status).toBe(422)
    expect(bad.body.batch_errors).toHaveLength(2)
    expect(bad.body.batch_errors[0]).toMatchObject({
      status: 422,
      title: expect.any(String),
      type: expect.any(String),
      errors: expect.any(Object),
    })
    expect(
      (await fixture.call('GET', `/v3/catalog/products/${product.id}/variants/${product.variants[0].id}`))
        .body.data.price,
    ).toBe(20)
  })

  it('refuses a duplicate option combination (409) without creating anything', async () => {
    const twice = await fixture.call(
      'POST',
      '/v3/catalog/products',
      aProduct({variants: [sized('D-1', 'S'), sized('D-2', 's')]}),
    )
    expect(twice.status).toBe(409)
    expect((await fixture.call('GET', '/v3/catalog/products')).body.data).toEqual([])
    const product = await tee()
    const again = await fixture.call('POST', `/v3/catalog/products/${product.id}/variants`, {
      sku: 'TEE-S2',
      option_values: [{option_display_name: 'Size', label: 'S'}],
    })
    expect(again.status).toBe(409)
    const batch = await fixture.call('PUT', '/v3/catalog/variants', [
      {product_id: product.id, sku: 'TEE-XL', option_values: [{option_display_name: 'Size', label: 'XL'}]},
      {product_id: product.id, sku: 'TEE-XL2', option_values: [{option_display_name: 'Size', label: 'XL'}]},
    ])
    expect(batch.status).toBe(422)
    const options = (await fixture.call('GET', `/v3/catalog/products/${product.id}/options`)).body.data
    expect(options[0].option_values.map((value: {label: string}) => value.label)).toEqual(['S', 'M'])
  })

  it('refuses more than 600 variants per product', async () => {
    const variants = Array.from({length: 601}, (_, index) =>
      sized(`V-${index}`, `L${index % 250}-${Math.floor(index / 250)}`),
    )
    const result = await fixture.call('POST', '/v3/catalog/products', aProduct({variants}))
    expect(result.status).toBe(422)
    expect(result.body).toHaveProperty('detail')
    expect((await fixture.call('GET', '/v3/catalog/products')).body.data).toEqual([])
  })
})

describe('sandbox options', () => {
  it('creates options with values, updates, and deleting an option removes its variants', async () => {
    const product = (await fixture.call('POST', '/v3/catalog/products', aProduct({sku: 'MUG'}))).body.data
    const base = `/v3/catalog/products/${product.id}/options`
    const option = await fixture.call('POST', base, {
      display_name: 'Color',
      type: 'swatch',
      option_values: [{label: 'Red', sort_order: 0, value_data: {colors: ['#ff0000']}}],
    })
    expect(option.status).toBe(200)
    expect(option.body.data.option_values[0]).toMatchObject({label: 'Red', value_data: {colors: ['#ff0000']}})
    expect(
      (await fixture.call('POST', base, {display_name: 'Bad', type: 'nope', option_values: []})).status,
    ).toBe(422)
    const renamed = await fixture.call('PUT', `${base}/${option.body.data.id}`, {display_name: 'Colour'})
    expect(renamed.body.data.display_name).toBe('Colour')
    const red = option.body.data.option_values[0]
    await fixture.call('POST', `/v3/catalog/products/${product.id}/variants`, {
      sku: 'MUG-RED',
      option_values: [{id: red.id, option_id: option.body.data.id}],
    })
    expect((await fixture.call('DELETE', `${base}/${option.body.data.id}`)).status).toBe(204)
    const variants = (await fixture.call('GET', `/v3/catalog/products/${product.id}/variants`)).body.data
    expect(variants.map((v: {sku: string}) => v.sku)).toEqual(['MUG'])
  })

  it('refuses more than 250 values per option', async () => {
    const product = (await fixture.call('POST', '/v3/catalog/products', aProduct())).body.data
    const values = Array.from({length: 251}, (_, index) => ({label: `V${index}`, sort_order: index}))
    const result = await fixture.call('POST', `/v3/catalog/products/${product.id}/options`, {
      display_name: 'Many',
      type: 'dropdown',
      option_values: values,
    })
    expect(result.status).toBe(422)
  })
})

describe('sandbox custom fields', () => {
  it('creates, lists, updates and deletes; pairs are unique; lengths and the 200 limit hold', async () => {
    const product = (await fixture.call('POST', '/v3/catalog/products', aProduct())).body.data
    const base = `/v3/catalog/products/${product.id}/custom-fields`
    const created = await fixture.call('POST', base, {name: 'Material', value: 'Cotton'})
    expect(created.status).toBe(200)
    expect((await fixture.call('POST', base, {name: 'Material', value: 'Cotton'})).status).toBe(409)
    expect((await fixture.call('POST', base, {name: 'x'.repeat(251), value: 'v'})).status).toBe(422)
    const updated = await fixture.call('PUT', `${base}/${created.body.data.id}`, {value: 'Linen'})
    expect(updated.body.data).toEqual({id: created.body.data.id, name: 'Material', value: 'Linen'})
    expect((await fixture.call('GET', base)).body.data).toHaveLength(1)
    expect((await fixture.call('DELETE', `${base}/${created.body.data.id}`)).status).toBe(204)
    const fields = Array.from({length: 201}, (_, index) => ({name: `F${index}`, value: 'v'}))
    expect(
      (await fixture.call('POST', '/v3/catalog/products', aProduct({custom_fields: fields}))).status,
    ).toBe(422)
  })
})

describe('sandbox variant metafields', () => {
  it('works per variant and in batch', async () => {
    const product = await tee()
    const variant = product.variants[0]
    const base = `/v3/catalog/products/${product.id}/variants/${variant.id}/metafields`
    const created = await fixture.call('POST', base, {
      namespace: 'n',
      key: 'k',
      value: 'v',
      permission_set: 'read',
    })
    expect(created.body.data).toMatchObject({resource_type: 'variant', resource_id: variant.id})
    const batch = await fixture.call('POST', '/v3/catalog/variants/metafields', [
      {namespace: 'n', key: 'k2', value: 'v', permission_set: 'write', resource_id: product.variants[1].id},
    ])
    expect(batch.status).toBe(200)
    expect((await fixture.call('GET', '/v3/catalog/variants/metafields?namespace=n')).body.data).toHaveLength(
      2,
    )
    expect(
      (
        await fixture.call(
          'GET',
          `/v3/catalog/products/${product.id + 100}/variants/${variant.id}/metafields`,
        )
      ).status,
    ).toBe(404)
  })
})

describe('sandbox variant listing across products', () => {
  it('pages every variant in product order, and sees variants added and removed since the last page', async () => {
    const first = (
      await fixture.call(
        'POST',
        '/v3/catalog/products',
        aProduct({sku: 'A', variants: [sized('A-S', 'S'), sized('A-M', 'M')]}),
      )
    ).body.data
    await fixture.call('POST', '/v3/catalog/products', aProduct({sku: 'B', variants: [sized('B-S', 'S')]}))
    const skus = async (query: string) =>
      (await fixture.call('GET', `/v3/catalog/variants?${query}`)).body.data.map(
        (variant: {sku: string}) => variant.sku,
      )
    expect(await skus('limit=2&page=1')).toEqual(['A-S', 'A-M'])
    expect(await skus('limit=2&page=2')).toEqual(['B-S'])
    const added = await fixture.call('POST', `/v3/catalog/products/${first.id}/variants`, sized('A-L', 'L'))
    expect(added.status).toBe(200)
    expect(await skus('limit=2&page=2')).toEqual(['A-L', 'B-S'])
    await fixture.call('DELETE', `/v3/catalog/products/${first.id}/variants/${first.variants[0].id}`)
    expect(await skus('limit=50')).toEqual(['A-M', 'A-L', 'B-S'])
    expect(await skus('sku:in=b-s,A-L')).toEqual(['A-L', 'B-S'])
    expect(await skus(`id:in=${added.body.data.id}`)).toEqual(['A-L'])
  })
})
