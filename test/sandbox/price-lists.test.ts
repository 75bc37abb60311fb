import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import type {SandboxFixture} from './helpers/sandbox-fixture.js'
import {aProduct, sized, startFixture} from './helpers/sandbox-fixture.js'

let fixture: SandboxFixture
beforeEach(async () => {
  fixture = await startFixture({extraAccounts: [{token: 'no-customers', scopes: ['store_v2_products']}]})
})
afterEach(async () => {
  await fixture.stop()
})

describe('sandbox price lists', () => {
  it('creates, renames and deletes price lists; names are unique (409)', async () => {
    const created = await fixture.call('POST', '/v3/pricelists', {name: 'Wholesale'})
    expect(created.body.data).toMatchObject({name: 'Wholesale', active: true})
    expect((await fixture.call('POST', '/v3/pricelists', {name: 'wholesale'})).status).toBe(409)
    const other = (await fixture.call('POST', '/v3/pricelists', {name: 'B2B', active: false})).body.data
    expect((await fixture.call('PUT', `/v3/pricelists/${other.id}`, {name: 'Wholesale'})).status).toBe(409)
    expect((await fixture.call('GET', '/v3/pricelists')).body.data).toHaveLength(2)
    expect((await fixture.call('DELETE', `/v3/pricelists/${other.id}`)).status).toBe(204)
    expect((await fixture.call('GET', `/v3/pricelists/${other.id}`)).status).toBe(404)
  })

  it('upserts records (lowercase currency), reports bad items as 422 batch_errors and keeps the good ones', async () => {
    const list = (await fixture.call('POST', '/v3/pricelists', {name: 'Wholesale'})).body.data
    const product = (
      await fixture.call(
        'POST',
        '/v3/catalog/products',
        aProduct({sku: 'T', variants: [sized('T-S', 'S'), sized('T-M', 'M')]}),
      )
    ).body.data
    const base = `/v3/pricelists/${list.id}/records`
    const ok = await fixture.call('PUT', base, [
      {sku: 'T-S', currency: 'USD', price: 8},
      {variant_id: product.variants[1].id, currency: 'usd', price: 9, sale_price: 7},
    ])
    expect(ok.status).toBe(200)
    const records = (await fixture.call('GET', `${base}?include=sku`)).body.data
    expect(
      records.map((r: {sku: string; currency: string; price: number}) => [r.sku, r.currency, r.price]),
    ).toEqual([
      ['T-S', 'usd', 8],
      ['T-M', 'usd', 9],
    ])
    expect(records[1].calculated_price).toBe(7)
    const partial = await fixture.call('PUT', base, [
      {sku: 'T-S', currency: 'USD', price: 10},
      {sku: 'NOPE', currency: 'USD', price: 1},
      {sku: 'T', currency: 'USD', price: 1},
    ])
    expect(partial.status).toBe(422)
    expect(partial.body.batch_errors).toHaveLength(2)
    expect(partial.body.batch_errors[0]).toMatchObject({
      data: {price_list_id: list.id, sku: 'NOPE'},
      field_errors: {sku: expect.any(String)},
    })
    expect((await fixture.call('GET', `${base}?sku=T-S`)).body.data[0].price).toBe(10)
    const tooMany = Array.from({length: 1001}, () => ({sku: 'T-S', currency: 'USD', price: 1}))
    expect((await fixture.call('PUT', base, tooMany)).status).toBe(413)
    expect((await fixture.call('DELETE', `${base}?sku:in=T-S`)).status).toBe(204)
    expect((await fixture.call('GET', base)).body.data).toHaveLength(1)
    expect((await fixture.call('GET', `${base}/${product.variants[1].id}/USD`)).body.data.price).toBe(9)
  })

  it('filters records by date_modified:min and :max (a delta reads only the records edited since)', async () => {
    const list = (await fixture.call('POST', '/v3/pricelists', {name: 'Wholesale'})).body.data
    await fixture.call(
      'POST',
      '/v3/catalog/products',
      aProduct({sku: 'T', variants: [sized('T-S', 'S'), sized('T-M', 'M')]}),
    )
    const base = `/v3/pricelists/${list.id}/records`
    await fixture.call('PUT', base, [{sku: 'T-S', currency: 'USD', price: 8}])
    await new Promise((resolve) => setTimeout(resolve, 1100)) // the store stamps whole seconds
    await fixture.call('PUT', base, [{sku: 'T-M', currency: 'USD', price: 9}])
    const all = (await fixture.call('GET', `${base}?include=sku`)).body.data
    const stamp = (sku: string): string => all.find((r: {sku: string}) => r.sku === sku).date_modified
    expect(stamp('T-M') > stamp('T-S')).toBe(true)
    const since = encodeURIComponent(stamp('T-M'))
    const newer = (await fixture.call('GET', `${base}?include=sku&date_modified:min=${since}`)).body.data
    expect(newer.map((r: {sku: string}) => r.sku)).toEqual(['T-M'])
    const older = (
      await fixture.call('GET', `${base}?include=sku&date_modified:max=${encodeURIComponent(stamp('T-S'))}`)
    ).body.data
    expect(older.map((r: {sku: string}) => r.sku)).toEqual(['T-S'])
    expect((await fixture.call('GET', `${base}?date_modified:min=yesterday`)).status).toBe(422)
  })

  it('answers 429 to a second concurrent record upsert', async () => {
    await fixture.stop()
    fixture = await startFixture({latencyMs: 150})
    const list = (await fixture.call('POST', '/v3/pricelists', {name: 'Wholesale'})).body.data
    await fixture.call('POST', '/v3/catalog/products', aProduct({sku: 'C'}))
    const body = [{sku: 'C', currency: 'USD', price: 1}]
    const [first, second] = await Promise.all([
      fixture.call('PUT', `/v3/pricelists/${list.id}/records`, body),
      fixture.call('PUT', `/v3/pricelists/${list.id}/records`, body),
    ])
    expect([first.status, second.status].sort()).toEqual([200, 429])
  })

  it('assigns price lists to customer groups and channels', async () => {
    const list = (await fixture.call('POST', '/v3/pricelists', {name: 'Wholesale'})).body.data
    const group = (await fixture.call('POST', '/v2/customer_groups', {name: 'Trade'})).body
    const created = await fixture.call('POST', '/v3/pricelists/assignments', [
      {price_list_id: list.id, customer_group_id: group.id, channel_id: 1},
    ])
    expect(created.status).toBe(200)
    expect(
      (
        await fixture.call('POST', '/v3/pricelists/assignments', [
          {price_list_id: list.id, customer_group_id: group.id, channel_id: 1},
        ])
      ).status,
    ).toBe(422)
    expect(
      (await fixture.call('GET', `/v3/pricelists/assignments?price_list_id=${list.id}`)).body.data,
    ).toEqual([{id: expect.any(Number), price_list_id: list.id, customer_group_id: group.id, channel_id: 1}])
    expect(
      (await fixture.call('DELETE', `/v3/pricelists/assignments?customer_group_id=${group.id}`)).status,
    ).toBe(204)
    const upserted = await fixture.call('PUT', `/v3/pricelists/${list.id}/assignments`, {
      customer_group_id: group.id,
      channel_id: 1,
    })
    expect(upserted.body.data).toMatchObject({price_list_id: list.id, customer_group_id: group.id})
  })
})

describe('sandbox customer groups (V2)', () => {
  it('lists a bare array, creates, updates, counts and deletes', async () => {
    const initial = await fixture.call('GET', '/v2/customer_groups')
    expect(Array.isArray(initial.body)).toBe(true)
    expect(initial.body[0]).toMatchObject({is_default: true})
    const created = await fixture.call('POST', '/v2/customer_groups', {name: 'Trade'})
    expect(created.body).toMatchObject({name: 'Trade', is_default: false})
    expect((await fixture.call('POST', '/v2/customer_groups', {name: 'trade'})).status).toBe(409)
    expect(
      (await fixture.call('PUT', `/v2/customer_groups/${created.body.id}`, {name: 'Trade 2'})).body.name,
    ).toBe('Trade 2')
    expect((await fixture.call('GET', '/v2/customer_groups/count')).body).toEqual({count: 2})
    expect((await fixture.call('GET', '/v2/customer_groups?name=Trade 2')).body).toHaveLength(1)
    expect((await fixture.call('DELETE', `/v2/customer_groups/${created.body.id}`)).status).toBe(204)
    expect(
      (await fixture.call('GET', '/v2/customer_groups', undefined, {token: 'no-customers'})).status,
    ).toBe(403)
  })
})
