import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {beforeEach, describe, expect, it} from 'vitest'
import YAML from 'yaml'

import {loadCatalog} from '../../src/catalog/index.js'
import {decodeFeed, detectDelimiter} from '../../src/import/csv/decode-feed.js'
import {changedFiles, copyOfExampleCatalog, fixture, run, snapshot} from './import-csv-helpers.js'

interface Supplied {
  sku: string
  name: string
  price: number
  brand: string
  attributes: {origin: string; notes: string}
}

const expectedCafe: Supplied = {
  sku: 'SUP-CAFE-CREME',
  name: 'Café Crème Espresso Beans 1kg',
  price: 24.9,
  brand: 'Sumatra Traders',
  attributes: {origin: 'Côte d’Ivoire', notes: 'Prix 24€ – promo'},
}

describe('encodings and delimiters', () => {
  let dir: string
  beforeEach(async () => {
    dir = await copyOfExampleCatalog()
  })

  async function cafe(): Promise<Supplied> {
    return YAML.parse(await readFile(path.join(dir, 'products/sup-cafe-creme.yaml'), 'utf8')) as Supplied
  }

  it('detects Windows-1252 and commas (€ and – are not Latin-1)', async () => {
    const result = await run(dir, 'supplier-windows-1252.csv', {mapping: fixture('supplier-feed.yaml')})
    expect([result.encoding, result.delimiter, result.problems]).toEqual(['windows-1252', 'comma', []])
    expect(await cafe()).toMatchObject(expectedCafe)
    const tea = YAML.parse(await readFile(path.join(dir, 'products/sup-the-vert.yaml'), 'utf8')) as Supplied
    expect(tea.attributes.notes).toBe('none') // the `default` transform fills the empty cell
  })

  it('detects UTF-8 with a BOM and tabs; the BOM is not part of the first header', async () => {
    const result = await run(dir, 'supplier-utf8-bom.tsv', {mapping: fixture('supplier-feed.yaml')})
    expect([result.encoding, result.delimiter, result.problems]).toEqual(['utf8-bom', 'tab', []])
    expect(await cafe()).toMatchObject(expectedCafe)
  })

  it('detects plain UTF-8 and semicolons', async () => {
    const result = await run(dir, 'erp-feed.csv', {mapping: fixture('erp-feed.yaml'), encoding: 'auto'})
    expect([result.encoding, result.delimiter]).toEqual(['utf8', 'semicolon'])
  })

  it('honours --encoding and --delimiter when set', async () => {
    const result = await run(dir, 'supplier-utf8-bom.tsv', {
      mapping: fixture('supplier-feed.yaml'),
      encoding: 'utf8-bom',
      delimiter: 'tab',
    })
    expect([result.encoding, result.delimiter, result.problems]).toEqual(['utf8-bom', 'tab', []])
    // Forcing the wrong delimiter leaves one column: the mapping's columns are missing, and it says so.
    await expect(
      run(dir, 'supplier-utf8-bom.tsv', {mapping: fixture('supplier-feed.yaml'), delimiter: ','}),
    ).rejects.toThrow(/does not have/)
    await expect(
      run(dir, 'supplier-windows-1252.csv', {mapping: fixture('supplier-feed.yaml'), encoding: 'utf8'}),
    ).rejects.toThrow(/not valid UTF-8/)
  })

  it('decodes and detects at the unit level', () => {
    const bytes = Uint8Array.from([0x61, 0x3b, 0x80, 0x0a]) // a;€\n in Windows-1252
    expect(decodeFeed(bytes)).toEqual({text: 'a;€\n', encoding: 'windows-1252', delimiter: ';'})
    expect(detectDelimiter('"a,b";c;d\n1,2,3,4,5')).toBe(';')
    expect(detectDelimiter('sku\n')).toBe(',')
  })
})

describe('BigCommerce product exports (no mapping file)', () => {
  let dir: string
  beforeEach(async () => {
    dir = await copyOfExampleCatalog()
  })

  it('reads the current layout: Product, Variant and Image rows', async () => {
    const result = await run(dir, 'bigcommerce-current.csv')
    expect(result.layout).toBe('bigcommerce-current')
    expect(result.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [9, 'SKU', 'the product has no SKU; catalogctl keys products by SKU'],
      [10, 'Current Stock', '"n/a" is not a number ≥ 0'],
    ])
    expect(result.products.created).toBe(2)
    const tote = YAML.parse(await readFile(path.join(dir, 'products/hb-tote-canvas.yaml'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(tote).toMatchObject({
      name: 'Harbor Canvas Tote',
      type: 'physical',
      brand: 'Harbor Goods',
      price: 34,
      sale_price: 29,
      cost_price: 11,
      status: 'active',
      dimensions: {width: 40, height: 38, depth: 12},
      categories: ['Bags/Totes', 'Sale'],
      images: [
        {url: 'https://cdn.example.com/harbor/tote-natural.jpg', alt: 'Tote in Natural'},
        {url: 'https://cdn.example.com/harbor/tote-olive.jpg', alt: 'Tote in Olive'},
      ],
      attributes: {material: '12 oz canvas', origin: 'USA'},
      variants: [
        {sku: 'HB-TOTE-CANVAS-NAT', options: {Color: 'Natural'}, upc: '0012345678905', mpn: 'HB-T-NAT'},
        {
          sku: 'HB-TOTE-CANVAS-OLV',
          options: {Color: 'Olive'},
          price: 36,
          upc: '0012345678912',
          mpn: 'HB-T-OLV',
        },
      ],
    })
    const mug = YAML.parse(await readFile(path.join(dir, 'products/hb-mug-enamel.yaml'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(mug).toMatchObject({status: 'inactive', categories: ['Home/Mugs']})
    // `Current Stock` goes to the store's default location (id 1 = east); per variant when there are variants.
    const east = YAML.parse(await readFile(path.join(dir, 'inventory/east.yaml'), 'utf8')) as {
      stock: Record<string, number>
    }
    expect([
      east.stock['HB-TOTE-CANVAS-NAT'],
      east.stock['HB-TOTE-CANVAS-OLV'],
      east.stock['HB-MUG-ENAMEL'],
      east.stock['HB-TOTE-CANVAS'],
    ]).toEqual([25, 8, 40, undefined])
    const categories = YAML.parse(await readFile(path.join(dir, 'categories.yaml'), 'utf8')) as {
      categories: string[]
    }
    expect(categories.categories).toEqual(expect.arrayContaining(['Bags/Totes', 'Home/Mugs']))
    expect((await loadCatalog(dir)).diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('reads the legacy layout: Product, SKU and Rule rows', async () => {
    const result = await run(dir, 'bigcommerce-legacy.csv')
    expect(result.layout).toBe('bigcommerce-legacy')
    expect(result.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [7, 'Product Name', 'the rule matches no SKU row of its product'],
    ])
    const shirt = YAML.parse(
      await readFile(path.join(dir, 'products/rt-shirt-trail.yaml'), 'utf8'),
    ) as Record<string, unknown>
    expect(shirt).toMatchObject({
      name: 'Ridge Trail Shirt',
      price: 45,
      retail_price: 55,
      categories: ['Apparel/Shirts', 'Sale'],
      images: [
        {url: 'https://cdn.example.com/ridge/shirt-front.jpg', alt: 'Trail Shirt front'},
        {url: 'https://cdn.example.com/ridge/shirt-back.jpg'},
      ],
      attributes: {fabric: 'Polyester', fit: 'Athletic'},
      variants: [
        {sku: 'RT-SHIRT-TRAIL-S', options: {Size: 'S'}},
        {sku: 'RT-SHIRT-TRAIL-M', options: {Size: 'M'}},
        {sku: 'RT-SHIRT-TRAIL-XL', options: {Size: 'XL'}, price: 49},
      ],
    })
    const bottle = YAML.parse(
      await readFile(path.join(dir, 'products/rt-bottle-750.yaml'), 'utf8'),
    ) as Record<string, unknown>
    expect(bottle).toMatchObject({status: 'inactive', sale_price: 19})
    expect((await loadCatalog(dir)).diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('refuses any other file without a mapping, writing nothing', async () => {
    const before = await snapshot(dir)
    await expect(run(dir, 'erp-feed.csv')).rejects.toThrow(
      /is not a BigCommerce product export, and no --mapping was given/,
    )
    expect(changedFiles(before, await snapshot(dir))).toEqual([])
  })
})

describe('bad rows, --strict and validation before writing', () => {
  let dir: string
  beforeEach(async () => {
    dir = await copyOfExampleCatalog()
  })

  it('--strict writes nothing when any row fails (exit 6)', async () => {
    const before = await snapshot(dir)
    const result = await run(dir, 'erp-feed.csv', {mapping: fixture('erp-feed.yaml'), strict: true})
    expect([result.refused, result.exitCode, result.written]).toEqual(['strict', 6, false])
    expect(result.problems).toHaveLength(1)
    expect(changedFiles(before, await snapshot(dir))).toEqual([])
  })

  it('reports rows with the wrong width, empty SKUs, bad lookups and duplicates by row and column', async () => {
    const feed = path.join(path.dirname(dir), 'bad.csv')
    await writeFile(
      feed,
      [
        'Artikelnummer;Hauptartikel;Bezeichnung;Marke;VK;EK;Gewicht;Groesse;Kategorie;Bilder;Material;Bestand Ost;Bestand West;Aktiv',
        ';;No SKU;B;1,00;;;;;;;;;1',
        'X-1;;Thing;B;1,00;;;;;;;;;maybe',
        'X-2;;"Multi',
        'line name";B;2,00;;;;;;;;;1',
        'X-2;;Again;B;2,00;;;;;;;;;1',
        'X-3;;short row',
        'X-2-S;X-2;;;;;;;;;;;;1',
      ].join('\n'),
    )
    const result = await run(dir, feed, {mapping: fixture('erp-feed.yaml')})
    expect(result.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [2, 'Artikelnummer', 'the SKU is empty'],
      [3, 'Aktiv', 'status: "maybe" is not in the lookup table (0, 1)'],
      [6, 'Artikelnummer', 'SKU X-2 is also on row 4'],
      [7, undefined, 'the row has 3 cells, the header has 14'],
      [8, 'Groesse', 'option Size is empty on a variant row'],
    ])
    const created = YAML.parse(await readFile(path.join(dir, 'products/x-2.yaml'), 'utf8')) as {name: string}
    expect(created.name).toBe('Multi\nline name')
  })

  it('validates the would-be catalog first: an invalid result writes nothing (exit 4)', async () => {
    const feed = path.join(path.dirname(dir), 'dupe-name.csv')
    // A new product may not take an existing product's name (BigCommerce names are unique).
    await writeFile(feed, 'sku,name,price\nNEW-TEE,Northwind Classic Organic Tee,10\n')
    const mapping = path.join(path.dirname(dir), 'm.yaml')
    await writeFile(mapping, 'sku: sku\nfields: {name: name, price: price}\n')
    const before = await snapshot(dir)
    const result = await run(dir, feed, {mapping})
    expect([result.refused, result.exitCode, result.written]).toEqual(['invalid', 4, false])
    expect(
      result.diagnostics.some(
        (d) => d.severity === 'error' && d.file.endsWith(path.join('products', 'new-tee.yaml')),
      ),
    ).toBe(true)
    expect(changedFiles(before, await snapshot(dir))).toEqual([])
  })
})
