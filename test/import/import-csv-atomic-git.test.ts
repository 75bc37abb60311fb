import {existsSync} from 'node:fs'
import {readdir} from 'node:fs/promises'
import path from 'node:path'

import {simpleGit} from 'simple-git'
import {beforeEach, describe, expect, it} from 'vitest'

import {recoverInterruptedImports} from '../../src/import/csv/write-atomically.js'
import {changedFiles, copyOfExampleCatalog, fixture, run, snapshot} from './import-csv-helpers.js'

const mapping = {mapping: fixture('erp-feed.yaml')}
const stages = (dir: string): string => path.join(dir, '.catalogctl', 'imports')

describe('atomic writes', () => {
  let dir: string
  let expected: Map<string, string>
  let original: Map<string, string>
  beforeEach(async () => {
    dir = await copyOfExampleCatalog()
    original = await snapshot(dir)
    const clean = await copyOfExampleCatalog()
    await run(clean, 'erp-feed.csv', mapping)
    expected = await snapshot(clean)
  })

  it('a crash before the commit point leaves the catalog as it was; the next run deletes the stage', async () => {
    const crash = {
      beforeJournal: () => {
        throw new Error('simulated crash before the journal')
      },
    }
    await expect(run(dir, 'erp-feed.csv', {...mapping, hooks: crash})).rejects.toThrow('simulated')
    expect(changedFiles(original, await snapshot(dir))).toEqual([])
    expect(await recoverInterruptedImports(dir)).toEqual([])
    expect(await readdir(stages(dir))).toEqual([])
    expect(changedFiles(original, await snapshot(dir))).toEqual([])
  })

  it('a crash between two renames is rolled forward by the next import: the catalog ends fully updated', async () => {
    const crash = {
      beforeRename: (_rel: string, index: number) => {
        if (index === 2) throw new Error('simulated crash mid-rename')
      },
    }
    await expect(run(dir, 'erp-feed.csv', {...mapping, hooks: crash})).rejects.toThrow('simulated')
    // Two of four files are in place: exactly the state the journal exists to repair.
    expect(changedFiles(original, await snapshot(dir))).toHaveLength(2)
    const again = await run(dir, 'erp-feed.csv', mapping)
    expect(again.recovered).toHaveLength(2)
    expect(again.files).toEqual([]) // after recovery the catalog already matches the feed
    expect(changedFiles(expected, await snapshot(dir))).toEqual([])
    expect(await readdir(stages(dir))).toEqual([])
  })

  it('every written file is complete: no temporary names are left behind', async () => {
    await run(dir, 'erp-feed.csv', mapping)
    const names = [...(await snapshot(dir)).keys()]
    expect(names.filter((name) => /tmp|preview|journal/.test(name))).toEqual([])
    expect(existsSync(stages(dir)) ? await readdir(stages(dir)) : []).toEqual([])
  })
})

describe('--commit and --branch', () => {
  let dir: string
  let root: string
  beforeEach(async () => {
    dir = await copyOfExampleCatalog()
    root = path.dirname(dir)
    const git = simpleGit({baseDir: root})
    await git.init()
    await git.addConfig('user.name', 'Catalog Bot', false, 'local')
    await git.addConfig('user.email', 'catalog-bot@example.com', false, 'local')
    await git.addConfig('commit.gpgsign', 'false', false, 'local')
    await git.add('.')
    await git.commit('example catalog')
  })

  it('commits exactly the changed files with a message that counts them', async () => {
    const result = await run(dir, 'erp-feed.csv', {...mapping, commit: true})
    const git = simpleGit({baseDir: root})
    const log = await git.log({maxCount: 1})
    expect(log.latest?.message).toBe('import: 1 new, 1 updated products, 4 stock levels from erp-feed.csv')
    expect(result.commit?.sha).toBeTruthy()
    const shown = await git.show(['--name-only', '--format=', 'HEAD'])
    expect(shown.trim().split('\n').sort()).toEqual(result.files.map((file) => `catalog/${file}`).sort())
    expect((await git.status()).isClean()).toBe(true)
  })

  it('--branch creates the branch when missing and commits there', async () => {
    const git = simpleGit({baseDir: root})
    const base = (await git.branchLocal()).current
    const result = await run(dir, 'erp-feed.csv', {...mapping, commit: true, branch: 'feed/erp'})
    expect(result.commit?.branch).toBe('feed/erp')
    expect((await git.branchLocal()).current).toBe('feed/erp')
    expect((await git.log({maxCount: 1, from: base, to: 'feed/erp'})).total).toBe(1)
    // A second import on the existing branch with nothing new commits nothing.
    const again = await run(dir, 'erp-feed.csv', {...mapping, commit: true, branch: 'feed/erp'})
    expect([again.files, again.commit]).toEqual([[], undefined])
  })

  it('--commit outside a git repository is refused before anything is written', async () => {
    const loose = await copyOfExampleCatalog()
    const before = await snapshot(loose)
    await expect(run(loose, 'erp-feed.csv', {...mapping, commit: true})).rejects.toThrow(
      /not in a git repository/,
    )
    expect(changedFiles(before, await snapshot(loose))).toEqual([])
  })
})
