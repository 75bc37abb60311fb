import {readFile} from 'node:fs/promises'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {someCatalogProducts} from './helpers/catalog-factory.js'
import {Catalogctl, type ReportJson} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {productBySku} from './helpers/store-diff.js'

const FILE = 'products/products.yaml'
const TOO_LONG_UPC = '12345678901234567890'

// Scenario 8 (issue 5): a batch of price updates where one product fails (BigCommerce's 422: upc is at most
// 14 characters). The others apply, apply exits 3, the failure carries BigCommerce's own message and
// response, and the next plan shows only the failed product.
describe('007 one product fails (422) while the others apply', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  beforeAll(async () => {
    store = await startE2eStore()
    const products = someCatalogProducts(6).map((product, index) => ({
      ...product,
      attributes: {...(product['attributes'] as object), upc: `0000000000${index + 1}`},
    }))
    catalog = await CatalogDir.fromParts({config: {guardrails: {max_change_share: 1}}, products})
    await catalog.writeYaml('templates/bigcommerce.yaml', {fields: {upc: 'attributes.upc'}})
    cli = new Catalogctl(catalog, store.env)
    const created = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(created.exitCode, created.stdout + created.stderr).toBe(0)
    expect(productBySku(await store.dump(), 'E2E-03').data['upc']).toBe('00000000003')
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  it('exit 3, five applied, the failed one with BigCommerce’s message; the next plan shows only it', async () => {
    const products = await catalog.readYaml<Record<string, unknown>[]>(FILE)
    for (const product of products) {
      if (product['sku'] === 'E2E-03')
        (product['attributes'] as Record<string, unknown>)['upc'] = TOO_LONG_UPC
      else product['price'] = Number(product['price']) + 100
    }
    await catalog.writeYaml(FILE, products)

    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(3)
    expect(applied.stdout).toMatch(/mapped\.upc: "?00000000003"? → "?12345678901234567890"?/)
    expect(applied.stdout).toContain('Apply: 5 applied, 0 warnings, 1 failed, 0 skipped')
    // The failure, in BigCommerce's words: its title, then its per-field errors.
    const failure = /^✗ .*(?:\n {2}.*)*/m.exec(applied.stdout)?.[0]
    expect(failure).toContain('✗ product E2E-03 failed to update: ')
    expect(failure).toContain('returned 422: JSON data is missing or invalid')
    expect(failure).toContain('upc: upc must be at most 14 characters (HTTP 422)')
    expect(applied.stdout.match(/^✗ /gm)).toHaveLength(1)

    const historyFile = /Run \S+ kept in (.+\.json)/.exec(applied.stderr)?.[1]
    const report = JSON.parse(await readFile(historyFile as string, 'utf8')) as ReportJson
    const failed = report.results.filter((result) => result.status === 'failed')
    expect(failed.map((result) => result.key)).toEqual(['E2E-03'])
    expect(failed[0]?.response?.status).toBe(422)
    expect(JSON.stringify(failed[0]?.response?.body)).toContain('upc')
    expect(
      report.results
        .filter((result) => result.status === 'applied')
        .map((result) => result.key)
        .sort(),
    ).toEqual(['E2E-01', 'E2E-02', 'E2E-04', 'E2E-05', 'E2E-06'])

    const data = await store.dump()
    for (const product of products) {
      const live = productBySku(data, product['sku'] as string).data
      if (product['sku'] === 'E2E-03') expect(live).toMatchObject({upc: '00000000003', price: 13})
      else expect(live['price']).toBe(product['price'])
    }

    const plan = await cli.planJson()
    expect(plan.changes.map((change) => [change.key, change.fields])).toEqual([
      ['E2E-03', [{path: 'mapped.upc', before: '00000000003', after: TOO_LONG_UPC}]],
    ])
    const replan = await cli.run(['plan', '--dir', 'catalog', '--detailed-exitcode'])
    expect(replan.exitCode).toBe(2)
    expect(replan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to delete (5 unchanged, 0 unmanaged).')
  })
})
