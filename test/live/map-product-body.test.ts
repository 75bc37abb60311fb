import {describe, expect, it} from 'vitest'

import type {
  BigCommerceMetafieldJson,
  BigCommerceProductJson,
  LiveProductContext,
} from '../../src/live/map-product.js'
import type {ProductModel} from '../../src/model/product.js'
import type {UpdateChange} from '../../src/plan/plan.js'

import {
  customFieldOperations,
  imageOperations,
  metafieldOperations,
  productCreateBody,
  productUpdateBody,
} from '../../src/live/map-product-body.js'
import {mapLiveProduct} from '../../src/live/map-product.js'
import {encodeOwnership} from '../../src/model/ownership.js'
import {compareRecords} from '../../src/plan/compare-fields.js'
import {diff} from '../../src/plan/diff.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from '../plan/factories.js'

const context = {brandIdByKey: {acme: 7}, categoryIdByPath: {Apparel: 1, 'Apparel/Tops': 2, Kitchen: 3}}
const brandNameById = new Map([[7, 'Acme']])
const categoryPathById = new Map([
  [1, 'Apparel'],
  [2, 'Apparel/Tops'],
  [3, 'Kitchen'],
])

/** What a spec-faithful store answers after a create: ids assigned, image URLs replaced by CDN copies. */
function storeAfterCreate(
  body: Record<string, unknown>,
  metafields: Array<{namespace: string; key: string; value: string}>,
) {
  let next = 500
  const images = (
    body.images as Array<{image_url: string; description: string; is_thumbnail: boolean; sort_order: number}>
  ).map((image) => ({
    id: next++,
    is_thumbnail: image.is_thumbnail,
    sort_order: image.sort_order,
    description: image.description,
    url_standard: `https://cdn.example/${next}.jpg`,
    source: image.image_url,
  }))
  const json: BigCommerceProductJson = {
    ...(body as Omit<BigCommerceProductJson, 'id'>),
    id: 42,
    images,
    custom_fields: (body.custom_fields as Array<{name: string; value: string}>).map((field, i) => ({
      id: 900 + i,
      ...field,
    })),
    date_modified: '2026-12-03T12:00:00+00:00',
  }
  const marker = encodeOwnership(Object.fromEntries(images.map((image) => [image.id, image.source])))
  const stored: BigCommerceMetafieldJson[] = [
    {id: 1, namespace: 'catalogctl', key: 'managed', value: marker},
    ...metafields.map((field, i) => ({id: 10 + i, ...field})),
  ]
  return {json, metafields: stored}
}

function readBack(
  json: BigCommerceProductJson,
  metafields: BigCommerceMetafieldJson[],
  mappedFields: string[] = [],
) {
  const live: LiveProductContext = {
    brandNameById,
    categoryPathById,
    metafields,
    metafieldNamespaces: ['specs'],
    mappedFields,
  }
  return mapLiveProduct(json, live)
}

const model = (): ProductModel =>
  aProduct({
    brand: 'ACME',
    categories: ['Apparel/Tops', 'Kitchen'],
    images: [
      {url: 'https://img.example/a.jpg', alt: 'Front'},
      {url: 'https://img.example/b.jpg', alt: ''},
    ],
    custom_fields: [
      {name: 'Material', value: 'Cotton'},
      {name: 'Fit', value: 'Slim'},
    ],
    metafields: [{namespace: 'specs', key: 'gsm', value: '180', permission_set: 'read'}],
    mapped: {upc: '0123', is_featured: true},
  })

describe('productCreateBody', () => {
  it('round-trips through the store and mapLiveProduct', () => {
    const desired = model()
    const body = productCreateBody(desired, context)
    expect(body).toMatchObject({
      sku: 'TEE-CLASSIC',
      brand_id: 7,
      categories: [2, 3],
      upc: '0123',
      is_featured: true,
    })
    expect(body).not.toHaveProperty('brand_name')
    const stored = storeAfterCreate(body, desired.metafields)
    const {model: live} = readBack(stored.json, stored.metafields, ['is_featured', 'upc'])
    // Equal as the diff compares (brand names case-insensitively): the next plan is empty.
    expect(compareRecords('product', live, desired, 'all')).toEqual([])
    expect(live).toEqual({...desired, brand: 'Acme'})
  })

  it('sends brand_name for a brand without a known id, brand_id 0 for none', () => {
    expect(productCreateBody(aProduct({brand: 'Newco'}), context)).toMatchObject({brand_name: 'Newco'})
    expect(productCreateBody(aProduct({brand: null}), context)).toMatchObject({brand_id: 0})
  })

  it('refuses a category path without an id', () => {
    expect(() => productCreateBody(aProduct({categories: ['Nowhere']}), context)).toThrow(
      /No category id for "Nowhere"/,
    )
  })
})

describe('update operations', () => {
  it('sends only the changed fields of the plan scope', () => {
    const live = model()
    const plan = diff(
      aDesiredState([{...live, price: 19, name: 'Renamed'}]),
      aLiveState([live]),
      diffOptions({scope: 'pricing'}),
    )
    const change = plan.changes[0] as UpdateChange<'product'>
    const ids = aLiveState([live]).ids.products['tee-classic']!
    expect(productUpdateBody(change, ids, context)).toEqual({id: ids.id, price: 19})
  })

  it('updates a changed custom field value in place, deletes extra values and adds new names', () => {
    const before = [
      {name: 'Material', value: 'Cotton'},
      {name: 'Material', value: 'Wool'},
      {name: 'Fit', value: 'Slim'},
    ]
    const after = [
      {name: 'Material', value: 'Linen'},
      {name: 'Fit', value: 'Slim'},
      {name: 'Origin', value: 'PT'},
    ]
    const ids = {customFieldIds: {'Material\u0000Cotton': 1, 'Material\u0000Wool': 2, 'Fit\u0000Slim': 3}}
    expect(customFieldOperations(before, ids, after)).toEqual({
      upsert: [
        {id: 1, name: 'Material', value: 'Linen'},
        {name: 'Origin', value: 'PT'},
      ],
      remove: [2],
    })
  })

  it('matches images by URL: reorders without re-uploading, removes and adds the rest', () => {
    const before = [
      {url: 'https://a', alt: ''},
      {url: 'https://b', alt: ''},
      {url: 'https://c', alt: ''},
    ]
    const after = [
      {url: 'https://b', alt: 'B'},
      {url: 'https://d', alt: ''},
    ]
    expect(imageOperations(before, {imageIds: [11, 12, 13]}, after)).toEqual({
      remove: [11, 13],
      update: [{id: 12, body: {sort_order: 0, is_thumbnail: true, description: 'B'}}],
      add: [
        {
          url: 'https://d',
          body: {image_url: 'https://d', description: '', is_thumbnail: false, sort_order: 1},
        },
      ],
      kept: {12: 'https://b'},
    })
  })

  it('creates, updates and deletes template metafields', () => {
    const before = [
      {namespace: 'specs', key: 'gsm', value: '180', permission_set: 'read'},
      {namespace: 'specs', key: 'old', value: 'x', permission_set: 'read'},
    ]
    const after = [
      {namespace: 'specs', key: 'gsm', value: '200', permission_set: 'read'},
      {namespace: 'specs', key: 'new', value: 'y', permission_set: 'read'},
    ]
    const ids = {metafieldIds: {'specs\u0000gsm': 5, 'specs\u0000old': 6}}
    expect(metafieldOperations(42, before, ids, after)).toEqual({
      create: [{resource_id: 42, namespace: 'specs', key: 'new', value: 'y', permission_set: 'read'}],
      update: [{id: 5, value: '200'}],
      remove: [6],
    })
  })

  it('image operations applied to the store read back as the planned images', () => {
    const before = [
      {url: 'https://a', alt: ''},
      {url: 'https://b', alt: ''},
    ]
    const after = [
      {url: 'https://c', alt: 'C'},
      {url: 'https://b', alt: ''},
    ]
    const ops = imageOperations(before, {imageIds: [11, 12]}, after)
    const stored = new Map([
      [11, {id: 11, is_thumbnail: true, sort_order: 0, description: '', url_standard: 'https://cdn/11'}],
      [12, {id: 12, is_thumbnail: false, sort_order: 1, description: '', url_standard: 'https://cdn/12'}],
    ])
    for (const id of ops.remove) stored.delete(id)
    for (const {id, body} of ops.update) stored.set(id, {...stored.get(id)!, ...body})
    const remembered: Record<number, string> = {...ops.kept}
    ops.add.forEach(({url, body}, i) => {
      const id = 20 + i
      stored.set(id, {
        id,
        is_thumbnail: body.is_thumbnail,
        sort_order: body.sort_order,
        description: body.description,
        url_standard: `https://cdn/${id}`,
      })
      remembered[id] = url
    })
    const marker = {id: 1, namespace: 'catalogctl', key: 'managed', value: encodeOwnership(remembered)}
    expect(readBack({id: 42, sku: 'X', images: [...stored.values()]}, [marker]).model.images).toEqual(after)
  })
})

describe('metafieldOperations and the template permission_set', () => {
  it('creates with the template permission and updates a metafield whose permission changed', () => {
    const before = [{namespace: 'specs', key: 'gsm', value: '180', permission_set: 'app_only'}]
    const after = [
      {namespace: 'specs', key: 'gsm', value: '180', permission_set: 'read_and_sf_access'},
      {namespace: 'specs', key: 'fit', value: 'slim', permission_set: 'read'},
    ]
    const operations = metafieldOperations(7, before, {metafieldIds: {'specs\u0000gsm': 3}}, after)
    expect(operations.update).toEqual([{id: 3, value: '180', permission_set: 'read_and_sf_access'}])
    expect(operations.create).toEqual([
      {resource_id: 7, namespace: 'specs', key: 'fit', value: 'slim', permission_set: 'read'},
    ])
    expect(operations.remove).toEqual([])
  })
})
