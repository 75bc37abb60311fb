import {execFileSync} from 'node:child_process'
import {readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {someCatalogProducts} from './helpers/catalog-factory.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'

interface DriftJson {
  drift: {
    kind: string
    key: string
    date_modified: string | null
    fields: {path: string; catalog: unknown; live: unknown}[]
  }[]
  pending: {kind: string; key: string}[]
  last_applied_commit: string | null
  notes: string[]
  written?: {updated: string[]}
}

const PRODUCTS = 'products/products.yaml'

// Issue 8 "Drift": admin edits in the store are listed (not YAML changes), and written back on request.
describe('031 drift: store changes that are not catalog changes', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
      cwd: catalog.root,
      encoding: 'utf8',
    })
  const commitAll = (message: string) => {
    git('add', '-A')
    git('commit', '-q', '--allow-empty', '-m', message)
  }

  async function drift(extra: string[] = []): Promise<{exitCode: number; report: DriftJson}> {
    const result = await cli.run(['drift', '--dir', 'catalog', '--json', ...extra])
    expect([0, 2], result.stdout + result.stderr).toContain(result.exitCode)
    return {exitCode: result.exitCode, report: JSON.parse(result.stdout) as DriftJson}
  }

  async function productId(sku: string): Promise<number> {
    const found = await store.api<{data: {id: number}[]}>('GET', `/v3/catalog/products?sku=${sku}`)
    const id = found.body.data[0]?.id
    expect(id).toBeDefined()
    return id as number
  }

  /** The store's delta markers (src/delta/store-marker.ts) are the first source of the last applied commit. */
  async function forgetStoreMarkers(): Promise<void> {
    const markers = await store.api<{data: {id: number; key: string}[]}>(
      'GET',
      '/v3/store/metafields?namespace=catalogctl',
    )
    const lastApplies = markers.body.data.filter((metafield) => metafield.key.startsWith('last-apply.'))
    expect(lastApplies.length).toBeGreaterThan(0)
    for (const metafield of lastApplies)
      expect((await store.api('DELETE', `/v3/store/metafields/${metafield.id}`)).status).toBe(204)
  }

  beforeAll(async () => {
    store = await startE2eStore()
    catalog = await CatalogDir.fromParts({products: someCatalogProducts(3)})
    cli = new Catalogctl(catalog, store.env)
    await writeFile(`${catalog.root}/.gitignore`, '.catalogctl/\n')
    git('init', '-q')
    commitAll('catalog')
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  it('no drift right after an apply (exit 0)', async () => {
    const {exitCode, report} = await drift()
    expect(exitCode).toBe(0)
    expect(report.drift).toEqual([])
    expect(report.last_applied_commit).toBe(git('rev-parse', 'HEAD').trim())
  })

  it('an admin edit is drift: per field, with the live value and the date it changed (exit 2)', async () => {
    const id = await productId('E2E-02')
    expect(
      (await store.api('PUT', `/v3/catalog/products/${id}`, {price: 99.5, name: 'Renamed by the admin'}))
        .status,
    ).toBe(200)
    const {exitCode, report} = await drift()
    expect(exitCode).toBe(2)
    expect(report.drift).toHaveLength(1)
    const [record] = report.drift
    expect(record).toMatchObject({kind: 'product', key: 'E2E-02'})
    expect(record?.fields).toEqual(
      expect.arrayContaining([
        {path: 'price', catalog: 12, live: 99.5},
        {path: 'name', catalog: 'E2E Widget 02', live: 'Renamed by the admin'},
      ]),
    )
    expect(record?.date_modified).toMatch(/^\d{4}-\d\d-\d\dT/)
    const text = await cli.run(['drift', '--dir', 'catalog'])
    expect(text.exitCode).toBe(2)
    expect(text.stdout).toContain('~ product E2E-02')
    expect(text.stdout).toContain('price: catalog')
    expect(text.stdout).toContain('modified in the store')
  })

  it('a record whose YAML changed since the last apply is a pending catalog change, not drift', async () => {
    await catalog.editProduct(PRODUCTS, 'E2E-01', (product) => {
      product['price'] = 42
    })
    commitAll('raise E2E-01')
    const {report} = await drift()
    // Told apart per record, not per file: E2E-02 shares the file but its YAML did not change.
    expect(report.pending.map((record) => record.key)).toEqual(['E2E-01'])
    expect(report.drift.map((record) => record.key)).toEqual(['E2E-02'])
    git('revert', '--no-edit', 'HEAD')
    const back = await drift()
    expect(back.report.pending).toEqual([])
    expect(back.report.drift.map((record) => record.key)).toEqual(['E2E-02'])
  })

  it('drift --write writes the live values back, keeping comments; then plan is empty', async () => {
    const original = await readFile(catalog.file(PRODUCTS), 'utf8')
    const commented = `# Products of the e2e catalog.\n${original.replace(/^(\s*)price: 12$/m, '$1price: 12 # agreed with buying')}`
    expect(commented).toContain('# agreed with buying')
    await writeFile(catalog.file(PRODUCTS), commented)
    commitAll('comment')

    const {exitCode, report} = await drift(['--write'])
    expect(exitCode).toBe(2)
    expect(report.written?.updated).toEqual([PRODUCTS])
    const after = await readFile(catalog.file(PRODUCTS), 'utf8')
    expect(after).toContain('# Products of the e2e catalog.')
    expect(after).toContain('price: 99.5 # agreed with buying')
    expect(after).toContain('name: Renamed by the admin')
    // Nothing else moved: the other products' lines are as they were.
    expect(after.split('\n').length).toBe(commented.split('\n').length)
    await cli.expectNoChanges()
  })

  it('store-owned fields (catalogctl.yaml store_owned_fields) are never drift nor plan changes', async () => {
    await catalog.editConfig((config) => {
      config['store_owned_fields'] = ['description']
    })
    commitAll('merchandisers own descriptions')
    const id = await productId('E2E-03')
    const edited = await store.api('PUT', `/v3/catalog/products/${id}`, {
      description: '<p>Written in the admin.</p>',
    })
    expect(edited.status).toBe(200)
    const {exitCode, report} = await drift()
    expect(exitCode).toBe(0)
    expect(report.drift).toEqual([])
    await cli.expectNoChanges()
  })

  it('without a known last apply every difference is drift, with a note saying so', async () => {
    const id = await productId('E2E-01')
    expect((await store.api('PUT', `/v3/catalog/products/${id}`, {price: 5})).status).toBe(200)
    await rm(path.join(catalog.root, '.catalogctl', 'history'), {recursive: true, force: true})
    // Without this machine's run history the store's marker still knows the last apply (catalogctl.yaml
    // changed since, so the difference is a pending catalog change).
    const fromMarker = await drift()
    expect(fromMarker.report.last_applied_commit).toMatch(/^[0-9a-f]{40}$/)
    expect(fromMarker.report.pending.map((record) => record.key)).toEqual(['E2E-01'])
    await forgetStoreMarkers()
    const {exitCode, report} = await drift()
    expect(exitCode).toBe(2)
    expect(report.last_applied_commit).toBeNull()
    expect(report.drift.map((record) => record.key)).toEqual(['E2E-01'])
    expect(report.notes.join('\n')).toContain('cannot be told apart')
  })
})
