import {mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {Catalogctl, type PlanJson} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {ODD_SKUS, seedStoreDirectly} from './helpers/seed-store-directly.js'

interface ImportJson {
  products: {created: number; updated: number; unchanged: number; pruned: number; missing: string[]}
  files: {created: string[]; updated: string[]; deleted: string[]}
  template: {rules: unknown[]; fields: Record<string, string>}
  warnings: string[]
  unmarked: number
  diagnostics: number
}

async function emptyCatalog(): Promise<CatalogDir> {
  return CatalogDir.copyOf(await mkdtemp(path.join(tmpdir(), 'catalogctl-empty-')))
}

async function importInto(cli: Catalogctl, extra: string[] = []): Promise<ImportJson> {
  const result = await cli.run(['import', 'bigcommerce', '--dir', 'catalog', '--json', ...extra])
  expect(result.exitCode, result.stdout + result.stderr).toBe(0)
  return JSON.parse(result.stdout) as ImportJson
}

async function expectValid(cli: Catalogctl): Promise<void> {
  const validated = await cli.run(['validate', '--dir', 'catalog'])
  expect(validated.exitCode, validated.stdout + validated.stderr).toBe(0)
}

/** After an import, the only changes a plan may show are adoptions without field changes. */
function expectOnlyAdoption(plan: PlanJson, adopted: number): void {
  const other = plan.changes.filter(
    (change) => !(change.action === 'update' && change.adopt && change.fields.length === 0),
  )
  expect(other, JSON.stringify(other, null, 1).slice(0, 3000)).toEqual([])
  expect(plan.summary).toMatchObject({create: 0, update: adopted, delete: 0, adopt: adopted})
}

// Issue 9 "Adopt a store": the import writes a catalog that plans clean, re-imports touch only what changed.
describe('030 import bigcommerce: adopt a store', () => {
  let store: E2eStore
  const catalogs: CatalogDir[] = []

  beforeAll(async () => {
    store = await startE2eStore()
  })

  afterAll(async () => {
    await store.stop()
    for (const catalog of catalogs) await catalog.remove()
  })

  it('adopting the store the example catalog was applied to, into an empty folder, plans empty', async () => {
    await store.reset()
    const example = await CatalogDir.copyOf()
    catalogs.push(example)
    const applied = await new Catalogctl(example, store.env).run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)

    const adopted = await emptyCatalog()
    catalogs.push(adopted)
    const cli = new Catalogctl(adopted, store.env)
    const result = await importInto(cli)
    expect(result.products.created).toBe(16)
    expect(result.diagnostics).toBe(0)
    expect(result.unmarked).toBe(0)
    await expectValid(cli)
    await cli.expectNoChanges()
    // Every file carries its schema modeline.
    for (const file of result.files.created) {
      expect(await readFile(adopted.file(file), 'utf8'), file).toMatch(
        /^# yaml-language-server: \$schema=\S+\.schema\.json\n/,
      )
    }
    await cli.expectNoSecret(store.token)
  })

  it('adopting a store built through the API (odd SKUs, a 600-variant product, 3 locations, 2 price lists) plans only adoption', async () => {
    await store.reset()
    const seeded = await seedStoreDirectly(store, {variants: 600})
    const catalog = await emptyCatalog()
    catalogs.push(catalog)
    const cli = new Catalogctl(catalog, store.env)
    const result = await importInto(cli)
    expect(result.products.created).toBe(seeded.productSkus.length)
    expect(result.unmarked).toBe(seeded.productSkus.length)
    expect(result.diagnostics).toBe(0)
    await expectValid(cli)

    // One file per product, names safe on any file system and distinct even where SKUs fold together.
    const files = (await readdir(catalog.file('products'))).sort()
    expect(files).toHaveLength(seeded.productSkus.length)
    for (const file of files) expect(file).toMatch(/^[a-z0-9._-]+\.yaml$/)
    expect(files).toContain('acme-bolt-10mm.yaml')
    expect(files.some((file) => /^acme-bolt-10mm--[0-9a-f]{8}\.yaml$/.test(file))).toBe(true)
    expect(files.some((file) => /^nul--[0-9a-f]{8}\.yaml$/.test(file))).toBe(true)
    const skus = await Promise.all(
      files.map(async (file) => (await catalog.readYaml<{sku: string}>(`products/${file}`)).sku),
    )
    expect(skus.sort()).toEqual([...seeded.productSkus].sort())

    const tee = await catalog.readYaml<{
      variants: {sku: string; options: Record<string, string>; price?: number}[]
      attributes: Record<string, string>
    }>('products/tee-many.yaml')
    expect(tee.variants).toHaveLength(600)
    expect(tee.variants[0]).toMatchObject({
      sku: seeded.variantSkus[0],
      options: {Color: 'Color 1', Size: 'XS'},
      price: 27.5,
    })
    expect(tee.attributes).toMatchObject({Material: 'Cotton', 'Fit / cut': 'Regular'})

    const config = await catalog.readYaml<{
      locations: Record<string, {id: number; code: string}>
      customer_groups: Record<string, {id: number}>
    }>('catalogctl.yaml')
    expect(Object.values(config.locations).map((location) => location.code)).toEqual(
      expect.arrayContaining(['DC-NORTH', 'DC-SOUTH', 'POP-UP']),
    )
    expect(Object.keys(config.customer_groups).sort()).toEqual(['Staff', 'Trade'])
    expect((await readdir(catalog.file('price-lists'))).sort()).toEqual([
      'staff-prices.yaml',
      'trade-prices.yaml',
    ])
    const trade = await catalog.readYaml<{customer_groups: string[]; prices: Record<string, unknown>}>(
      'price-lists/trade-prices.yaml',
    )
    expect(trade.customer_groups).toEqual(['Trade'])
    expect(trade.prices[ODD_SKUS[1] ?? '']).toEqual({
      price: 10,
      tiers: [{quantity_min: 10, type: 'percent', amount: 5}],
    })
    // The metafield no rule named got one; the core field (upc) got a field mapping.
    const template = await readFile(catalog.file('templates/bigcommerce.yaml'), 'utf8')
    expect(template).toContain('namespace: erp, key: supplier_code, permission_set: read')
    expect(template).toContain('upc: attributes.upc')

    const plan = await cli.planJson()
    expectOnlyAdoption(plan, seeded.productSkus.length)
    const text = await cli.run(['plan', '--dir', 'catalog'])
    expect(text.stdout).toContain(
      `${seeded.productSkus.length} products will be adopted (apply marks them as managed by catalogctl; no field changes).`,
    )

    // Apply after review marks them; then the plan is empty.
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    await cli.expectNoChanges()
    await cli.expectNoSecret(store.token)
  })

  it('re-import after an admin edit updates one value in one file and keeps its comments', async () => {
    const catalog = catalogs[catalogs.length - 1] as CatalogDir
    const cli = new Catalogctl(catalog, store.env)
    const file = 'products/acme-bolt-10mm.yaml'
    const original = await readFile(catalog.file(file), 'utf8')
    const commented = original.replace(
      /^price: (.*)$/m,
      '# Priced by the buyer, see ticket 42.\nprice: $1 # list price',
    )
    expect(commented).not.toBe(original)
    await writeFile(catalog.file(file), commented)

    const products = await store.api<{data: {id: number; sku: string}[]}>(
      'GET',
      '/v3/catalog/products?sku=ACME-BOLT-10MM',
    )
    const id = products.body.data[0]?.id
    const edited = await store.api('PUT', `/v3/catalog/products/${id}`, {price: 19.99})
    expect(edited.status).toBe(200)

    const result = await importInto(cli)
    expect(result.files).toEqual({created: [], updated: [file], deleted: []})
    expect(result.products).toMatchObject({created: 0, updated: 1})
    const after = await readFile(catalog.file(file), 'utf8')
    expect(after).toBe(commented.replace(/^price: .* # list price$/m, 'price: 19.99 # list price'))
    await cli.expectNoChanges()
  })

  it('re-import never deletes a file unless --prune', async () => {
    const catalog = catalogs[catalogs.length - 1] as CatalogDir
    const cli = new Catalogctl(catalog, store.env)
    const products = await store.api<{data: {id: number}[]}>(
      'GET',
      `/v3/catalog/products?sku=${encodeURIComponent('nul')}`,
    )
    expect((await store.api('DELETE', `/v3/catalog/products/${products.body.data[0]?.id}`)).status).toBe(204)

    const kept = await importInto(cli)
    expect(kept.files.deleted).toEqual([])
    expect(kept.products.missing).toEqual(['nul'])

    const pruned = await importInto(cli, ['--prune'])
    expect(pruned.products.pruned).toBe(1)
    expect(pruned.files.deleted).toHaveLength(1)
    expect(pruned.files.deleted[0]).toMatch(/^products\/nul--[0-9a-f]{8}\.yaml$/)
    await expectValid(cli)
  })
})
