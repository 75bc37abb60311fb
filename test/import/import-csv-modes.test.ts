import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {beforeEach, describe, expect, it} from 'vitest'
import YAML from 'yaml'

import {loadCatalog} from '../../src/catalog/index.js'
import {changedFiles, copyOfExampleCatalog, fixture, run, snapshot} from './import-csv-helpers.js'

// Issue 9 (CSV half): each mode against a copy of the example catalog.
describe('import csv modes', () => {
  let dir: string
  beforeEach(async () => {
    dir = await copyOfExampleCatalog()
  })

  const mapping = {mapping: fixture('erp-feed.yaml')}

  it('merge: updates only mapped fields of existing products, creates new ones, keeps comments, reports the bad row', async () => {
    const tee = path.join(dir, 'products/apparel/classic-tee.yaml')
    const original = await readFile(tee, 'utf8')
    await writeFile(
      tee,
      original.replace('price: 28.00', 'price: 28.00 # list price, reviewed by merchandising'),
    )
    const before = await snapshot(dir)

    const result = await run(dir, 'erp-feed.csv', mapping)

    expect(result.problems).toEqual([
      {row: 5, column: 'VK', sku: 'NW-BEANIE-RIB-KIDS', reason: 'price: "zwölf" is not a number'},
    ])
    expect(result.exitCode).toBe(3)
    expect(result.products).toMatchObject({created: 1, updated: 1})
    expect(result.written).toBe(true)
    expect(changedFiles(before, await snapshot(dir))).toEqual([
      'inventory/east.yaml',
      'inventory/west.yaml',
      'products/apparel/classic-tee.yaml',
      'products/nw-beanie-rib.yaml',
    ])
    const text = await readFile(tee, 'utf8')
    expect(text).toContain('price: 26.00 # list price, reviewed by merchandising')
    expect(text).toContain('cost_price: 8.40')
    expect(text).toContain('    options: {Size: S, Color: Navy}\n') // untouched flow style
    // Unmapped fields and untouched lines are byte-for-byte as they were.
    expect(text.split('\n').slice(0, 5)).toEqual(original.split('\n').slice(0, 5))
    const tee2 = YAML.parse(text) as {variants: Array<{sku: string; price?: number; options: object}>}
    expect(tee2.variants.find((v) => v.sku === 'NW-TEE-CLASSIC-M-NAVY')).toMatchObject({
      price: 27.5,
      options: {Size: 'M', Color: 'Navy'},
    })

    const beanie = await readFile(path.join(dir, 'products/nw-beanie-rib.yaml'), 'utf8')
    expect(beanie.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*product\.schema\.json$/)
    expect(YAML.parse(beanie)).toEqual({
      sku: 'NW-BEANIE-RIB',
      name: 'Northwind Ribbed Beanie',
      brand: 'Northwind Outfitters',
      price: 19.95,
      cost_price: 5.1,
      weight: 0.1,
      status: 'active',
      categories: ['Apparel/Accessories'],
      images: [
        {url: 'https://cdn.example.com/northwind/beanie/rust.jpg'},
        {url: 'https://cdn.example.com/northwind/beanie/rust-back.jpg'},
      ],
      attributes: {material: 'Merino'},
    })
    const east = YAML.parse(await readFile(path.join(dir, 'inventory/east.yaml'), 'utf8')) as {
      stock: Record<string, number>
    }
    expect(east.stock['NW-TEE-CLASSIC-M-NAVY']).toBe(90)
    expect(east.stock['NW-BEANIE-RIB']).toBe(12)
    expect((await loadCatalog(dir)).diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('merge twice: the second run writes nothing', async () => {
    await run(dir, 'erp-feed.csv', mapping)
    const before = await snapshot(dir)
    const again = await run(dir, 'erp-feed.csv', mapping)
    expect(again.files).toEqual([])
    expect(again.products).toMatchObject({created: 0, updated: 0, unchanged: 2})
    expect(changedFiles(before, await snapshot(dir))).toEqual([])
  })

  it('update: changes existing products only and reports unknown SKUs', async () => {
    const result = await run(dir, 'erp-feed.csv', {...mapping, mode: 'update'})
    expect(result.products).toMatchObject({created: 0, updated: 1})
    expect(result.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [
        4,
        'Artikelnummer',
        'SKU NW-BEANIE-RIB is not in the catalog (update mode changes existing products only)',
      ],
      [4, undefined, 'SKU NW-BEANIE-RIB is not in the catalog, so its stock at east was not imported'],
      [4, undefined, 'SKU NW-BEANIE-RIB is not in the catalog, so its stock at west was not imported'],
      [5, 'VK', 'price: "zwölf" is not a number'],
    ])
    const files = await snapshot(dir)
    expect([...files.keys()].some((name) => name.includes('beanie'))).toBe(false)
  })

  it('update: a new variant of an existing product is reported, not added', async () => {
    const feed = path.join(path.dirname(dir), 'variants.csv')
    await writeFile(
      feed,
      'sku,parent,size,price\nNW-JOGGER-M,NW-JOGGER-TRAVEL,M,80\nNW-JOGGER-XXL,NW-JOGGER-TRAVEL,XXL,82\nNW-JOGGER-TRAVEL,,,79\n',
    )
    const mappingFile = path.join(path.dirname(dir), 'variants.yaml')
    await writeFile(
      mappingFile,
      'sku: sku\nparent_sku: parent\nfields: {price: price}\noptions: {Size: size}\n',
    )
    const result = await run(dir, feed, {mapping: mappingFile, mode: 'update'})
    expect(result.problems.map((p) => [p.row, p.sku, p.reason])).toEqual([
      [
        3,
        'NW-JOGGER-XXL',
        'variant SKU NW-JOGGER-XXL is not in the catalog (update mode changes existing products only)',
      ],
    ])
    const jogger = YAML.parse(
      await readFile(path.join(dir, 'products/apparel/travel-jogger.yaml'), 'utf8'),
    ) as {price: number; variants: Array<{sku: string; price?: number}>}
    expect(jogger.price).toBe(79)
    expect(jogger.variants.map((v) => [v.sku, v.price])).toEqual([
      ['NW-JOGGER-S', undefined],
      ['NW-JOGGER-M', 80],
      ['NW-JOGGER-L', undefined],
      ['NW-JOGGER-XL', undefined],
    ])
  })

  it('replace-stock: the file becomes the whole stock of its location; only inventory files change', async () => {
    const before = await snapshot(dir)
    const result = await run(dir, 'stock-east.csv', {
      mapping: fixture('stock-east.yaml'),
      mode: 'replace-stock',
    })
    expect(result.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [4, 'Qty East', 'stock "-3" is not a whole number ≥ 0'],
      [6, undefined, 'SKU NO-SUCH-SKU is not in the catalog, so its stock at east was not imported'],
    ])
    expect(changedFiles(before, await snapshot(dir))).toEqual(['inventory/east.yaml'])
    const east = YAML.parse(await readFile(path.join(dir, 'inventory/east.yaml'), 'utf8')) as {
      stock: Record<string, number>
    }
    // NW-JOGGER-M's row failed: its level is kept rather than removed.
    expect(east.stock).toEqual({
      'NW-TEE-CLASSIC-S-NAVY': 40,
      'NW-TEE-CLASSIC-M-NAVY': 85,
      'NW-JOGGER-M': 25,
      'EO-POUR-OVER': 64,
    })
    expect(result.stock.removed).toBe(21)
    expect(await readFile(path.join(dir, 'inventory/east.yaml'), 'utf8')).toContain(
      '# Stock on hand at the East Coast warehouse',
    )
  })

  it('replace-prices: only the price list changes; unlisted records go, tiers of listed ones stay', async () => {
    const before = await snapshot(dir)
    const result = await run(dir, 'prices-wholesale.csv', {
      mapping: fixture('prices-wholesale.yaml'),
      mode: 'replace-prices',
    })
    expect(result.problems).toEqual([])
    expect(changedFiles(before, await snapshot(dir))).toEqual(['price-lists/wholesale.yaml'])
    const list = YAML.parse(await readFile(path.join(dir, 'price-lists/wholesale.yaml'), 'utf8')) as {
      prices: Record<string, {price: number; sale_price?: number; tiers?: unknown[]}>
    }
    expect(Object.keys(list.prices).sort()).toEqual(['NW-JOGGER-M', 'NW-TEE-CLASSIC-M-NAVY'])
    expect(list.prices['NW-TEE-CLASSIC-M-NAVY']?.price).toBe(13.5)
    expect(list.prices['NW-TEE-CLASSIC-M-NAVY']?.tiers).toHaveLength(2)
    expect(list.prices['NW-JOGGER-M']).toEqual({price: 39, sale_price: 35})
    expect((await loadCatalog(dir)).diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('merge with a price-list mapping sets records without removing others', async () => {
    const result = await run(dir, 'prices-wholesale.csv', {mapping: fixture('prices-wholesale.yaml')})
    expect(result.prices).toEqual({changed: 2, removed: 0})
    const list = YAML.parse(await readFile(path.join(dir, 'price-lists/wholesale.yaml'), 'utf8')) as {
      prices: Record<string, unknown>
    }
    expect(Object.keys(list.prices).length).toBeGreaterThan(2)
  })
})
