import {describe, expect, it} from 'vitest'

import {mapLiveVariants} from '../../src/live/map-variants.js'

describe('mapLiveVariants', () => {
  const products = new Map([
    [1, 'TEE'],
    [2, 'MUG'],
  ])
  const json = [
    {id: 10, product_id: 2, sku: 'MUG', option_values: [], price: 12},
    {
      id: 11,
      product_id: 1,
      sku: 'TEE-S',
      price: null,
      weight: '0.5',
      upc: null,
      image_url: '',
      option_values: [{id: 100, option_id: 50, label: 'S', option_display_name: 'Size'}],
    },
    {
      id: 12,
      product_id: 1,
      sku: 'TEE-M',
      price: 22.5,
      purchasing_disabled: true,
      option_values: [{id: 101, option_id: 50, label: 'M', option_display_name: 'Size'}],
    },
  ]

  it('maps option variants (base variants left out), null prices as inherit, options from option values', () => {
    const mapped = mapLiveVariants(json, products, [], [])
    expect(mapped.variants.map((variant) => variant.sku)).toEqual(['TEE-S', 'TEE-M'])
    expect(mapped.variants[0]).toMatchObject({product: 'TEE', price: null, weight: 0.5, upc: '', image: null})
    expect(mapped.variants[1]).toMatchObject({price: 22.5, purchasing_disabled: true, options: {Size: 'M'}})
    expect(mapped.options).toEqual([{product: 'TEE', name: 'Size', values: ['S', 'M']}])
    expect(mapped.optionIds['tee\u0000Size']).toEqual({id: 50, product_id: 1, values: {S: 100, M: 101}})
    expect(mapped.variantIds['tee-m']).toEqual({id: 12, product_id: 1, metafieldIds: {}})
  })

  it('keeps variant metafields of the managed namespaces only', () => {
    const metafields = [
      {id: 7, namespace: 'swatch', key: 'hex', value: '#fff', resource_id: 11, permission_set: 'read'},
      {id: 8, namespace: 'other', key: 'x', value: 'y', resource_id: 11},
    ]
    const mapped = mapLiveVariants(json, products, metafields, ['swatch'])
    expect(mapped.variants[0]?.metafields).toEqual([
      {namespace: 'swatch', key: 'hex', value: '#fff', permission_set: 'read'},
    ])
    expect(mapped.variantIds['tee-s']?.metafieldIds).toEqual({'swatch\u0000hex': 7})
  })
})
