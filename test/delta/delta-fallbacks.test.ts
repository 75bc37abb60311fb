import {cp, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {simpleGit} from 'simple-git'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'

import type {BigCommerceClient} from '../../src/bigcommerce/client.js'
import {readDelta} from '../../src/delta/delta-read.js'
import {readStoreMarker, writeStoreMarker} from '../../src/delta/store-marker.js'
import {loadDesiredCatalog} from '../../src/services/desired-catalog.js'
import {aProduct, changeKeys, DeltaRepo} from './helpers/delta-repo.js'

const MINUTE = 60_000

/** Every reason delta reads the whole store instead is said, in the plan's notes and to the caller. */
describe('delta falls back to full and says why', () => {
  let repo: DeltaRepo
  let client: BigCommerceClient
  let restoreMarker: () => Promise<void>

  beforeAll(async () => {
    repo = await DeltaRepo.create(Array.from({length: 6}, (_, index) => aProduct(index + 1)))
    client = repo.client()
    // No marker yet: the very first delta.
    const first = await repo.plan({mode: 'delta'})
    expect(first.fallback).toBe('no apply of scope all has been recorded in this store yet')
    expect(first.plan.mode).toBe('full')
    expect(first.plan.notes[0]).toBe(
      'Delta mode read the whole store instead: no apply of scope all has been recorded in this store yet.',
    )
    await repo.apply()
    repo.advanceClock(10 * MINUTE)
    await repo.apply()
    const reading = await readStoreMarker(client, 'all')
    if (!reading.found) throw new Error('no marker after a successful apply')
    const marker = reading.marker
    restoreMarker = () => writeStoreMarker(client, marker)
  })

  afterEach(async () => {
    await restoreMarker()
  })

  afterAll(async () => {
    await repo.remove()
  })

  it('uses delta when nothing forbids it (the control case)', async () => {
    const delta = await repo.plan({mode: 'delta'})
    expect(delta.fallback).toBeNull()
    expect(delta.plan.mode).toBe('delta')
  })

  it('a commit git does not know (a force-push rewrote history)', async () => {
    const reading = await readStoreMarker(client, 'all')
    if (!reading.found) throw new Error('no marker')
    await writeStoreMarker(client, {...reading.marker, commit: 'f'.repeat(40)})
    const delta = await repo.plan({mode: 'delta'})
    expect(delta.fallback).toBe(
      "the last apply's commit fffffff is not in this repository (history rewritten by a force-push or rebase?)",
    )
    expect(delta.plan.mode).toBe('full')
  })

  it('catalogctl.yaml, categories.yaml or the template changed since the marker', async () => {
    await repo.writeYaml('templates/bigcommerce.yaml', {fields: {upc: 'attributes.upc'}})
    await repo.commit('a template')
    const head = (await repo.git.revparse(['HEAD'])).trim()
    try {
      const delta = await repo.plan({mode: 'delta'})
      expect(delta.fallback).toMatch(
        /^templates\/bigcommerce\.yaml changed since the last apply \(\w{7}\); settings and the template shape every product$/,
      )
    } finally {
      await repo.git.raw(['rm', '-q', 'catalog/templates/bigcommerce.yaml'])
      await repo.commit('no template')
    }
    expect((await repo.git.revparse(['HEAD'])).trim()).not.toBe(head)
  })

  it('a product deleted in the store (a delete leaves no date_modified to find)', async () => {
    const id = await repo.productId('DL-004')
    expect((await repo.api('DELETE', `/v3/catalog/products/${id}`)).status).toBe(204)
    const delta = await repo.plan({mode: 'delta'})
    expect(delta.fallback).toBe(
      '1 product(s) were deleted in the store since the last apply (a delete leaves no date_modified to find)',
    )
    // The full plan it fell back to recreates it.
    expect(changeKeys(delta.plan).some((key) => key.startsWith('product create dl-004'))).toBe(true)
    await repo.apply()
  })

  it('a brand the store lost that unchanged products use', async () => {
    repo.advanceClock(10 * MINUTE)
    await repo.apply()
    const brands = await repo.api<{data: Array<{id: number; name: string}>}>('GET', '/v3/catalog/brands')
    const acme = brands.body.data.find((brand) => brand.name === 'Acme Tools')
    expect(acme).toBeDefined()
    expect((await repo.api('DELETE', `/v3/catalog/brands/${acme?.id}`)).status).toBe(204)
    const delta = await repo.plan({mode: 'delta', scope: 'products'})
    expect(delta.fallback).toMatch(/^the store lacks brand Acme Tools, which unchanged catalog products use/)
    await repo.apply()
  })

  it('a shallow clone without the marker commit explains fetch-depth: 0', async () => {
    // A second commit, so a depth-1 clone lacks the marker's commit.
    await repo.editProduct('DL-001', (product) => {
      product['name'] = 'One, renamed'
    })
    await repo.commit('rename one')
    const cloneRoot = await mkdtemp(path.join(tmpdir(), 'catalogctl-shallow-'))
    try {
      await simpleGit().clone(`file://${repo.root}`, cloneRoot, ['--depth', '1', '--quiet'])
      const dir = path.join(cloneRoot, 'catalog')
      const desired = await loadDesiredCatalog(dir)
      const read = await readDelta(client, desired.desired, {dir, scope: 'all', treeId: 1, selection: {}})
      expect(read.kind).toBe('full')
      expect(read.kind === 'full' && read.reason).toMatch(
        /^the last apply's commit \w{7} is not in this shallow clone; fetch the history \(actions\/checkout with fetch-depth: 0, or git fetch --unshallow\)$/,
      )
    } finally {
      await rm(cloneRoot, {recursive: true, force: true})
    }
  })

  it('a catalog outside git', async () => {
    const copyRoot = await mkdtemp(path.join(tmpdir(), 'catalogctl-nogit-'))
    try {
      const dir = path.join(copyRoot, 'catalog')
      await cp(repo.dir, dir, {recursive: true})
      const desired = await loadDesiredCatalog(dir)
      const read = await readDelta(client, desired.desired, {dir, scope: 'all', treeId: 1, selection: {}})
      expect(read).toEqual({kind: 'full', reason: `the catalog folder ${dir} is not in a git repository`})
    } finally {
      await rm(copyRoot, {recursive: true, force: true})
    }
  })
}, 120_000)
