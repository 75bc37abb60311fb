import {afterAll, describe, expect, it} from 'vitest'

import {aCatalog, loadRelative, removeCatalogs} from './catalog-fixture.js'

afterAll(removeCatalogs)

/** Product YAML with generated variants; line 6 is `variants:`, variant i starts on line 7 + 2i. */
function productWithVariants(count: number, options: (i: number) => string): string {
  const lines = ['sku: BIG', 'name: Big Product', 'price: 10', 'attributes:', '  material: Wool', 'variants:']
  for (let i = 0; i < count; i++) lines.push(`  - sku: BIG-${i}`, `    options: {${options(i)}}`)
  return `${lines.join('\n')}\n`
}

describe('BigCommerce limits (generated broken fixtures)', () => {
  it('more than 600 variants on a product is an error at `variants`', async () => {
    const dir = await aCatalog({
      files: {'products/big.yaml': productWithVariants(601, (i) => `Size: S${i % 25}, Color: C${Math.floor(i / 25)}`)},
    })
    const {diagnostics} = await loadRelative(dir)
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'products/big.yaml',
        line: 6,
        col: 1,
        rule: 'variant/too-many',
        message: 'product BIG has 601 variants; BigCommerce allows at most 600',
      }),
    ])
  })

  it('600 variants is allowed', async () => {
    const dir = await aCatalog({
      files: {'products/big.yaml': productWithVariants(600, (i) => `Size: S${i % 24}, Color: C${Math.floor(i / 24)}`)},
    })
    expect((await loadRelative(dir)).diagnostics).toEqual([])
  })

  it('more than 250 values for one option is an error', async () => {
    const dir = await aCatalog({files: {'products/big.yaml': productWithVariants(251, (i) => `Length: L${i}`)}})
    const {diagnostics} = await loadRelative(dir)
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'products/big.yaml',
        line: 6,
        col: 1,
        rule: 'variant/too-many-values',
        message: 'option Length has 251 values; BigCommerce allows at most 250 per option',
      }),
    ])
  })

  it('a custom field value longer than 250 characters is an error at the attribute', async () => {
    const dir = await aCatalog({
      files: {'products/long.yaml': `sku: LONG\nname: Long\nprice: 1\nattributes:\n  material: ${'x'.repeat(251)}\n`},
    })
    const {diagnostics} = await loadRelative(dir)
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'products/long.yaml',
        line: 5,
        col: 13,
        rule: 'custom-field/length',
        message: 'custom field "Material" value is 251 characters; it must be 1–250',
      }),
    ])
  })

  it('an empty custom field value is an error', async () => {
    const dir = await aCatalog({files: {'products/empty.yaml': `sku: E\nname: E\nprice: 1\nattributes:\n  material: ''\n`}})
    const {diagnostics} = await loadRelative(dir)
    expect(diagnostics).toEqual([
      expect.objectContaining({line: 5, rule: 'custom-field/length', message: 'custom field "Material" value is 0 characters; it must be 1–250'}),
    ])
  })

  it('more than 200 custom fields on a product is an error at `attributes`', async () => {
    const attributes = Array.from({length: 201}, (_, i) => `  attr_${i}: v${i}`).join('\n')
    const dir = await aCatalog({files: {'products/wide.yaml': `sku: WIDE\nname: Wide\nprice: 1\nattributes:\n${attributes}\n`}})
    const {diagnostics} = await loadRelative(dir)
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'products/wide.yaml',
        line: 4,
        col: 1,
        rule: 'custom-field/too-many',
        message: 'product WIDE would get 201 custom fields; BigCommerce allows at most 200',
      }),
    ])
  })

  it('attributes mapped to metafields do not count as custom fields', async () => {
    const attributes = Array.from({length: 201}, (_, i) => `  attr_${i}: v${i}`).join('\n')
    const dir = await aCatalog({
      files: {
        'products/wide.yaml': `sku: WIDE\nname: Wide\nprice: 1\nattributes:\n${attributes}\n`,
        'templates/bigcommerce.yaml':
          'rules:\n  - attribute: material\n    custom_field: Material\n  - attribute: color_hex\n    variant_metafield: {namespace: swatch, key: hex}\n  - attribute: attr_0\n    metafield: {namespace: specs, key: attr_0}\n',
      },
    })
    expect((await loadRelative(dir)).diagnostics).toEqual([])
  })
})

describe('more semantic rules', () => {
  it('SKUs collide case-insensitively between products', async () => {
    const dir = await aCatalog({files: {'products/zz.yaml': 'sku: mug\nname: Another Mug\nprice: 3\n'}})
    expect((await loadRelative(dir)).diagnostics).toEqual([
      expect.objectContaining({
        file: 'products/zz.yaml',
        line: 1,
        col: 6,
        rule: 'sku/duplicate',
        message: 'SKU mug is already used by product (products/mug.yaml:1)',
      }),
    ])
  })

  it('a brand spelt two ways is a warning', async () => {
    const dir = await aCatalog({files: {'products/zz.yaml': 'sku: BOWL\nname: Bowl\nbrand: ACME\nprice: 3\n'}})
    expect((await loadRelative(dir)).diagnostics).toEqual([
      expect.objectContaining({line: 3, col: 8, severity: 'warning', rule: 'brand/inconsistent-case', message: 'brand "ACME" is spelt "Acme" elsewhere'}),
    ])
  })

  it('static categories need an id for every path a product uses', async () => {
    const dir = await aCatalog({
      files: {'categories.yaml': 'mode: static\nstatic:\n  Apparel/Tops/T-Shirts: 23\n'},
    })
    expect((await loadRelative(dir)).diagnostics).toEqual([
      expect.objectContaining({
        file: 'products/mug.yaml',
        line: 5,
        col: 14,
        rule: 'category/undeclared',
        message: 'category "Home/Mugs" is not declared in categories.yaml',
        hint: 'In static mode every category needs an id under `static:`.',
      }),
    ])
  })

  it('two price lists with one name, a bad tier range and an over-precise tier amount', async () => {
    const dir = await aCatalog({
      files: {
        'price-lists/zz.yaml':
          'name: wholesale\ncurrency: USD\nprices:\n  MUG:\n    price: 4\n    tiers:\n      - {quantity_min: 10, quantity_max: 5, type: price, amount: 0.123456}\n',
      },
    })
    const {diagnostics} = await loadRelative(dir)
    expect(diagnostics.map((d) => [d.file, d.line, d.col, d.rule, d.message])).toEqual([
      ['price-lists/zz.yaml', 1, 7, 'price-list/duplicate-name', 'price list name "wholesale" is also used by price-lists/wholesale.yaml'],
      ['price-lists/zz.yaml', 7, 42, 'price-list/tier-range', 'tier 1 for MUG: quantity_max 5 is below quantity_min 10'],
      ['price-lists/zz.yaml', 7, 66, 'price/precision', 'tier 1 amount 0.123456 for MUG has more than 4 decimals'],
    ])
  })

  it('two location keys with one BigCommerce id', async () => {
    const dir = await aCatalog({files: {'catalogctl.yaml': 'locations:\n  main: {id: 1}\n  backup: {id: 1}\ncustomer_groups:\n  Wholesale: {}\n'}})
    expect((await loadRelative(dir)).diagnostics).toEqual([
      expect.objectContaining({file: 'catalogctl.yaml', line: 3, col: 16, rule: 'config/duplicate-location', message: 'locations main and backup both use id 1'}),
    ])
  })

  it('a cron expression with six fields is rejected (GitHub and the scheduler use five)', async () => {
    const dir = await aCatalog({files: {'schedules.yaml': "jobs:\n  - name: x\n    cron: '0 0 * * * *'\n"}})
    expect((await loadRelative(dir)).diagnostics).toEqual([
      expect.objectContaining({line: 3, col: 11, rule: 'schedule/cron', message: 'cron "0 0 * * * *" is invalid: has 6 fields; use 5 (minute hour day-of-month month day-of-week)'}),
    ])
  })

  it('the loader applies schema defaults and keeps each product source line', async () => {
    const {catalog} = await loadRelative(await aCatalog({overlays: ['list-file'], files: {'products/more.yaml': '# list\n- sku: CUP\n  name: Cup\n  price: 4\n\n- sku: PLATE\n  name: Plate\n  price: 6\n'}}))
    expect(catalog.config.channel).toBe(1)
    expect(catalog.config.store?.access_token_env).toBe('BIGCOMMERCE_ACCESS_TOKEN')
    expect(catalog.config.guardrails).toEqual({max_change_share: 0.3, max_delete_share: 0.3, max_price_drop: 0.5})
    expect(catalog.config.prune).toEqual({products: 'off', brands: 'off', categories: 'off'})
    const plate = catalog.products.find((p) => p.sku === 'PLATE')
    expect(plate).toMatchObject({status: 'active', type: 'physical', weight: 0})
    expect(plate?.source.line).toBe(6)
    expect(catalog.products.find((p) => p.sku === 'CUP')?.source.line).toBe(2)
    expect(catalog.inventory).toContainEqual({sku: 'MUG', location: 'main', quantity: 10, source: {file: expect.stringMatching(/inventory\/main\.yaml$/), line: 5}})
    expect(catalog.schedules.jobs?.[0]).toMatchObject({mode: 'delta', enabled: true})
    expect(catalog.template.unmapped_attributes).toBe('custom_field')
    expect(catalog.template.fields?.brand_name).toBe('brand')
  })
})
