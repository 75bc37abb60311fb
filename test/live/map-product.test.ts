import {describe, expect, it} from 'vitest'

import type {
  BigCommerceImageJson,
  BigCommerceProductJson,
  LiveProductContext,
} from '../../src/live/map-product.js'

import {mapBrands} from '../../src/live/map-brands.js'
import {categoryPathsForProducts, mapCategoryTree} from '../../src/live/map-categories.js'
import {mapLiveProduct, READ_PRODUCT_FIELDS} from '../../src/live/map-product.js'
import {MAPPABLE_PRODUCT_FIELDS, productDescriptor} from '../../src/model/kinds.js'
import {assembleLiveState} from '../../src/live/map-store.js'
import {encodeOwnership} from '../../src/model/ownership.js'
import {haveFixtures, readFixture} from './fixtures.js'

function aContext(overrides: Partial<LiveProductContext> = {}): LiveProductContext {
  return {
    brandNameById: new Map([[36, 'OFS']]),
    categoryPathById: new Map([
      [21, 'Kitchen'],
      [23, 'Shop All'],
    ]),
    metafields: [],
    metafieldNamespaces: [],
    mappedFields: [],
    ...overrides,
  }
}

describe('mapLiveProduct', () => {
  it('maps a product with nulls and empty strings where numbers are promised', () => {
    const json: BigCommerceProductJson = {
      id: 5,
      sku: ' MUG-01 ',
      name: 'Mug',
      type: 'physical',
      description: null,
      brand_id: 0,
      price: '12.5',
      sale_price: null,
      cost_price: '',
      weight: null,
      width: '',
      is_visible: false,
      availability: 'weird',
      categories: [21, 999],
      date_modified: '2026-01-01T00:00:00+00:00',
      upc: null,
      is_featured: null,
    }
    const {model, ids} = mapLiveProduct(json, aContext({mappedFields: ['upc', 'is_featured']}))
    expect(model).toMatchObject({
      sku: 'MUG-01',
      description: '',
      brand: null,
      price: 12.5,
      sale_price: 0,
      cost_price: 0,
      retail_price: 0,
      weight: 0,
      width: 0,
      is_visible: false,
      availability: 'available',
      categories: ['#999', 'Kitchen'],
      mapped: {is_featured: false, upc: ''},
    })
    expect(ids).toMatchObject({id: 5, ownershipMetafieldId: null, imageIds: []})
  })

  it('resolves image URLs: remembered source URL, then image_url, then url_standard; thumbnail first', () => {
    const images: BigCommerceImageJson[] = [
      {id: 3, is_thumbnail: false, sort_order: 1, description: 'side', url_standard: 'https://cdn/3.jpg'},
      {
        id: 2,
        is_thumbnail: false,
        sort_order: 0,
        description: '',
        image_url: 'https://src/2.jpg',
        url_standard: 'https://cdn/2.jpg',
      },
      {id: 1, is_thumbnail: true, sort_order: 5, description: null, url_standard: 'https://cdn/1.jpg'},
    ]
    const metafields = [
      {id: 70, namespace: 'catalogctl', key: 'managed', value: encodeOwnership({1: 'https://src/1.jpg'})},
      {id: 71, namespace: 'specs', key: 'gsm', value: '180'},
      {id: 72, namespace: 'other', key: 'x', value: 'y'},
    ]
    const {model, ids} = mapLiveProduct(
      {id: 9, sku: 'T', images},
      aContext({metafields, metafieldNamespaces: ['specs']}),
    )
    expect(model.images).toEqual([
      {url: 'https://src/1.jpg', alt: ''},
      {url: 'https://src/2.jpg', alt: ''},
      {url: 'https://cdn/3.jpg', alt: 'side'},
    ])
    expect(ids.imageIds).toEqual([1, 2, 3])
    expect(model.metafields).toEqual([
      {namespace: 'specs', key: 'gsm', value: '180', permission_set: 'app_only'},
    ])
    expect(ids.metafieldIds).toEqual({'specs\u0000gsm': 71})
    expect(ids.ownershipMetafieldId).toBe(70)
  })

  it('keys custom field ids by name and value', () => {
    const {model, ids} = mapLiveProduct(
      {id: 1, sku: 'X', custom_fields: [{id: 4, name: 'Material', value: 'Cotton'}]},
      aContext(),
    )
    expect(model.custom_fields).toEqual([{name: 'Material', value: 'Cotton'}])
    expect(ids.customFieldIds).toEqual({'Material\u0000Cotton': 4})
  })
})

describe.skipIf(!haveFixtures)('recorded BigCommerce responses (../shared/bigcommerce-fixtures)', () => {
  const products = () =>
    readFixture<{data: BigCommerceProductJson[]}>('aligent__catalog__products__get_all.json').data
  const brands = () =>
    mapBrands(
      readFixture<{data: Array<{id: number; name: string}>}>('aligent__catalog__brands__get_all.json').data,
    )

  it('maps the products list with the real brands and category tree', () => {
    const tree = mapCategoryTree(
      readFixture<{data: never[]}>('aligent__catalog__categories__get_tree.json').data,
    )
    const context = aContext({
      brandNameById: brands().nameById,
      categoryPathById: categoryPathsForProducts(tree),
    })
    const [jar] = products().map((json) => mapLiveProduct(json, context))
    expect(jar?.model).toMatchObject({
      sku: '',
      name: '1L Le Parfait Jar',
      brand: 'OFS',
      price: 7.95,
      retail_price: 10,
      weight: 1,
      categories: ['Kitchen', 'Shop All'],
      images: [],
      custom_fields: [],
    })
    expect(jar?.model.description.startsWith('<p><span>Lorem ipsum')).toBe(true)
    expect(jar?.ids).toMatchObject({id: 174, date_modified: '2018-09-05T20:42:07+00:00'})
  })

  it('maps every recorded product without a NaN or a null where the model promises a value', () => {
    const single = readFixture<{data: BigCommerceProductJson}>(
      'aligent__catalog__products__174__get.json',
    ).data
    const mappedFields = ['upc', 'mpn', 'gtin', 'search_keywords', 'page_title', 'sort_order', 'is_featured']
    for (const json of [...products(), single]) {
      const {model} = mapLiveProduct(json, aContext({brandNameById: brands().nameById, mappedFields}))
      for (const field of [
        'price',
        'sale_price',
        'cost_price',
        'retail_price',
        'weight',
        'width',
        'height',
        'depth',
      ] as const) {
        expect(Number.isFinite(model[field]), `${json.id}.${field}`).toBe(true)
      }
      expect(Object.values(model.mapped).every((value) => value !== null)).toBe(true)
      expect(typeof model.mapped.sort_order).toBe('number')
    }
  })

  it('declares every field of a recorded product: read, mappable by the template, or ignored', () => {
    const declared = new Set<string>([
      ...READ_PRODUCT_FIELDS,
      ...Object.keys(MAPPABLE_PRODUCT_FIELDS),
      ...productDescriptor.ignoredLiveFields,
    ])
    const undeclared = [...new Set(products().flatMap((json) => Object.keys(json)))].filter(
      (field) => !declared.has(field),
    )
    expect(undeclared).toEqual([])
  })

  it('uses url_standard for images catalogctl did not upload (the API does not return image_url)', () => {
    const images = readFixture<{data: BigCommerceImageJson[]}>(
      'aligent__catalog__products__158__images__get_all.json',
    ).data
    const {model, ids} = mapLiveProduct({id: 158, sku: 'TOWEL', images}, aContext())
    expect(model.images.map((image) => image.url)).toEqual(images.map((image) => image.url_standard))
    expect(ids.imageIds).toEqual([382, 383])
  })

  it('counts recorded products without a SKU as unkeyed', () => {
    const state = assembleLiveState({
      products: products().map((json) => mapLiveProduct(json, aContext())),
      brands: brands(),
      categories: mapCategoryTree([]),
    })
    expect(state.unkeyedProducts).toBe(2)
    expect(state.products).toEqual([])
    expect(state.ids.brands['ofs']).toBe(36)
  })
})
