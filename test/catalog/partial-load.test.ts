import {afterAll, describe, expect, it} from 'vitest'

import {loadCatalog} from '../../src/catalog/index.js'
import {aCatalog, removeCatalogs} from './catalog-fixture.js'

afterAll(removeCatalogs)

/**
 * `onlyProductFiles` (a narrow delta, src/delta/narrow-catalog.ts): only those product files are loaded;
 * stock rows and price records of the others are neither flagged nor checked, those of the loaded
 * products are checked as always.
 */
describe('a partial catalog load', () => {
  it('loads only the named product files, and does not flag rows of the others', async () => {
    const dir = await aCatalog()
    const whole = await loadCatalog(dir)
    const partial = await loadCatalog(dir, {onlyProductFiles: new Set(['products/mug.yaml'])})
    expect(whole.products.map((product) => product.sku).sort()).toEqual(['MUG', 'TEE'])
    expect(partial.products.map((product) => product.sku)).toEqual(['MUG'])
    expect(partial.partial).toBe(true)
    expect(partial.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    // Stock and price rows are kept for the loaded products only.
    expect(partial.inventory).toEqual(whole.inventory.filter((row) => row.sku === 'MUG'))
    expect(partial.priceLists.map((list) => Object.keys(list.prices))).toEqual([['MUG']])
  })

  it('still checks the rows of the products it loaded', async () => {
    const dir = await aCatalog({
      files: {'inventory/main.yaml': 'location: main\nstock:\n  TEE: 5\n  MUG: 10\n  NOPE: 1\n'},
    })
    const partial = await loadCatalog(dir, {onlyProductFiles: new Set(['products/tee.yaml'])})
    // TEE (loaded) has variants: its row is an error; NOPE names no loaded product: not flagged.
    expect(partial.diagnostics.map((d) => d.rule)).toEqual(['inventory/parent-sku'])
    const whole = await loadCatalog(dir)
    expect(whole.diagnostics.map((d) => d.rule).sort()).toEqual(['inventory/parent-sku', 'inventory/unknown-sku'])
  })

  it('skipPriceLists leaves the price lists unread', async () => {
    const dir = await aCatalog()
    const partial = await loadCatalog(dir, {onlyProductFiles: new Set(['products/mug.yaml']), skipPriceLists: true})
    expect(partial.priceLists).toEqual([])
    expect((await loadCatalog(dir)).priceLists.map((list) => list.name)).toEqual(['Wholesale'])
  })

  it('a missing catalogctl.yaml is still an error; onlyConfig loads nothing else', async () => {
    const dir = await aCatalog()
    const config = await loadCatalog(dir, {onlyConfig: true})
    expect(config.products).toEqual([])
    expect(config.inventory).toEqual([])
    expect(config.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(config.config).toEqual((await loadCatalog(dir)).config)
  })
})
