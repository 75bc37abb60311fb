import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'

import type {BigCommerceClient} from '../../src/bigcommerce/client.js'
import {openCatalogRepo} from '../../src/git/catalog-repo.js'
import {noCatalogChanges, type CatalogChanges} from '../../src/git/changed-products.js'
import {narrowProductFiles} from '../../src/delta/narrow-catalog.js'
import {readStoreMarker, writeStoreMarker, type StoreMarker} from '../../src/delta/store-marker.js'
import {aProduct, changeKeys, DeltaRepo} from './helpers/delta-repo.js'

const MINUTE = 60_000
const NARROW =
  /It loaded (\d+) product file\(s\), those changed and those of candidates, not the whole catalog\.$/
const WHOLE = /It loaded the whole catalog: (.*)\.$/

/**
 * A delta plan loads only the product files that changed since the marker (src/delta/narrow-catalog.ts),
 * and loads the whole catalog, saying why, whenever that could miss something. Either way the plan is the
 * full plan's (changes and unchanged count).
 */
describe('a delta plan loads only the product files it needs', () => {
  let repo: DeltaRepo
  let client: BigCommerceClient
  let marker: StoreMarker

  beforeAll(async () => {
    repo = await DeltaRepo.create(Array.from({length: 8}, (_, index) => aProduct(index + 1)))
    client = repo.client()
    await repo.apply()
    // A second (empty) apply later, so the first one's writes are older than the marker's margin.
    repo.advanceClock(10 * MINUTE)
    await repo.apply()
    const reading = await readStoreMarker(client, 'all')
    if (!reading.found) throw new Error('no marker after a successful apply')
    marker = reading.marker
  })

  // Back to the first commit, the store converged to it, and a marker older than every write.
  afterEach(async () => {
    await repo.git.raw(['reset', '-q', '--hard', marker.commit])
    await repo.git.raw(['clean', '-q', '-fd'])
    await writeStoreMarker(client, marker)
    await repo.apply({mode: 'full'})
    repo.advanceClock(10 * MINUTE)
    await repo.apply({mode: 'full'})
  })

  afterAll(async () => {
    await repo.remove()
  })

  async function deltaAndFull(): Promise<{note: string; delta: string[]; full: string[]}> {
    const delta = await repo.plan({mode: 'delta'})
    const full = await repo.plan({mode: 'full'})
    expect(delta.fallback).toBeNull()
    expect(changeKeys(delta.plan)).toEqual(changeKeys(full.plan))
    expect(delta.plan.summary.unchanged).toBe(full.plan.summary.unchanged)
    return {note: delta.plan.notes[0] ?? '', delta: changeKeys(delta.plan), full: changeKeys(full.plan)}
  }

  it('the marker counts the catalog and the store’s brands and categories', () => {
    expect(marker.catalog_products).toBe(8)
    expect(marker.structure?.brands.count).toBe(1)
    expect(marker.structure?.categories.count).toBe(3)
  })

  it('one product edited in git: its file alone is loaded', async () => {
    await repo.editProduct('DL-002', (product) => void (product['price'] = 99))
    await repo.commit('price')
    const {note, delta} = await deltaAndFull()
    expect(note).toMatch(NARROW)
    expect(NARROW.exec(note)?.[1]).toBe('1')
    expect(delta).toEqual(['product update dl-002 price=99'])
  })

  it('a product edited in the store whose file did not change: its file is found and loaded', async () => {
    const id = await repo.productId('DL-005')
    await repo.api('PUT', `/v3/catalog/products/${id}`, {name: 'Renamed in the admin'})
    const {note, delta} = await deltaAndFull()
    expect(NARROW.exec(note)?.[1]).toBe('1')
    expect(delta).toEqual(['product update dl-005 name="Delta Widget 005"'])
  })

  it('a product added and one removed: counted from the marker, the removal planned like a full plan', async () => {
    await repo.writeProduct(aProduct(20))
    await repo.removeProduct('DL-007')
    await repo.commit('add and remove')
    const {note} = await deltaAndFull()
    expect(note).toMatch(NARROW)
    expect(NARROW.exec(note)?.[1]).toBe('2')
  })

  it('a product created in the store that no file names: the whole catalog, and why', async () => {
    await repo.api('POST', '/v3/catalog/products', {
      name: 'Made in the admin',
      type: 'physical',
      sku: 'ADMIN-1',
      price: 5,
      weight: 1,
    })
    const {note} = await deltaAndFull()
    expect(WHOLE.exec(note)?.[1]).toBe(
      'SKU ADMIN-1 changed in the store, and no unloaded product file names it',
    )
    const created = await repo.productId('ADMIN-1')
    await repo.api('DELETE', `/v3/catalog/products/${created}`)
  })

  it('a new SKU that repeats one in an unchanged file: the whole catalog is loaded, and it is invalid (exit 4)', async () => {
    await repo.writeYaml('products/copy.yaml', aProduct(3, {name: 'A copy'}))
    await repo.commit('a duplicate')
    await expect(repo.plan({mode: 'delta'})).rejects.toMatchObject({
      exitCode: 4,
      message: expect.stringMatching(/SKU DL-003 is already used by product/),
    })
  })

  it('a marker from an older catalogctl (no catalog count): the whole catalog, and why', async () => {
    const {catalog_products: _count, ...older} = marker
    await writeStoreMarker(client, older)
    await repo.editProduct('DL-001', (product) => void (product['price'] = 77))
    await repo.commit('price')
    const {note} = await deltaAndFull()
    expect(WHOLE.exec(note)?.[1]).toBe(
      "the store's delta marker was written by an older catalogctl (no catalog product count)",
    )
  })
})

describe('narrowProductFiles refuses what only a whole catalog can check', () => {
  let repo: DeltaRepo

  beforeAll(async () => {
    repo = await DeltaRepo.create([aProduct(1), aProduct(2, {description: '<p>Not DL-001 again.</p>'})])
  })

  afterAll(async () => {
    await repo.remove()
  })

  async function decide(
    changes: Partial<CatalogChanges>,
    marker: Partial<StoreMarker> = {},
    without: ReadonlyArray<keyof StoreMarker> = [],
  ) {
    const opened = await openCatalogRepo(repo.dir)
    if (!opened) throw new Error('not a repository')
    return narrowProductFiles({
      kind: 'prepared',
      repo: opened,
      marker: omit(
        {
          v: 1,
          scope: 'all',
          commit: 'a'.repeat(40),
          started_at: '',
          store_time: '',
          catalogctl_version: 'test',
          failed_skus: [],
          product_count: 2,
          max_product_id: 2,
          catalog_products: 2,
          read_started_at: '2026-12-04T00:00:00Z',
          price_records: {},
          ...marker,
        },
        without,
      ),
      changes: {...noCatalogChanges(), ...changes},
    })
  }

  it('narrow when only product files changed, counting from the marker', async () => {
    expect(
      await decide({productFiles: ['products/dl-003.yaml'], addedSkus: ['dl-003'], productCountChange: 1}),
    ).toEqual({kind: 'narrow', files: new Set(['products/dl-003.yaml']), catalogProducts: 3})
  })

  it('a pricing marker without record counts (older, or written by applying a saved plan)', async () => {
    expect(await decide({productFiles: ['products/dl-003.yaml']}, {}, ['price_records'])).toEqual({
      kind: 'full',
      reason:
        "the store's delta marker has no price-record counts (written by an older catalogctl, or by applying a saved plan)",
    })
    expect(
      (await decide({productFiles: ['products/dl-003.yaml']}, {scope: 'products'}, ['price_records'])).kind,
    ).toBe('narrow')
  })

  it('stock or price-list files changed', async () => {
    expect(await decide({other: ['price-lists/vip.yaml']})).toEqual({
      kind: 'full',
      reason:
        'price-lists/vip.yaml changed since the last apply, and stock and price rows may name any product',
    })
  })

  it('a new SKU that another file mentions (even in a description)', async () => {
    expect(await decide({productFiles: ['products/new.yaml'], addedSkus: ['dl-001']})).toEqual({
      kind: 'full',
      reason: 'a new SKU is also written in products/dl-001.yaml, products/dl-002.yaml (a duplicate?)',
    })
  })

  it('a new SKU that is not plain ASCII (a look-alike needs every SKU)', async () => {
    expect((await decide({addedSkus: ['dl-ОО1']})).kind).toBe('full')
  })

  it('a new name another file uses', async () => {
    expect(await decide({productFiles: ['products/new.yaml'], newNames: ['Delta Widget 002']})).toEqual({
      kind: 'full',
      reason: "a new or renamed product's name is also written in products/dl-002.yaml",
    })
  })
})

function omit(marker: StoreMarker, keys: ReadonlyArray<keyof StoreMarker>): StoreMarker {
  const copy: Partial<StoreMarker> = {...marker}
  for (const key of keys) delete copy[key]
  return copy as StoreMarker
}
