import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import type {SandboxFixture} from './helpers/sandbox-fixture.js'
import {startFixture} from './helpers/sandbox-fixture.js'

let fixture: SandboxFixture
beforeEach(async () => {
  fixture = await startFixture()
})
afterEach(async () => {
  await fixture.stop()
})

describe('sandbox brands', () => {
  it('creates, lists by name, updates and deletes brands; names are unique (409)', async () => {
    const acme = (await fixture.call('POST', '/v3/catalog/brands', {name: 'Acme'})).body.data
    expect((await fixture.call('POST', '/v3/catalog/brands', {name: 'acme'})).status).toBe(409)
    const other = (await fixture.call('POST', '/v3/catalog/brands', {name: 'Other'})).body.data
    expect((await fixture.call('PUT', `/v3/catalog/brands/${other.id}`, {name: 'Acme'})).status).toBe(409)
    expect(
      (await fixture.call('GET', '/v3/catalog/brands?name=Acme')).body.data.map((b: {id: number}) => b.id),
    ).toEqual([acme.id])
    const renamed = await fixture.call('PUT', `/v3/catalog/brands/${acme.id}`, {name: 'Acme Co'})
    expect(renamed.body.data.name).toBe('Acme Co')
    expect((await fixture.call('DELETE', `/v3/catalog/brands/${acme.id}`)).status).toBe(204)
    expect((await fixture.call('GET', `/v3/catalog/brands/${acme.id}`)).status).toBe(404)
    expect((await fixture.call('POST', '/v3/catalog/brands', {})).status).toBe(422)
  })
})

describe('sandbox category trees', () => {
  it('has the default tree for channel 1', async () => {
    const trees = await fixture.call('GET', '/v3/catalog/trees')
    expect(trees.body.data).toEqual([{id: 1, name: expect.any(String), channels: [1]}])
  })

  it('creates categories in a batch: 201 all, 207 partial with indexed errors, 422 none', async () => {
    const all = await fixture.call('POST', '/v3/catalog/trees/categories', [
      {name: 'Apparel', tree_id: 1, parent_id: 0},
    ])
    expect(all.status).toBe(201)
    expect(all.body.meta).toEqual({total: 1, success: 1, failed: 0})
    const apparel = all.body.data[0]
    const partial = await fixture.call('POST', '/v3/catalog/trees/categories', [
      {name: 'Tops', parent_id: apparel.category_id, tree_id: 1},
      {name: 'apparel', tree_id: 1, parent_id: 0},
      {name: 'x'.repeat(51), tree_id: 1, parent_id: 0},
    ])
    expect(partial.status).toBe(207)
    expect(partial.body.meta).toEqual({total: 3, success: 1, failed: 2})
    expect(Object.keys(partial.body.errors.errors)).toEqual(['1.name', '2.name'])
    const none = await fixture.call('POST', '/v3/catalog/trees/categories', [
      {name: 'Nowhere', tree_id: 42, parent_id: 0},
    ])
    expect(none.status).toBe(422)
    expect(none.body.errors.errors).toHaveProperty('0.tree_id')
  })

  it('allows the same name under different parents and at most 8 levels of children', async () => {
    let parent = (
      await fixture.call('POST', '/v3/catalog/trees/categories', [{name: 'L0', tree_id: 1, parent_id: 0}])
    ).body.data[0]
    for (let level = 1; level <= 8; level++) {
      const child = await fixture.call('POST', '/v3/catalog/trees/categories', [
        {name: 'Same', parent_id: parent.category_id, tree_id: 1},
      ])
      expect(child.status).toBe(201)
      parent = child.body.data[0]
    }
    const tooDeep = await fixture.call('POST', '/v3/catalog/trees/categories', [
      {name: 'Deep', parent_id: parent.category_id, tree_id: 1},
    ])
    expect(tooDeep.status).toBe(422)
  })

  it('filters, updates (207 partial) and deletes categories with their children', async () => {
    const [a, b] = (
      await fixture.call('POST', '/v3/catalog/trees/categories', [
        {name: 'A', tree_id: 1, parent_id: 0},
        {name: 'B', tree_id: 1, parent_id: 0},
      ])
    ).body.data
    const child = (
      await fixture.call('POST', '/v3/catalog/trees/categories', [
        {name: 'C', parent_id: a.category_id, tree_id: 1},
      ])
    ).body.data[0]
    expect(
      (await fixture.call('GET', `/v3/catalog/trees/categories?parent_id:in=${a.category_id}`)).body.data.map(
        (c: {name: string}) => c.name,
      ),
    ).toEqual(['C'])
    const update = await fixture.call('PUT', '/v3/catalog/trees/categories', [
      {category_id: a.category_id, name: 'A2'},
      {category_id: b.category_id, name: 'A2'},
    ])
    expect(update.status).toBe(207)
    expect(update.body.meta).toEqual({total: 2, success: 1, failed: 1})
    const tree = await fixture.call('GET', '/v3/catalog/trees/1/categories')
    expect(tree.body.data[0]).toMatchObject({name: 'A2', children: [{name: 'C', id: child.category_id}]})
    const deleted = await fixture.call(
      'DELETE',
      `/v3/catalog/trees/categories?category_id:in=${a.category_id}`,
    )
    expect(deleted.status).toBeLessThan(300)
    expect(
      (await fixture.call('GET', '/v3/catalog/trees/categories')).body.data.map(
        (c: {name: string}) => c.name,
      ),
    ).toEqual(['B'])
  })
})
