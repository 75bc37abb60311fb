import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {OWNERSHIP_NAMESPACE} from '../../src/model/ownership.js'
import type {SandboxData} from '../../src/sandbox/state.js'
import {CatalogDir} from './helpers/catalog-dir.js'
import {someCatalogProducts} from './helpers/catalog-factory.js'
import {Catalogctl, type ReportJson} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {productBySku} from './helpers/store-diff.js'

const isMarked = (data: SandboxData, sku: string) =>
  productBySku(data, sku).metafields.some((metafield) => metafield.namespace === OWNERSHIP_NAMESPACE)
const withSku = (data: SandboxData, sku: string) => data.products.filter((p) => p.data.sku === sku)

// Scenarios 4 and 7 (issue 5): products without the catalogctl marker are counted and never touched; a
// catalog SKU that exists unmarked is adopted; a create that meets a 409 (the SKU appeared between plan
// and apply) adopts the product instead of duplicating it.
describe('005 ownership: unmanaged products, adoption, 409 on create', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  beforeAll(async () => {
    store = await startE2eStore()
    catalog = await CatalogDir.fromParts({products: someCatalogProducts(3)})
    cli = new Catalogctl(catalog, store.env)
  })

  beforeEach(async () => {
    await store.reset()
    await catalog.editConfig((config) => {
      delete config['prune']
    })
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  /** Another app (or the merchant) creates a product directly: no catalogctl marker. */
  async function createDirectly(sku: string, price: number): Promise<void> {
    const response = await store.api('POST', '/v3/catalog/products', {
      name: `Directly created ${sku}`,
      type: 'physical',
      weight: 2,
      price,
      sku,
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
  }

  it('unmanaged products are counted and never touched, even under prune: delete', async () => {
    await createDirectly('OTHER-1', 5)
    await createDirectly('OTHER-2', 6)
    const plan = await cli.planJson()
    // 3 products, their brand and 2 category levels; the 2 direct products are only counted.
    expect(plan.summary).toMatchObject({create: 6, update: 0, delete: 0, unmanaged: 2, adopt: 0})
    expect(plan.changes.some((change) => change.key.startsWith('OTHER'))).toBe(false)

    await catalog.editConfig((config) => {
      config['prune'] = {products: 'delete'}
    })
    const before = await store.dump()
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes', '--allow-deletes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).toContain(
      'Plan: 6 to create, 0 to update, 0 to delete (0 unchanged, 2 unmanaged).',
    )
    const after = await store.dump()
    for (const sku of ['OTHER-1', 'OTHER-2']) {
      expect(productBySku(after, sku)).toEqual(productBySku(before, sku))
      expect(isMarked(after, sku)).toBe(false)
    }
    expect(store.writes.filter((write) => write.method === 'DELETE')).toEqual([])
    await cli.expectNoChanges()
    expect((await cli.planJson()).summary).toMatchObject({unchanged: 3, unmanaged: 2})
  })

  it('a catalog SKU that exists unmarked is shown as adopted; apply marks and updates it', async () => {
    await createDirectly('E2E-02', 99)
    const plan = await cli.planJson()
    const adopted = plan.changes.find((change) => change.key === 'E2E-02')
    expect(adopted).toMatchObject({action: 'update', adopt: true})
    expect(adopted?.fields).toContainEqual({path: 'price', before: 99, after: 12})
    expect(plan.summary).toMatchObject({adopt: 1, unmanaged: 0})

    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    expect(applied.stdout).toContain(
      '~ product E2E-02 will be adopted (exists in the store without the catalogctl marker)',
    )
    const after = await store.dump()
    expect(withSku(after, 'E2E-02')).toHaveLength(1)
    expect(isMarked(after, 'E2E-02')).toBe(true)
    expect(productBySku(after, 'E2E-02').data['price']).toBe(12)
    expect(productBySku(after, 'E2E-02').data['name']).toBe('E2E Widget 02')
    await cli.expectNoChanges()
  })

  it('a 409 on create (the SKU appeared between plan and apply) is adopted, never duplicated', async () => {
    let raced = false
    store.beforeWrite = async (write) => {
      const body = write.body as {sku?: string} | undefined
      if (raced || write.method !== 'POST' || write.path !== '/v3/catalog/products' || body?.sku !== 'E2E-03')
        return
      raced = true
      await createDirectly('E2E-03', 77)
    }
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes', '--json'])
    expect(raced).toBe(true)
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
    const report = JSON.parse(applied.stdout) as ReportJson
    const result = report.results.find((candidate) => candidate.key === 'E2E-03')
    expect(result).toMatchObject({action: 'create', status: 'warning'})
    expect(result?.message).toContain('SKU E2E-03 already existed in the store; adopted and updated it')
    expect(report.results.filter((r) => r.kind === 'product' && r.status === 'applied')).toHaveLength(2)

    const after = await store.dump()
    expect(withSku(after, 'E2E-03')).toHaveLength(1)
    expect(isMarked(after, 'E2E-03')).toBe(true)
    expect(productBySku(after, 'E2E-03').data['price']).toBe(13)
    const stats = await store.stats()
    expect(stats.byStatus['409']).toBe(1)
    await cli.expectNoChanges()
  })
})
