import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import type {SandboxFixture} from './helpers/sandbox-fixture.js'
import {aProduct, startFixture} from './helpers/sandbox-fixture.js'

let fixture: SandboxFixture
beforeEach(async () => {
  fixture = await startFixture({extraAccounts: [{token: 'other-app'}]})
})
afterEach(async () => {
  await fixture.stop()
})

const field = (overrides: Record<string, unknown> = {}) => ({
  namespace: 'catalogctl',
  key: 'k',
  value: 'v',
  permission_set: 'read',
  ...overrides,
})

describe('sandbox product metafields', () => {
  it('creates, filters, updates and deletes per product; namespace+key is unique per client (409)', async () => {
    const product = (await fixture.call('POST', '/v3/catalog/products', aProduct())).body.data
    const base = `/v3/catalog/products/${product.id}/metafields`
    const created = await fixture.call('POST', base, field())
    expect(created.status).toBe(200)
    expect(created.body.data).toMatchObject({
      resource_type: 'product',
      resource_id: product.id,
      namespace: 'catalogctl',
    })
    expect((await fixture.call('POST', base, field())).status).toBe(409)
    // another API account may use the same namespace and key
    expect((await fixture.call('POST', base, field(), {token: 'other-app'})).status).toBe(200)
    await fixture.call('POST', base, field({namespace: 'other', key: 'x'}))
    expect(
      (await fixture.call('GET', `${base}?namespace=other`)).body.data.map((m: {key: string}) => m.key),
    ).toEqual(['x'])
    const id = created.body.data.id
    expect((await fixture.call('PUT', `${base}/${id}`, field({value: 'w'}))).body.data.value).toBe('w')
    expect((await fixture.call('DELETE', `${base}/${id}`)).status).toBe(204)
    expect((await fixture.call('GET', `${base}/${id}`)).status).toBe(404)
  })

  it('hides app_only metafields from other API accounts', async () => {
    const product = (await fixture.call('POST', '/v3/catalog/products', aProduct())).body.data
    const base = `/v3/catalog/products/${product.id}/metafields`
    await fixture.call('POST', base, field({permission_set: 'app_only'}))
    expect((await fixture.call('GET', base)).body.data).toHaveLength(1)
    expect((await fixture.call('GET', base, undefined, {token: 'other-app'})).body.data).toHaveLength(0)
    expect(
      (await fixture.call('GET', '/v3/catalog/products/metafields', undefined, {token: 'other-app'})).body
        .data,
    ).toHaveLength(0)
  })

  it('limits an entity to 250 metafields per client', async () => {
    const product = (await fixture.call('POST', '/v3/catalog/products', aProduct())).body.data
    const items = Array.from({length: 251}, (_, index) => field({key: `k${index}`, resource_id: product.id}))
    const result = await fixture.call('POST', '/v3/catalog/products/metafields', items)
    expect(result.status).toBe(422)
    expect(result.body.meta).toEqual({total: 251, success: 250, failed: 1})
    expect(result.body.errors).toHaveLength(1)
  })

  it('batch-creates with per-item errors as 422 {data, errors, meta}, updates and deletes', async () => {
    const product = (await fixture.call('POST', '/v3/catalog/products', aProduct())).body.data
    const ok = await fixture.call('POST', '/v3/catalog/products/metafields', [
      field({resource_id: product.id}),
    ])
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({errors: [], meta: {total: 1, success: 1, failed: 0}})
    const partial = await fixture.call('POST', '/v3/catalog/products/metafields', [
      field({resource_id: product.id, key: 'new'}),
      field({resource_id: product.id}),
      field({resource_id: 9999}),
    ])
    expect(partial.status).toBe(422)
    expect(partial.body.meta).toEqual({total: 3, success: 1, failed: 2})
    expect(partial.body.errors[0]).toMatchObject({
      status: 409,
      title: expect.any(String),
      type: expect.any(String),
      errors: expect.any(Object),
    })
    const list = await fixture.call('GET', '/v3/catalog/products/metafields?key:in=k,new')
    expect(list.body.data).toHaveLength(2)
    const ids = list.body.data.map((m: {id: number}) => m.id)
    const updated = await fixture.call(
      'PUT',
      '/v3/catalog/products/metafields',
      ids.map((id: number) => ({id, value: 'z'})),
    )
    expect(updated.body.data.map((m: {value: string}) => m.value)).toEqual(['z', 'z'])
    const removed = await fixture.call('DELETE', '/v3/catalog/products/metafields', ids)
    expect(removed.status).toBe(200)
    expect(removed.body.data).toEqual(ids)
  })
})

describe('sandbox store metafields', () => {
  it('creates in a batch and reads one', async () => {
    const created = await fixture.call('POST', '/v3/store/metafields', [field()])
    expect(created.status).toBe(200)
    const id = created.body.data[0].id
    expect((await fixture.call('GET', `/v3/store/metafields/${id}`)).body.data).toMatchObject({
      resource_type: 'store',
      key: 'k',
    })
    expect((await fixture.call('POST', '/v3/store/metafields', [field()])).status).toBe(422)
  })
})
