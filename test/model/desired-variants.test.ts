import {describe, expect, it} from 'vitest'

import {desiredVariantsOf} from '../../src/model/desired-variants.js'

describe('desiredVariantsOf', () => {
  const product = {
    sku: 'TEE',
    name: 'Tee',
    price: 20,
    option_order: ['Color'],
    variants: [
      {
        sku: 'TEE-S-NAVY',
        options: {Size: 'S', Color: 'Navy'},
        price: 21.99996,
        attributes: {hex: '#1F2A44', note: 'x'},
      },
      {sku: 'TEE-42-GREY', options: {Size: 42, Color: 'Grey '}, dimensions: {width: 3}},
    ],
  }

  it('orders options by option_order then first appearance, values by first appearance; labels are strings', () => {
    const {options} = desiredVariantsOf(product)
    expect(options).toEqual([
      {product: 'TEE', name: 'Color', values: ['Navy', 'Grey']},
      {product: 'TEE', name: 'Size', values: ['S', '42']},
    ])
  })

  it('leaves absent overrides null (inherit) and rounds amounts to 4 decimals', () => {
    const [first, second] = desiredVariantsOf(product).variants
    expect(first).toMatchObject({
      sku: 'TEE-S-NAVY',
      product: 'TEE',
      price: 22,
      weight: null,
      width: null,
      image: null,
    })
    expect(first?.options).toEqual({Color: 'Navy', Size: 'S'})
    expect(second).toMatchObject({price: null, width: 3, height: null, gtin: '', purchasing_disabled: false})
  })

  it('maps attributes to variant metafields by the template’s variant_metafield rules only', () => {
    const {variants} = desiredVariantsOf(product, {
      rules: [
        {attribute: 'hex', variant_metafield: {namespace: 'swatch', key: 'hex'}},
        {attribute: 'note', metafield: {namespace: 'specs', key: 'note'}},
      ],
    })
    expect(variants[0]?.metafields).toEqual([
      {namespace: 'swatch', key: 'hex', value: '#1F2A44', permission_set: 'app_only'},
    ])
    expect(variants[1]?.metafields).toEqual([])
  })
})
