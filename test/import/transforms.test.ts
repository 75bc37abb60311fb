import {describe, expect, it} from 'vitest'

import {checkMapping} from '../../src/import/csv/mapping-file.js'
import {resolveSource, toNumber} from '../../src/import/csv/transforms.js'

describe('transforms', () => {
  it('parse numbers with a decimal point or a decimal comma', () => {
    expect(toNumber('1,234.50', false)).toEqual({ok: true, value: 1234.5})
    expect(toNumber('1.234,50', true)).toEqual({ok: true, value: 1234.5})
    expect(toNumber(' 19,99 € ', true)).toEqual({ok: true, value: 19.99})
    expect(toNumber('abc', false)).toEqual({ok: false, reason: '"abc" is not a number'})
  })

  it('apply trim, multiply, lookup and default in order', () => {
    expect(resolveSource({column: 'c', transforms: ['trim']}, '  x  ')).toEqual({ok: true, value: 'x'})
    expect(resolveSource({column: 'c', transforms: ['trim']}, '   ')).toEqual({ok: true, value: undefined})
    expect(resolveSource({column: 'c', transforms: [{multiply: 0.01}]}, '1999')).toEqual({
      ok: true,
      value: 19.99,
    })
    expect(resolveSource({column: 'c', transforms: ['decimal_comma', {multiply: 100}]}, '19,99')).toEqual({
      ok: true,
      value: 1999,
    })
    expect(resolveSource({column: 'c', transforms: [{lookup: {J: 'active', N: 'inactive'}}]}, 'N')).toEqual({
      ok: true,
      value: 'inactive',
    })
    expect(
      resolveSource({column: 'c', transforms: [{lookup: {J: 'active'}, otherwise: 'inactive'}]}, 'x'),
    ).toEqual({ok: true, value: 'inactive'})
    expect(resolveSource({column: 'c', transforms: [{lookup: {J: 'active'}}]}, 'x')).toEqual({
      ok: false,
      reason: '"x" is not in the lookup table (J)',
    })
    expect(resolveSource({column: 'c', transforms: ['trim', {default: 'n/a'}]}, ' ')).toEqual({
      ok: true,
      value: 'n/a',
    })
    expect(resolveSource({value: 'Acme', transforms: ['uppercase']}, undefined)).toEqual({
      ok: true,
      value: 'ACME',
    })
    expect(resolveSource('c', '')).toEqual({ok: true, value: undefined})
  })
})

describe('mapping schema', () => {
  it('accepts a full mapping and fills in defaults', async () => {
    const mapping: Record<string, unknown> = {
      sku: 'SKU',
      categories: {column: 'Cat'},
      images: {column: 'Img'},
    }
    expect(await checkMapping(mapping)).toEqual([])
    expect(mapping).toMatchObject({
      categories: {path_separator: '/', list_separator: ';'},
      images: {list_separator: '|'},
      layout: '{sku}.yaml',
    })
  })

  it('names what is wrong', async () => {
    expect(await checkMapping({fields: {price: 'P'}})).toContain("/: must have required property 'sku'")
    expect(await checkMapping({sku: 'S', fields: {colour: 'C'}})).toContain(
      '/fields: must NOT have additional properties',
    )
    expect(
      (await checkMapping({sku: 'S', fields: {price: {column: 'P', transforms: ['round']}}})).join('\n'),
    ).toContain('/fields/price/transforms/0')
  })
})
