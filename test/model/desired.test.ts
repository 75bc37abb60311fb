import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import type {CatalogProductInput, CatalogTemplateInput} from '../../src/model/catalog-input.js'

import {buildDesiredState, desiredProduct} from '../../src/model/desired.js'
import {normaliseProduct, stringifyAttribute} from '../../src/model/normalise.js'
import {aProduct} from '../plan/factories.js'

function aCatalogProduct(overrides: Partial<CatalogProductInput> = {}): CatalogProductInput {
  return {sku: 'TEE-CLASSIC', name: 'Classic Tee', price: 24, ...overrides}
}

const template: CatalogTemplateInput = {
  fields: {upc: 'attributes.upc', is_featured: 'attributes.featured', page_title: 'name'},
  rules: [
    {attribute: 'material', custom_field: 'Material'},
    {attribute: 'organic', custom_field: 'Organic'},
    {attribute: 'gsm', metafield: {namespace: 'specs', key: 'gsm'}},
    {attribute: 'care', variant_metafield: {namespace: 'specs', key: 'care'}},
  ],
}

describe('desiredProduct', () => {
  it('fills BigCommerce defaults', () => {
    expect(desiredProduct(aCatalogProduct())).toEqual({
      sku: 'TEE-CLASSIC',
      name: 'Classic Tee',
      type: 'physical',
      description: '',
      brand: null,
      price: 24,
      sale_price: 0,
      cost_price: 0,
      retail_price: 0,
      weight: 0,
      width: 0,
      height: 0,
      depth: 0,
      is_visible: true,
      availability: 'available',
      categories: [],
      images: [],
      custom_fields: [],
      metafields: [],
      mapped: {},
    })
  })

  it('maps status, dimensions, images and categories', () => {
    const model = desiredProduct(
      aCatalogProduct({
        status: 'inactive',
        dimensions: {width: 10, height: 2.5},
        images: [{url: 'https://img.example/a.jpg'}, {url: 'https://img.example/b.jpg', alt: 'Back'}],
        categories: ['Kitchen / Mugs', 'Apparel/Tops', 'Apparel/Tops'],
      }),
    )
    expect(model).toMatchObject({is_visible: false, width: 10, height: 2.5, depth: 0})
    expect(model.images).toEqual([
      {url: 'https://img.example/a.jpg', alt: ''},
      {url: 'https://img.example/b.jpg', alt: 'Back'},
    ])
    expect(model.categories).toEqual(['Apparel/Tops', 'Kitchen/Mugs'])
  })

  it('applies template rules and fields', () => {
    const model = desiredProduct(
      aCatalogProduct({
        attributes: {
          material: 'Cotton',
          organic: true,
          gsm: 180.5,
          upc: 12345,
          featured: 'true',
          care: 'Wash',
        },
      }),
      template,
    )
    expect(model.custom_fields).toEqual([
      {name: 'Material', value: 'Cotton'},
      {name: 'Organic', value: 'true'},
    ])
    expect(model.metafields).toEqual([
      {namespace: 'specs', key: 'gsm', value: '180.5', permission_set: 'app_only'},
    ])
    expect(model.mapped).toEqual({is_featured: true, page_title: 'Classic Tee', upc: '12345'})
  })

  it('fills the BigCommerce default for a mapped field the product leaves out, and skips empty attributes', () => {
    const model = desiredProduct(aCatalogProduct({attributes: {material: ''}}), template)
    expect(model.mapped).toEqual({is_featured: false, page_title: 'Classic Tee', upc: ''})
    expect(model.custom_fields).toEqual([])
  })

  it('lets the template override a core field', () => {
    const model = desiredProduct(aCatalogProduct({attributes: {web_title: 'Tee (web)'}}), {
      fields: {name: 'attributes.web_title'},
    })
    expect(model.name).toBe('Tee (web)')
    expect(model.mapped).toEqual({})
  })
})

describe('stringifyAttribute', () => {
  it('writes numbers in their shortest form and booleans as true/false', () => {
    expect([
      stringifyAttribute(1.5),
      stringifyAttribute(2),
      stringifyAttribute(false),
      stringifyAttribute('x'),
    ]).toEqual(['1.5', '2', 'false', 'x'])
  })
})

describe('buildDesiredState', () => {
  it('derives distinct brands (case-insensitive) and every category with its ancestors', () => {
    const state = buildDesiredState({
      products: [
        {
          product: aCatalogProduct({brand: 'Acme', categories: ['Apparel/Tops/T-Shirts']}),
          source: {file: 'products/tee.yaml', line: 3},
        },
        {product: aCatalogProduct({sku: 'MUG', brand: 'ACME', categories: ['Kitchen']})},
      ],
      categories: {mode: 'static', categories: ['Home/Decor'], static: {' Apparel / Tops ': 5}},
      template,
    })
    expect(state.brands).toEqual([{name: 'Acme'}])
    expect(state.categories.map((c) => c.path)).toEqual([
      'Apparel',
      'Apparel/Tops',
      'Apparel/Tops/T-Shirts',
      'Home',
      'Home/Decor',
      'Kitchen',
    ])
    expect(state.staticCategories).toEqual({'Apparel/Tops': 5})
    expect(state.categoryMode).toBe('static')
    expect(state.products[0]?.source).toEqual({file: 'products/tee.yaml', line: 3})
    expect(state.metafieldNamespaces).toEqual(['specs'])
    expect(state.mappedFields).toEqual(['is_featured', 'page_title', 'upc'])
  })
})

describe('normaliseProduct', () => {
  it('is idempotent (property)', () => {
    const product = fc.record({
      sku: fc.string({maxLength: 10}),
      price: fc.double({noNaN: true, min: -1e6, max: 1e6}),
      weight: fc.double(),
      brand: fc.option(fc.string({maxLength: 5}), {nil: null}),
      description: fc.string({maxLength: 30}),
      categories: fc.array(fc.string({maxLength: 12})),
      custom_fields: fc.array(fc.record({name: fc.string({maxLength: 4}), value: fc.string({maxLength: 4})})),
      metafields: fc.array(
        fc.record({
          namespace: fc.constantFrom('a', 'b'),
          key: fc.string({maxLength: 3}),
          value: fc.string({maxLength: 3}),
          permission_set: fc.constantFrom('app_only', 'read'),
        }),
      ),
    })
    fc.assert(
      fc.property(product, (fields) => {
        const once = normaliseProduct({...aProduct(), ...fields})
        expect(normaliseProduct(once)).toEqual(once)
      }),
      {numRuns: 200},
    )
  })
})
