import {readFile} from 'node:fs/promises'

import {describe, expect, it} from 'vitest'
import YAML from 'yaml'

import {checkMapping} from '../../src/import/csv/mapping-file.js'
import {resolveSource, toNumber} from '../../src/import/csv/transforms.js'
import {copyOfExampleCatalog, fixture, repoRoot, run} from './import-csv-helpers.js'

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

describe('the example mapping catalog/mappings/erp-feed.yaml (README)', () => {
  it('is valid and imports its sample ERP export into the example catalog', async () => {
    const mappingFile = `${repoRoot}catalog/mappings/erp-feed.yaml`
    expect(await checkMapping(YAML.parse(await readFile(mappingFile, 'utf8')))).toEqual([])
    const dir = await copyOfExampleCatalog()
    const result = await run(dir, fixture('erp-export-windows-1252.csv'), {mapping: mappingFile})
    expect(result.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [5, 'Blocked', 'status: "X" is not in the lookup table (0, 1)'],
    ])
    expect([result.encoding, result.written, result.products.created, result.products.updated]).toEqual([
      'windows-1252',
      true,
      1,
      1,
    ])
    const scarf = YAML.parse(await readFile(`${dir}/products/nw-scarf-wool.yaml`, 'utf8')) as Record<
      string,
      unknown
    >
    expect(scarf).toMatchObject({
      name: 'Northwind Wool Scarf – Fjällräven Grey',
      price: 39.95,
      weight: 0.18,
      attributes: {origin: 'Unknown'},
    })
    const wholesale = YAML.parse(await readFile(`${dir}/price-lists/wholesale.yaml`, 'utf8')) as {
      prices: Record<string, {price: number}>
    }
    expect(wholesale.prices['NW-TEE-CLASSIC-M-NAVY']?.price).toBe(14.5)
  })
})
