import {mkdir, rm, symlink, truncate, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {loadCatalog} from '../../src/catalog/index.js'
import {aCatalog, loadRelative, removeCatalogs} from './catalog-fixture.js'

afterAll(removeCatalogs)

/** Bad input never throws: each case is one clear diagnostic naming the file. */
describe('bad input', () => {
  it('a binary file', async () => {
    const dir = await aCatalog({files: {'products/logo.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])}})
    expect((await loadRelative(dir)).diagnostics).toEqual([
      {
        file: 'products/logo.yaml',
        line: 1,
        col: 1,
        severity: 'error',
        rule: 'file/binary',
        message: 'file is binary (it contains NUL bytes), not YAML text',
        hint: 'Remove it from the catalog folder, or save it as UTF-8 text.',
      },
    ])
  })

  it('a file that is not UTF-8 (Latin-1), pointing at the first bad byte', async () => {
    const latin1 = Buffer.concat([Buffer.from('sku: CREME\nname: Cr'), Buffer.from([0xe8]), Buffer.from('me\nprice: 4\n')])
    const dir = await aCatalog({files: {'products/creme.yaml': latin1}})
    expect((await loadRelative(dir)).diagnostics).toEqual([
      expect.objectContaining({file: 'products/creme.yaml', line: 2, col: 9, rule: 'file/encoding', message: 'file is not valid UTF-8'}),
    ])
  })

  it('a UTF-16 file', async () => {
    const dir = await aCatalog({files: {'products/wide.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('sku: W\n', 'utf16le')])}})
    expect((await loadRelative(dir)).diagnostics).toEqual([
      expect.objectContaining({file: 'products/wide.yaml', line: 1, col: 1, rule: 'file/encoding', message: 'file is UTF-16, not UTF-8'}),
    ])
  })

  it('absurdly deep nesting is an error, not a crash', async () => {
    const dir = await aCatalog({files: {'products/deep.yaml': `${'['.repeat(20_000)}${']'.repeat(20_000)}\n`}})
    expect((await loadRelative(dir)).diagnostics).toEqual([
      expect.objectContaining({file: 'products/deep.yaml', line: 1, col: 100, rule: 'yaml/syntax', message: 'malformed YAML: nesting exceeded maxDepth (100)'}),
    ])
  })

  it('a UTF-8 byte-order mark is accepted', async () => {
    const dir = await aCatalog({files: {'products/bom.yaml': '\uFEFFsku: BOM\nname: Bom\nprice: 1\n'}})
    expect((await loadRelative(dir)).diagnostics).toEqual([])
  })

  it('a 50 MB file is refused by size without being read', async () => {
    const dir = await aCatalog()
    const big = path.join(dir, 'products', 'huge.yaml')
    await writeFile(big, 'sku: HUGE\n')
    await truncate(big, 50 * 1024 * 1024) // sparse: the test does not write 50 MB
    const started = performance.now()
    const {diagnostics} = await loadRelative(dir)
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'products/huge.yaml',
        line: 1,
        col: 1,
        rule: 'file/too-large',
        message: 'file is 50.0 MB, larger than the 20.0 MB limit; not read',
      }),
    ])
  })

  it('a missing catalog folder', async () => {
    const catalog = await loadCatalog(path.join('does', 'not', 'exist'))
    expect(catalog.diagnostics).toEqual([
      expect.objectContaining({file: 'does/not/exist', line: 1, col: 1, rule: 'catalog/missing-folder', message: 'catalog folder does/not/exist does not exist'}),
    ])
    expect(catalog.products).toEqual([])
    expect(catalog.config.channel).toBe(1)
  })

  it('a catalog without catalogctl.yaml', async () => {
    const dir = await aCatalog()
    await rm(path.join(dir, 'catalogctl.yaml'))
    const {diagnostics} = await loadRelative(dir)
    expect(diagnostics).toEqual([
      expect.objectContaining({file: 'catalogctl.yaml', line: 1, col: 1, rule: 'catalog/missing-config', message: 'catalogctl.yaml is missing'}),
    ])
  })

  it('a symbolic link to a parent folder (a loop)', async () => {
    const dir = await aCatalog()
    await mkdir(path.join(dir, 'products', 'nested'))
    await symlink('..', path.join(dir, 'products', 'nested', 'loop'))
    const {diagnostics} = await loadRelative(dir)
    expect(diagnostics).toEqual([
      expect.objectContaining({file: 'products/nested/loop', rule: 'file/symlink-loop', message: 'products/nested/loop is a symbolic link loop'}),
    ])
  })

  it('a symbolic link to itself', async () => {
    const dir = await aCatalog()
    await symlink('self.yaml', path.join(dir, 'products', 'self.yaml'))
    const {diagnostics} = await loadRelative(dir)
    expect(diagnostics).toEqual([expect.objectContaining({file: 'products/self.yaml', rule: 'file/symlink-loop'})])
  })

  it('a symbolic link to a missing file', async () => {
    const dir = await aCatalog()
    await symlink('gone.yaml', path.join(dir, 'products', 'dangling.yaml'))
    const {diagnostics} = await loadRelative(dir)
    expect(diagnostics).toEqual([expect.objectContaining({file: 'products/dangling.yaml', rule: 'file/broken-symlink'})])
  })

  it('a misspelt top-level file is a warning with a suggestion', async () => {
    const dir = await aCatalog({files: {'categorys.yaml': 'categories: []\n'}})
    expect((await loadRelative(dir)).diagnostics).toEqual([
      expect.objectContaining({file: 'categorys.yaml', severity: 'warning', rule: 'catalog/unknown-file', hint: 'did you mean `categories.yaml`?'}),
    ])
  })

  it('a product file holding a scalar', async () => {
    const dir = await aCatalog({files: {'products/scalar.yaml': 'just some text\n'}})
    expect((await loadRelative(dir)).diagnostics).toEqual([
      expect.objectContaining({file: 'products/scalar.yaml', line: 1, col: 1, rule: 'schema/type', message: 'a product file must hold a product (a mapping) or a list of products'}),
    ])
  })

  it('malformed CSV (a row with too many cells)', async () => {
    const dir = await aCatalog({files: {'inventory/extra.csv': 'sku,location,quantity\nMUG,backup,1\nTEE-S-RED,backup,2,oops\n'}})
    expect((await loadRelative(dir)).diagnostics).toEqual([expect.objectContaining({file: 'inventory/extra.csv', line: 3, col: 1, rule: 'inventory/csv-syntax'})])
  })

  it('many problems in one file are all reported, in order', async () => {
    const dir = await aCatalog({files: {'products/bad.yaml': 'sku: BAD\nname: Bad\nprice: -3\nstatus: gone\ncolour: red\nimages:\n  - url: ftp://x/y.jpg\n'}})
    const {diagnostics} = await loadRelative(dir)
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.rule}`)).toEqual(['3:8 schema/minimum', '4:9 schema/enum', '5:1 schema/unknown-key'])
  })
})
