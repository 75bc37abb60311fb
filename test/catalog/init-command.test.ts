import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {loadCatalog} from '../../src/catalog/index.js'
import {schemasDirFor} from '../../src/catalog/scaffold-catalog.js'
import {scaffoldFiles} from '../../src/catalog/scaffold-files.js'
import {runCli} from '../helpers/run-cli.js'
import {repoRoot} from './catalog-fixture.js'

const temps: string[] = []
afterAll(() => Promise.all(temps.map((dir) => rm(dir, {recursive: true, force: true}))))

/** A fresh "catalog repository": a folder with a package.json, like `npm init` leaves it. */
async function aRepository(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'catalogctl-init-'))
  temps.push(dir)
  await writeFile(path.join(dir, 'package.json'), '{"name": "my-store-catalog", "private": true}\n')
  return dir
}

describe('catalogctl init', () => {
  it('scaffolds every file kind, with schema modelines, and the result validates clean', async () => {
    const repo = await aRepository()
    const result = await runCli(['init'], {cwd: repo})
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('Created a catalog in catalog/:')
    for (const file of scaffoldFiles) expect(existsSync(path.join(repo, 'catalog', file.path)), file.path).toBe(true)
    expect(await readFile(path.join(repo, 'catalog', '.gitignore'), 'utf8')).toContain('.catalogctl/\n')

    const loaded = await loadCatalog(path.join(repo, 'catalog'))
    expect(loaded.diagnostics).toEqual([])
    expect(loaded.products).toHaveLength(1)
    expect(loaded.inventory).toHaveLength(2)
    expect(loaded.priceLists).toHaveLength(1)

    const validate = await runCli(['validate'], {cwd: repo, env: {GITHUB_ACTIONS: undefined}})
    expect(validate.exitCode).toBe(0)
    expect(validate.stdout).toBe('✓ catalog is valid (1 product, 2 variants in 7 files)\n')
  })

  it('modelines point at node_modules/catalogctl/schemas of the repository and resolve once it is installed', async () => {
    const repo = await aRepository()
    expect((await runCli(['init', 'store/catalog'], {cwd: repo})).exitCode).toBe(0)
    // Simulate `npm install --save-dev catalogctl`: the package (this repository) under node_modules.
    await mkdir(path.join(repo, 'node_modules'))
    await symlink(repoRoot, path.join(repo, 'node_modules', 'catalogctl'))
    for (const file of scaffoldFiles.filter((f) => f.path.endsWith('.yaml'))) {
      const absFile = path.join(repo, 'store', 'catalog', file.path)
      const firstLine = (await readFile(absFile, 'utf8')).split('\n')[0] ?? ''
      const match = /^# yaml-language-server: \$schema=(\.\.\/.+\.schema\.json)$/.exec(firstLine)
      expect(match, `${file.path}: ${firstLine}`).not.toBeNull()
      const target = path.resolve(path.dirname(absFile), match?.[1] ?? '')
      expect(target.startsWith(path.join(repo, 'node_modules', 'catalogctl', 'schemas'))).toBe(true)
      expect(existsSync(target), `${file.path} → ${target}`).toBe(true)
    }
  })

  it('refuses to overwrite: exit 1, lists the existing files, writes nothing', async () => {
    const repo = await aRepository()
    await mkdir(path.join(repo, 'catalog', 'products'), {recursive: true})
    await writeFile(path.join(repo, 'catalog', 'catalogctl.yaml'), 'channel: 2\n')
    await writeFile(path.join(repo, 'catalog', 'products', 'example-tee.yaml'), 'sku: MINE\n')
    const result = await runCli(['init'], {cwd: repo})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain(
      'Error: catalog already has catalog/catalogctl.yaml, catalog/products/example-tee.yaml; nothing was written',
    )
    expect(result.stderr).toContain('Hint: catalogctl init never overwrites files')
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(await readFile(path.join(repo, 'catalog', 'catalogctl.yaml'), 'utf8')).toBe('channel: 2\n')
    expect(existsSync(path.join(repo, 'catalog', 'categories.yaml'))).toBe(false)
  })

  it('--json returns the files written', async () => {
    const repo = await aRepository()
    const result = await runCli(['init', 'cat', '--json'], {cwd: repo})
    expect(result.exitCode).toBe(0)
    const json = JSON.parse(result.stdout) as {dir: string; files: string[]}
    expect(json.dir).toBe('cat')
    expect(json.files).toContain(path.join('cat', 'products', 'example-tee.yaml'))
  })
})

describe('schemasDirFor', () => {
  it('uses the nearest package.json or .git above the catalog', async () => {
    const repo = await aRepository()
    expect(schemasDirFor(path.join(repo, 'a', 'b', 'catalog'))).toBe(path.join(repo, 'node_modules', 'catalogctl', 'schemas'))
  })
  it("inside the catalogctl package it points at the package's own schemas", () => {
    expect(schemasDirFor(path.join(repoRoot, 'catalog'))).toBe(path.join(repoRoot, 'schemas'))
  })
})
