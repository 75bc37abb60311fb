import {afterAll, describe, expect, it} from 'vitest'

import {aCatalog, loadRelative, removeCatalogs} from './catalog-fixture.js'

afterAll(removeCatalogs)

interface Expected {
  file: string
  line: number
  col: number
  severity?: 'error' | 'warning'
  rule: string
  message: string
  hint?: string
}

/**
 * Each case overlays one broken fixture (test/fixtures/catalog/broken/<case>/) on the valid base catalog
 * and expects exactly these diagnostics: file, line, column, rule and message.
 */
const cases: Record<string, Expected[]> = {
  'unknown-key': [
    {file: 'products/cap.yaml', line: 4, col: 1, rule: 'schema/unknown-key', message: 'unknown key `sale_prize` in the product', hint: 'did you mean `sale_price`?'},
  ],
  'missing-required': [
    {file: 'products/cap.yaml', line: 1, col: 1, rule: 'schema/required', message: 'the product is missing the required key `price`', hint: 'add `price:`'},
  ],
  'wrong-type': [{file: 'products/cap.yaml', line: 3, col: 8, rule: 'schema/type', message: '`price` must be a number, not string "twenty"'}],
  'bad-enum': [
    {file: 'products/cap.yaml', line: 4, col: 9, rule: 'schema/enum', message: '`status` must be one of active, inactive, not "actve"', hint: 'did you mean `active`?'},
  ],
  'negative-price': [{file: 'products/cap.yaml', line: 7, col: 12, rule: 'schema/minimum', message: '`variants[0].price` must be >= 0, not -1'}],
  'template-one-of': [
    {file: 'templates/bigcommerce.yaml', line: 2, col: 5, rule: 'schema/one-of', message: '`rules[0]` must have exactly one of `custom_field`, `metafield`, `variant_metafield`'},
  ],
  'list-file': [
    {file: 'products/more.yaml', line: 9, col: 3, rule: 'schema/unknown-key', message: 'unknown key `weigth` in product 2', hint: 'did you mean `weight`?'},
  ],
  'malformed-yaml': [
    {file: 'products/cap.yaml', line: 4, col: 1, rule: 'yaml/syntax', message: 'malformed YAML: unexpected end of the stream within a flow collection'},
  ],
  'duplicate-key': [{file: 'products/cap.yaml', line: 4, col: 1, rule: 'yaml/duplicate-key', message: 'duplicate key in a mapping'}],
  'empty-file': [{file: 'products/cap.yaml', line: 1, col: 1, rule: 'file/empty', message: 'file is empty (no YAML content)'}],
  'multiple-documents': [
    {file: 'products/cap.yaml', line: 1, col: 1, rule: 'yaml/multiple-documents', message: 'file holds more than one YAML document (`---`)'},
  ],
  'duplicate-sku': [
    {file: 'products/tee.yaml', line: 12, col: 10, rule: 'sku/duplicate', message: 'SKU TEE-S-RED is already used by a variant of HOODIE (products/hoodie.yaml:1)'},
  ],
  'duplicate-name': [
    {file: 'products/tee.yaml', line: 2, col: 7, rule: 'product/duplicate-name', message: 'product name "Test Tee" is already used (products/tee-copy.yaml:1)'},
  ],
  'variant-option-names': [
    {file: 'products/cap.yaml', line: 8, col: 14, rule: 'variant/option-names', message: 'variant CAP-M-RED has options Colour, Size; the first variant has Color, Size'},
  ],
  'variant-duplicate-options': [
    {file: 'products/cap.yaml', line: 8, col: 14, rule: 'variant/duplicate-options', message: 'variant CAP-M-RED has the same options as variant CAP-S-RED (Color: red, Size: S)'},
  ],
  'variant-option-order': [
    {file: 'products/cap.yaml', line: 4, col: 15, rule: 'variant/option-order', message: 'option_order lists Size, Colour but the variants use Color, Size'},
  ],
  'category-name-length': [
    {file: 'categories.yaml', line: 4, col: 5, rule: 'category/name-length', message: 'category name "An extraordinarily long category name for ceramic mugs" is 54 characters; at most 50 are allowed'},
  ],
  'category-depth': [
    {file: 'categories.yaml', line: 4, col: 5, rule: 'category/depth', message: 'category path "A/B/C/D/E/F/G/H/I" is 9 levels deep; at most 8 are allowed'},
  ],
  'category-undeclared': [
    {file: 'products/mug.yaml', line: 4, col: 25, rule: 'category/undeclared', message: 'category "Home/Cups" is not declared in categories.yaml'},
  ],
  'image-url': [
    {file: 'products/mug.yaml', line: 6, col: 10, rule: 'image/url', message: 'image URL "images/mug-side.jpg" is not an absolute http(s) URL'},
  ],
  'inventory-unknown-sku': [
    {file: 'inventory/main.yaml', line: 4, col: 3, rule: 'inventory/unknown-sku', message: 'SKU TEE-L-RED is not in the catalog', hint: 'did you mean `TEE-S-RED`?'},
  ],
  'inventory-unknown-location': [
    {file: 'inventory/main.yaml', line: 1, col: 11, rule: 'inventory/unknown-location', message: 'location "mian" is not declared in catalogctl.yaml'},
  ],
  'inventory-parent-sku': [
    {file: 'inventory/main.yaml', line: 3, col: 3, rule: 'inventory/parent-sku', message: 'SKU TEE is a product with variants; stock is kept per variant'},
  ],
  'inventory-duplicate': [
    {file: 'inventory/main.yaml', line: 3, col: 3, rule: 'inventory/duplicate', message: 'stock for TEE-S-RED at main is already set (inventory/backup.csv:3)'},
  ],
  'inventory-csv-quantity': [
    {file: 'inventory/backup.csv', line: 3, col: 18, rule: 'inventory/quantity', message: 'quantity "-2" for TEE-S-RED is not a whole number from 0 to 2147483647'},
  ],
  'inventory-csv-header': [
    {file: 'inventory/backup.csv', line: 1, col: 1, rule: 'inventory/csv-header', message: 'CSV header must be sku,location,quantity; missing quantity; unknown qty'},
  ],
  'price-list-unknown-sku': [
    {file: 'price-lists/wholesale.yaml', line: 5, col: 3, rule: 'price-list/unknown-sku', message: 'SKU MUG-XL is not in the catalog'},
  ],
  'price-list-unknown-group': [
    {file: 'price-lists/wholesale.yaml', line: 3, col: 30, rule: 'price-list/unknown-group', message: 'customer group "Retail" is not declared in catalogctl.yaml'},
  ],
  'price-list-parent-sku': [
    {file: 'price-lists/wholesale.yaml', line: 4, col: 3, rule: 'price-list/parent-sku', message: 'SKU TEE is a product with variants; price-list records are per variant'},
  ],
  'price-precision': [{file: 'products/mug.yaml', line: 3, col: 8, rule: 'price/precision', message: '`price` 9.12345 has more than 4 decimals'}],
  'sale-above-price': [
    {file: 'products/mug.yaml', line: 4, col: 13, severity: 'warning', rule: 'price/sale-above-price', message: 'sale_price 12 is above price 9.5'},
  ],
  'schedule-cron': [{file: 'schedules.yaml', line: 3, col: 11, rule: 'schedule/cron', message: 'cron "0 25 * * *" is invalid: Invalid value for hour: 25'}],
  'schedule-timezone': [
    {file: 'schedules.yaml', line: 4, col: 15, rule: 'schedule/timezone', message: 'time zone "Europe/Berln" is not a known IANA time zone', hint: 'did you mean `Europe/Berlin`?'},
  ],
  'template-unused-attribute': [
    {file: 'templates/bigcommerce.yaml', line: 4, col: 16, severity: 'warning', rule: 'template/unused-attribute', message: 'rule for attribute "materail_care" matches no product attribute'},
  ],
}

describe('validation rules (broken fixtures)', () => {
  it('the base fixture is valid', async () => {
    const {diagnostics} = await loadRelative(await aCatalog())
    expect(diagnostics).toEqual([])
  })

  for (const [name, expected] of Object.entries(cases)) {
    it(`${name}: ${expected.map((e) => e.rule).join(', ')}`, async () => {
      const {diagnostics} = await loadRelative(await aCatalog({overlays: [name]}))
      expect(diagnostics).toHaveLength(expected.length)
      expected.forEach((want, index) => {
        const {hint, severity = 'error', ...rest} = want
        expect(diagnostics[index]).toMatchObject({...rest, severity, ...(hint === undefined ? {} : {hint})})
      })
    })
  }
})
