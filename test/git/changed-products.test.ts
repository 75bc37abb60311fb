import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {simpleGit, type SimpleGit} from 'simple-git'
import YAML from 'yaml'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {openCatalogRepo, uncommittedFiles} from '../../src/git/catalog-repo.js'
import {catalogChangesSince} from '../../src/git/changed-products.js'
import {filesAtCommit} from '../../src/git/files-at-commit.js'

describe('catalogChangesSince', () => {
  let root: string
  let git: SimpleGit
  let base: string
  const write = async (relative: string, value: unknown): Promise<void> => {
    const file = path.join(root, 'shop', 'catalog', relative)
    await mkdir(path.dirname(file), {recursive: true})
    await writeFile(file, typeof value === 'string' ? value : YAML.stringify(value))
  }

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'catalogctl-git-'))
    git = simpleGit({baseDir: root})
    await git.init()
    await git.addConfig('user.name', 'Test', false, 'local')
    await git.addConfig('user.email', 'test@example.com', false, 'local')
    await write('catalogctl.yaml', {})
    await write('products/list.yaml', [
      {sku: 'A', name: 'A', price: 1},
      {sku: 'B', name: 'B', price: 2},
      {sku: 'C', name: 'C', price: 3},
    ])
    await write('products/d.yaml', {sku: 'D', name: 'D', price: 4})
    await writeFile(path.join(root, 'README.md'), 'outside the catalog\n')
    await git.add(['-A'])
    await git.commit('base')
    base = (await git.revparse(['HEAD'])).trim()
  })

  afterEach(async () => {
    await rm(root, {recursive: true, force: true})
  })

  it('names only the products of a list file that differ, committed or not', async () => {
    await write('products/list.yaml', [
      {sku: 'A', name: 'A', price: 1},
      {sku: 'B', name: 'B renamed', price: 2},
      {sku: 'C', name: 'C', price: 3},
    ])
    await git.add(['-A'])
    await git.commit('rename B')
    // Uncommitted and untracked changes count too; reformatting does not.
    await write('products/d.yaml', '# a comment\nsku: D\nprice: 4\nname: D\n')
    await write('products/e.yaml', {sku: 'E', name: 'E', price: 5})
    await writeFile(path.join(root, 'README.md'), 'changed, but not catalog\n')
    const repo = await openCatalogRepo(path.join(root, 'shop', 'catalog'))
    if (!repo) throw new Error('not a repository')
    expect(repo.catalogPath).toBe('shop/catalog')
    const changes = await catalogChangesSince(repo, base)
    expect(changes).toEqual({
      files: ['products/d.yaml', 'products/e.yaml', 'products/list.yaml'],
      skus: ['B', 'E'],
      settings: [],
      other: [],
      // What a narrow delta checks against the files it does not load (src/delta/narrow-catalog.ts).
      productFiles: ['products/d.yaml', 'products/e.yaml', 'products/list.yaml'],
      addedSkus: ['e'],
      removedSkus: [],
      newNames: ['E', 'B renamed'],
      productCountChange: 1,
    })
    expect(await uncommittedFiles(repo)).toEqual([
      'shop/catalog/products/d.yaml',
      'shop/catalog/products/e.yaml',
    ])
  })

  it('a removed product, a product moved to another file, and settings', async () => {
    await rm(path.join(root, 'shop', 'catalog', 'products', 'd.yaml'))
    await write('products/list.yaml', [{sku: 'A', name: 'A', price: 1}])
    await write('products/moved.yaml', [
      {sku: 'B', name: 'B', price: 2},
      {sku: 'c', name: 'C', price: 3},
    ])
    await write('catalogctl.yaml', {prune: {products: 'delete'}})
    await write('inventory/main.yaml', {location: 'main', stock: {A: 1}})
    const repo = await openCatalogRepo(path.join(root, 'shop', 'catalog'))
    if (!repo) throw new Error('not a repository')
    const changes = await catalogChangesSince(repo, base)
    // C's SKU changed case: the same product (SKUs are case-insensitive) with a different value.
    expect(changes.skus).toEqual(['D', 'c'])
    // D is gone; B and c moved (and c changed case): the same SKUs, one product fewer.
    expect(changes.removedSkus).toEqual(['d'])
    expect(changes.addedSkus).toEqual([])
    expect(changes.productCountChange).toBe(-1)
    expect(changes.settings).toEqual(['catalogctl.yaml'])
    expect(changes.other).toEqual(['inventory/main.yaml'])
  })
})

describe('filesAtCommit', () => {
  it('reads many files at one commit through one git process, null for those it lacks', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'catalogctl-git-batch-'))
    try {
      const git = simpleGit({baseDir: root})
      await git.init()
      await git.addConfig('user.name', 'Test', false, 'local')
      await git.addConfig('user.email', 'test@example.com', false, 'local')
      await mkdir(path.join(root, 'products', 'with space'), {recursive: true})
      await writeFile(path.join(root, 'products', 'a.yaml'), 'sku: A\nname: Café ☕\n')
      await writeFile(path.join(root, 'products', 'empty.yaml'), '')
      await writeFile(path.join(root, 'products', 'with space', 'b.yaml'), 'sku: B\n')
      await git.add(['-A'])
      await git.commit('base')
      const commit = (await git.revparse(['HEAD'])).trim()
      await writeFile(path.join(root, 'products', 'a.yaml'), 'sku: A\nname: changed\n')
      const texts = await filesAtCommit(root, commit, [
        'products/a.yaml',
        'products/missing.yaml',
        'products/empty.yaml',
        'products/with space/b.yaml',
      ])
      expect(Object.fromEntries(texts)).toEqual({
        'products/a.yaml': 'sku: A\nname: Café ☕\n',
        'products/missing.yaml': null,
        'products/empty.yaml': '',
        'products/with space/b.yaml': 'sku: B\n',
      })
      expect(await filesAtCommit(root, commit, [])).toEqual(new Map())
    } finally {
      await rm(root, {recursive: true, force: true})
    }
  })
})
