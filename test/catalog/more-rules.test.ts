import {mkdir, rm} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {aCatalog, loadRelative, removeCatalogs} from './catalog-fixture.js'

afterAll(removeCatalogs)

type Row = [file: string, line: number, col: number, severity: string, rule: string, message: string]
const rows = async (dir: string): Promise<Row[]> =>
  (await loadRelative(dir)).diagnostics.map((d) => [d.file, d.line, d.col, d.severity, d.rule, d.message])

describe('the remaining rules', () => {
  it('category paths: an empty segment is an error, a repeated path a warning', async () => {
    const dir = await aCatalog({files: {'categories.yaml': 'categories:\n  - Apparel/Tops/T-Shirts\n  - Home/Mugs\n  - Home//Cups\n  - Home/Mugs\n'}})
    expect(await rows(dir)).toEqual([
      ['categories.yaml', 4, 5, 'error', 'category/path', 'category path "Home//Cups" has an empty segment'],
      ['categories.yaml', 5, 5, 'warning', 'category/duplicate', 'category path "Home/Mugs" is listed twice'],
    ])
  })

  it('static mode: a listed path without an id', async () => {
    const dir = await aCatalog({
      files: {'categories.yaml': 'mode: static\ncategories:\n  - Apparel/Tops/T-Shirts\n  - Home/Mugs\nstatic:\n  Apparel/Tops/T-Shirts: 23\n  Home/Mugs: 24\n  Home: 20\n  Apparel: 21\n  Apparel/Tops: 22\n  Garden/Tools: 30\n'},
    })
    expect(await rows(dir)).toEqual([])
    const missing = await aCatalog({files: {'categories.yaml': 'mode: static\ncategories:\n  - Apparel/Tops/T-Shirts\n  - Home/Mugs\nstatic:\n  Apparel/Tops/T-Shirts: 23\n'}})
    expect(await rows(missing)).toEqual([
      ['categories.yaml', 4, 5, 'error', 'category/static-missing', 'category "Home/Mugs" has no id under `static:`'],
      ['products/mug.yaml', 5, 14, 'error', 'category/undeclared', 'category "Home/Mugs" is not declared in categories.yaml'],
    ])
  })

  it('a location without id or code is a warning', async () => {
    const dir = await aCatalog({files: {'catalogctl.yaml': 'locations:\n  main: {id: 1}\n  backup: {label: Backup}\ncustomer_groups:\n  Wholesale: {}\n'}})
    expect(await rows(dir)).toEqual([['catalogctl.yaml', 3, 3, 'warning', 'config/location-unmatched', 'location backup has neither `id` nor `code`']])
  })

  it('two jobs with one name', async () => {
    const dir = await aCatalog({files: {'schedules.yaml': "jobs:\n  - {name: sync, cron: '0 * * * *'}\n  - {name: sync, cron: '0 3 * * *'}\n"}})
    expect(await rows(dir)).toEqual([['schedules.yaml', 3, 12, 'error', 'schedule/duplicate-name', 'job name "sync" is used twice']])
  })

  it('two rules writing one custom field', async () => {
    const dir = await aCatalog({
      files: {
        'templates/bigcommerce.yaml':
          'rules:\n  - attribute: material\n    custom_field: Material\n  - attribute: color_hex\n    variant_metafield: {namespace: swatch, key: hex}\n  - attribute: fabric\n    custom_field: Material\n',
      },
    })
    const found = await rows(dir)
    expect(found).toContainEqual(['templates/bigcommerce.yaml', 6, 5, 'error', 'template/duplicate-target', 'rules 1 and 3 both write custom field Material'])
  })

  it('a CSV row with an empty location', async () => {
    const dir = await aCatalog({files: {'inventory/more.csv': 'sku,location,quantity\nMUG,,3\n'}})
    expect(await rows(dir)).toEqual([['inventory/more.csv', 2, 5, 'error', 'inventory/csv-value', 'row has an empty location']])
  })

  it('a catalog without products is a warning', async () => {
    const dir = await aCatalog({files: {'inventory/main.yaml': 'location: main\nstock: {}\n', 'price-lists/wholesale.yaml': 'name: Wholesale\nprices: {}\n'}})
    await rm(path.join(dir, 'products'), {recursive: true})
    expect(await rows(dir)).toEqual([
      ['products', 1, 1, 'warning', 'catalog/no-products', 'the catalog has no products'],
      ['templates/bigcommerce.yaml', 2, 16, 'warning', 'template/unused-attribute', 'rule for attribute "material" matches no product attribute'],
      ['templates/bigcommerce.yaml', 4, 16, 'warning', 'template/unused-attribute', 'rule for attribute "color_hex" matches no variant attribute'],
    ])
  })

  it('a pattern: currency must be an ISO 4217 code in capitals', async () => {
    const dir = await aCatalog({files: {'price-lists/wholesale.yaml': 'name: Wholesale\ncurrency: usd\nprices:\n  MUG: {price: 5}\n'}})
    expect(await rows(dir)).toEqual([['price-lists/wholesale.yaml', 2, 11, 'error', 'schema/pattern', '`currency` must match ^[A-Z]{3}$, not "usd"']])
  })

  it('a folder whose name ends in .yaml is walked, not read', async () => {
    const dir = await aCatalog({files: {'products/folder.yaml/inner.yaml': 'sku: INNER\nname: Inner\nprice: 1\n'}})
    expect(await rows(dir)).toEqual([])
  })

  it('a fixed file that is not a regular file is unreadable', async () => {
    const dir = await aCatalog()
    await rm(path.join(dir, 'schedules.yaml'))
    await mkdir(path.join(dir, 'schedules.yaml'))
    expect(await rows(dir)).toEqual([['schedules.yaml', 1, 1, 'error', 'file/unreadable', 'schedules.yaml is not a regular file']])
  })
})
