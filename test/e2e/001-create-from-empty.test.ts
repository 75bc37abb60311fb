import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {OWNERSHIP_KEY, OWNERSHIP_NAMESPACE} from '../../src/model/ownership.js'
import {CatalogDir} from './helpers/catalog-dir.js'
import {Catalogctl, type PlanJson, type ReportJson} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {
  exampleCatalogFacts,
  pricingCreates,
  variantCreates,
  type CatalogFacts,
} from './helpers/example-facts.js'

// Scenario 1 (issue 5): the example catalog created in an empty store, per-record results, history.
describe('001 create the example catalog in an empty store', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl
  let facts: CatalogFacts

  beforeAll(async () => {
    store = await startE2eStore()
    catalog = await CatalogDir.copyOf()
    cli = new Catalogctl(catalog, store.env)
    facts = await exampleCatalogFacts(catalog.dir)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  it('plans every brand, category, location, product, stock line and pricing record as a create', async () => {
    const plan: PlanJson = await cli.planJson()
    const count = (kind: string) => plan.changes.filter((change) => change.kind === kind).length
    // A location given by id (east: the default location 1) exists in every store: it is updated.
    const updated = plan.changes.filter((change) => change.action !== 'create')
    expect(updated.map((change) => `${change.kind} ${change.key}`)).toEqual(
      facts.locationsById.map((key) => `location ${key}`),
    )
    expect(count('product')).toBe(facts.skus.length)
    expect(count('brand')).toBe(facts.brands.length)
    expect(count('category')).toBe(facts.categoryPaths.length)
    expect(count('location')).toBe(facts.locationKeys.length)
    expect(count('customer_group')).toBe(facts.pricing.groups.length)
    expect(count('price_list')).toBe(facts.pricing.lists.length)
    expect(count('price_list_assignment')).toBe(facts.pricing.assignments)
    expect(count('price_record')).toBe(facts.pricing.records)
    expect(count('variant')).toBe(facts.variantSkus.length)
    expect(count('option')).toBe(facts.optionCount)
    expect(
      plan.changes
        .filter((change) => change.kind === 'stock')
        .map((change) => change.key)
        .sort(),
    ).toEqual([...facts.stock].sort())
    expect(plan.summary).toMatchObject({
      create: plan.changes.length - updated.length,
      update: updated.length,
      delete: 0,
      unmanaged: 0,
    })
    expect((await store.stats()).byRoute).not.toHaveProperty(['POST /v3/catalog/products'])
  })

  it('applies: exit 0, one applied result per record, a history file', async () => {
    const total =
      facts.skus.length +
      facts.brands.length +
      facts.categoryPaths.length +
      facts.locationKeys.length +
      facts.stock.length +
      pricingCreates(facts) +
      variantCreates(facts)
    const updates = facts.locationsById.length
    const result = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toContain(`Plan: ${total - updates} to create, ${updates} to update, 0 to delete`)
    expect(result.stdout).toContain('+ product NW-TEE-CLASSIC will be created')
    expect(result.stdout).toMatch(new RegExp(`Apply: ${total} applied, 0 warnings, 0 failed, 0 skipped\\.`))

    const kept = /Run (\S+) kept in (.+\.json)/.exec(result.stderr)
    expect(kept, result.stderr).not.toBeNull()
    const [, runId, historyFile] = kept as unknown as [string, string, string]
    expect(path.dirname(historyFile)).toBe(path.join(catalog.dir, '.catalogctl', 'history'))
    expect(existsSync(historyFile)).toBe(true)
    const report = JSON.parse(await readFile(historyFile, 'utf8')) as ReportJson
    expect(report.run_id).toBe(runId)
    expect(report.results).toHaveLength(total)
    expect(report.results.filter((r) => r.status !== 'applied')).toEqual([])
    expect(report.results.filter((r) => r.kind === 'product').map((r) => r.key)).toEqual(
      expect.arrayContaining(facts.skus),
    )
    expect(report.stats.requests).toBeGreaterThan(0)

    const list = await cli.run(['history', '--dir', 'catalog'])
    expect(list.exitCode, list.stderr).toBe(0)
    expect(list.stdout).toMatch(new RegExp(`${runId}\\s+ok\\s+all\\s+${total} applied`))

    const show = await cli.run(['history', 'show', runId, '--dir', 'catalog'])
    expect(show.exitCode, show.stderr).toBe(0)
    for (const sku of facts.skus) expect(show.stdout).toContain(`✓ product ${sku} created`)
    for (const brand of facts.brands) expect(show.stdout).toContain(`✓ brand ${brand} created`)
    expect(show.stdout.split('\n').filter((line) => line.startsWith('✓ '))).toHaveLength(total)

    const shown = await cli.run(['history', 'show', runId.slice(0, 22), '--dir', 'catalog', '--json'])
    expect(shown.exitCode, shown.stderr).toBe(0)
    expect((JSON.parse(shown.stdout) as ReportJson).run_id).toBe(runId)
  })

  it('the store holds exactly the catalog, every product marked as managed', async () => {
    const dump = await store.dump()
    expect(dump.products.map((product) => product.data.sku).sort()).toEqual([...facts.skus].sort())
    expect(dump.brands.map((brand) => brand['name']).sort()).toEqual([...facts.brands].sort())
    const variantSkus = dump.products.flatMap((product) =>
      product.variants
        .filter((variant) => variant.optionValueIds.length > 0)
        .map((variant) => variant.data.sku),
    )
    expect(variantSkus.sort()).toEqual([...facts.variantSkus].sort())
    for (const product of dump.products) {
      const markers = product.metafields.filter(
        (metafield) => metafield.namespace === OWNERSHIP_NAMESPACE && metafield.key === OWNERSHIP_KEY,
      )
      expect(
        markers.map((marker) => marker.permission_set),
        product.data.sku,
      ).toEqual(['app_only'])
      expect(product.images.length, product.data.sku).toBe(facts.imageCount[product.data.sku])
    }
  })

  it('re-plans empty', async () => {
    await cli.expectNoChanges()
    const plan = await cli.planJson()
    expect(plan.changes).toEqual([])
    expect(plan.summary).toMatchObject({
      unchanged: facts.skus.length,
      unmanaged: 0,
    })
  })
})
