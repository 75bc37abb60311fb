import {readFile} from 'node:fs/promises'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {aCatalogProduct} from './helpers/catalog-factory.js'
import {Catalogctl, type ReportJson} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {liveVariants, variantRows} from './helpers/variant-catalog.js'

const FILE = 'products/products.yaml'
type Variant = {sku: string; options: Record<string, string>; [field: string]: unknown}
const values = (prefix: string, count: number) =>
  Array.from({length: count}, (_, index) => `${prefix}${String(index + 1).padStart(3, '0')}`)

// Issue 6, "Done when": variant metafields through the batch endpoint, a variant SKU owned by another
// product (409), a batch of 120 variant updates where 2 fail and 118 apply, a product at the 600-variant
// limit. Every successful apply is followed by an empty re-plan; a partial one by a plan of what is left.
describe('014 variant metafields, failures and limits', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  const editVariants = (sku: string, edit: (variants: Variant[]) => Variant[]) =>
    catalog.editProduct(FILE, sku, (product) => {
      product['variants'] = edit(product['variants'] as Variant[])
    })

  beforeAll(async () => {
    store = await startE2eStore()
    const tee = aCatalogProduct(1, {
      sku: 'TEE',
      name: 'Tee',
      variants: variantRows('TEE', {Color: ['Navy', 'Red']}).map((variant, index) => ({
        ...variant,
        attributes: {color_hex: index === 0 ? '#1F2A44' : '#B22222'},
      })),
    })
    const big = aCatalogProduct(2, {
      sku: 'BIG',
      name: 'Big',
      variants: variantRows('BIG', {Part: values('P', 120)}),
    })
    const max = aCatalogProduct(3, {
      sku: 'MAX',
      name: 'Max',
      variants: variantRows('MAX', {A: values('A', 25), B: values('B', 24)}),
    })
    catalog = await CatalogDir.fromParts({
      config: {guardrails: {max_change_share: 1}},
      products: [tee, big, max],
    })
    await catalog.writeYaml('templates/bigcommerce.yaml', {
      rules: [{attribute: 'color_hex', variant_metafield: {namespace: 'swatch', key: 'hex'}}],
    })
    cli = new Catalogctl(catalog, store.env)
    const created = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(created.exitCode, created.stdout + created.stderr).toBe(0)
    // Another app's product holding a variant SKU the catalog will want.
    const other = await store.api('POST', '/v3/catalog/products', {
      name: 'Other',
      type: 'physical',
      weight: 1,
      price: 5,
      sku: 'OTHER',
      variants: [{sku: 'SHARED-1', option_values: [{option_display_name: 'Size', label: 'One'}]}],
    })
    expect(other.status).toBe(200)
    await cli.expectNoChanges()
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  it('writes variant metafields through the batch endpoint and updates them there', async () => {
    let tee = liveVariants(await store.dump(), 'TEE')
    const navy = tee.find((variant) => variant.sku === 'TEE-NAVY')
    expect(navy?.data).toBeDefined()
    const metafieldsOf = async (sku: string) => {
      const data = await store.dump()
      const product = data.products.find((candidate) => candidate.data.sku === 'TEE')
      return product?.variants.find((variant) => variant.data.sku === sku)?.metafields ?? []
    }
    expect(
      (await metafieldsOf('TEE-NAVY')).map((field) => [field.namespace, field.key, field.value]),
    ).toEqual([['swatch', 'hex', '#1F2A44']])
    await editVariants('TEE', (variants) =>
      variants.map((variant) =>
        variant.sku === 'TEE-RED' ? {...variant, attributes: {color_hex: '#FF0000'}} : variant,
      ),
    )
    store.clearWrites()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).toContain('~ variant TEE-RED: metafields[swatch.hex].value "#B22222" → "#FF0000"')
    expect(store.writes.map((write) => `${write.method} ${write.path}`)).toEqual([
      'PUT /v3/catalog/variants/metafields',
    ])
    expect((await metafieldsOf('TEE-RED')).map((field) => field.value)).toEqual(['#FF0000'])
    tee = liveVariants(await store.dump(), 'TEE')
    expect(tee).toHaveLength(2)
    await cli.expectNoChanges()
  })

  it('never moves or duplicates a variant SKU another product owns (409): the result names the owner', async () => {
    await editVariants('TEE', (variants) => [...variants, {sku: 'SHARED-1', options: {Color: 'Blue'}}])
    const plan = await cli.run(['plan', '--dir', 'catalog'])
    expect(plan.stdout).toContain('+ variant SHARED-1 (Color: Blue)')
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(3)
    expect(applied.stdout).toMatch(
      /✗ variant SHARED-1 failed to create: SKU SHARED-1 already belongs to product OTHER/,
    )
    const data = await store.dump()
    expect(liveVariants(data, 'OTHER').map((variant) => variant.sku)).toEqual(['SHARED-1'])
    expect(liveVariants(data, 'TEE').map((variant) => variant.sku)).not.toContain('SHARED-1')
    const left = await cli.planJson()
    expect(left.changes.map((change) => `${change.action} ${change.kind} ${change.key}`)).toContain(
      'create variant SHARED-1',
    )
    await editVariants('TEE', (variants) => variants.filter((variant) => variant.sku !== 'SHARED-1'))
    await cli.expectNoChanges()
  })

  it('a batch of 120 variant updates where 2 fail: 118 apply, the 2 are reported, the next plan shows them only', async () => {
    await editVariants('BIG', (variants) => variants.map((variant) => ({...variant, price: 40})))
    const victims = liveVariants(await store.dump(), 'BIG').filter(
      (v) => v.sku === 'BIG-P007' || v.sku === 'BIG-P077',
    )
    expect(victims).toHaveLength(2)
    const productId = (await store.dump()).products.find((p) => p.data.sku === 'BIG')?.data.id as number
    // Another app deletes two of the variants between apply's read and its first batch: BigCommerce refuses
    // those items (batch_errors, 404) and the rest of the batch applies.
    // Batches run concurrently: every batch waits until the two deletes are done.
    let deleting: Promise<void> | undefined
    store.beforeWrite = async (write) => {
      if (write.method !== 'PUT' || write.path !== '/v3/catalog/variants') return
      deleting ??= (async () => {
        for (const victim of victims)
          await store.api('DELETE', `/v3/catalog/products/${productId}/variants/${victim.id}`)
      })()
      await deleting
    }
    store.clearWrites()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(3)
    store.beforeWrite = undefined
    expect(applied.stdout).toContain('Apply: 118 applied, 0 warnings, 2 failed, 0 skipped')
    expect(applied.stdout).toMatch(/✗ variant BIG-P007 failed to update: .*404/)
    expect(applied.stdout).toMatch(/✗ variant BIG-P077 failed to update: .*404/)
    const batches = store.writes.filter((write) => write.path === '/v3/catalog/variants')
    // 3 batches of ≤ 50, and the batch that held the two refused items sent again without them.
    expect(batches.map((write) => (write.body as unknown[]).length)).toEqual(
      expect.arrayContaining([50, 50, 20]),
    )
    expect(batches.length).toBeLessThanOrEqual(5)
    const historyFile = /Run \S+ kept in (.+\.json)/.exec(applied.stderr)?.[1]
    const report = JSON.parse(await readFile(historyFile as string, 'utf8')) as ReportJson
    expect(
      report.results
        .filter((result) => result.status === 'failed')
        .map((result) => result.key)
        .sort(),
    ).toEqual(['BIG-P007', 'BIG-P077'])
    const live = liveVariants(await store.dump(), 'BIG')
    expect(live).toHaveLength(118)
    expect(live.every((variant) => variant.data['price'] === 40)).toBe(true)
    const left = await cli.planJson()
    // Options are read from the variants (one list read), so the values the other app's deletes left unused
    // show as values to add; apply finds them in the store's options and adds nothing twice.
    expect(left.changes.map((change) => `${change.action} ${change.kind} ${change.key}`).sort()).toEqual([
      'create variant BIG-P007',
      'create variant BIG-P077',
      'update option BIG:Part',
    ])
    const again = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(again.exitCode, again.stdout + again.stderr).toBe(0)
    await cli.expectNoChanges()
  })

  it('a product at the 600-variant limit: planned as is; one more in the store is a planning error naming it', async () => {
    expect(liveVariants(await store.dump(), 'MAX')).toHaveLength(600)
    // The catalog stays at 600 (valid), but drops one the store keeps (prune off) and adds another: the
    // store would hold 601. Caught against live state, before anything is sent.
    const original = await catalog.readYaml<unknown>(FILE)
    await editVariants('MAX', (variants) => [
      ...variants.slice(1),
      {sku: 'MAX-A001-B025', options: {A: 'A001', B: 'B025'}},
    ])
    store.clearWrites()
    const refused = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(refused.exitCode, refused.stdout + refused.stderr).toBe(4)
    expect(refused.stderr).toContain(
      "MAX would have 601 variants (600 in the store), more than BigCommerce's 600",
    )
    expect(store.writes).toEqual([])
    await catalog.writeYaml(FILE, original)
    await cli.expectNoChanges()
  })
})
