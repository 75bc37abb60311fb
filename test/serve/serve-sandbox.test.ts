import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {simpleGit} from 'simple-git'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import YAML from 'yaml'

import {pullCatalog} from '../../src/serve/pull-catalog.js'
import {serveCatalog} from '../../src/serve/serve-service.js'
import type {Run} from '../../src/serve/run-queue.js'
import {aCatalogProduct, someCatalogProducts} from '../e2e/helpers/catalog-factory.js'
import {startE2eStore, type E2eStore} from '../e2e/helpers/e2e-store.js'
import {runCli} from '../helpers/run-cli.js'

const TOKEN = 'serve-sandbox-token-8a61c0d2f9'

async function git(dir: string, init = false) {
  const repo = simpleGit({baseDir: dir})
  if (init) await repo.init(['--initial-branch=main'])
  await repo.addConfig('user.name', 'Catalog Bot').addConfig('user.email', 'bot@example.com')
  return repo
}

/**
 * A catalog repository with a remote: `work` is what serve runs on, `other` is a colleague's clone
 * (or the ERP's export job) that pushes a change. A trigger must pull it, then really apply it.
 */
describe('serve: a trigger pulls the catalog branch and runs a real apply against the sandbox', () => {
  let root: string
  let store: E2eStore
  const saved: Record<string, string | undefined> = {}

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'catalogctl-serve-'))
    store = await startE2eStore()
    for (const [name, value] of Object.entries(store.env)) {
      saved[name] = process.env[name]
      process.env[name] = value
    }
    await simpleGit().init(true, [path.join(root, 'remote.git'), '--initial-branch=main'])
    const seed = path.join(root, 'seed')
    await mkdir(path.join(seed, 'catalog', 'products'), {recursive: true})
    await writeFile(
      path.join(seed, 'catalog', 'catalogctl.yaml'),
      YAML.stringify({guardrails: {max_change_share: 1}}),
    )
    await writeFile(
      path.join(seed, 'catalog', 'categories.yaml'),
      YAML.stringify({mode: 'auto_create', categories: ['Tools/Widgets']}),
    )
    await writeFile(
      path.join(seed, 'catalog', 'products', 'products.yaml'),
      YAML.stringify(someCatalogProducts(3)),
    )
    await writeFile(path.join(seed, '.gitignore'), '.catalogctl/\n')
    const seedGit = await git(seed, true)
    await seedGit
      .add('.')
      .commit('catalog')
      .addRemote('origin', path.join(root, 'remote.git'))
      .push('origin', 'main')
    await simpleGit().clone(path.join(root, 'remote.git'), path.join(root, 'work'))
    await simpleGit().clone(path.join(root, 'remote.git'), path.join(root, 'other'))
  })

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    await store.stop()
    await rm(root, {recursive: true, force: true})
  })

  it('POST sync → 202; the run pulls the pushed change, applies it, and a re-plan is empty', async () => {
    // A colleague pushes a price change after serve's clone was made.
    const other = await git(path.join(root, 'other'))
    const changed = [...someCatalogProducts(2), aCatalogProduct(3, {price: 99.5})]
    await writeFile(path.join(root, 'other', 'catalog', 'products', 'products.yaml'), YAML.stringify(changed))
    await other.add('.').commit('E2E-03 costs 99.50').push('origin', 'main')
    const pushed = (await other.revparse(['HEAD'])).trim()

    const lines: string[] = []
    const dir = path.join(root, 'work', 'catalog')
    const serve = await serveCatalog({
      dir,
      host: '127.0.0.1',
      port: 0,
      sandbox: false,
      allowDeletes: false,
      schedules: true,
      log: (line) => lines.push(line),
      env: {...process.env, CATALOGCTL_WEBHOOK_TOKEN: TOKEN},
    })
    try {
      const response = await fetch(`${serve.url}/api/v1/channels/bigcommerce/sync`, {
        method: 'POST',
        headers: {authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json'},
        body: JSON.stringify({scope: 'all', mode: 'full'}),
      })
      expect(response.status).toBe(202)
      const {run_id: runId} = (await response.json()) as {run_id: string}
      let run: Run | undefined
      for (let attempt = 0; attempt < 600; attempt++) {
        run = (await (
          await fetch(`${serve.url}/api/v1/runs/${runId}`, {headers: {authorization: `Bearer ${TOKEN}`}})
        ).json()) as Run
        if (run.status !== 'queued' && run.status !== 'running') break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(run?.error ?? null, lines.join('\n')).toBeNull()
      expect(run?.status).toBe('succeeded')
      expect(run?.commit).toBe(pushed)
      expect(
        run?.results.filter((result) => result.kind === 'product' && result.status === 'applied'),
      ).toHaveLength(3)
      expect(lines.join('\n')).toContain(`pulled origin/main: at ${pushed.slice(0, 12)}`)
      expect(lines.join('\n')).not.toContain(store.token)
      expect(lines.join('\n')).not.toContain(TOKEN)
    } finally {
      await serve.close(10_000)
    }
    const products = await store.api<{data: {sku: string; price: number}[]}>(
      'GET',
      '/v3/catalog/products?sku=E2E-03',
    )
    expect(products.body.data[0]?.price).toBe(99.5)
    const replan = await runCli(['plan', '--dir', 'catalog', '--detailed-exitcode'], {
      cwd: path.join(root, 'work'),
      env: store.env,
    })
    expect(replan.stdout, replan.stderr).toContain('No changes.')
    expect(replan.exitCode).toBe(0)
  })

  it('the pull rule: outside git and without a remote nothing is pulled, and it says so', async () => {
    const plain = path.join(root, 'plain')
    await mkdir(plain)
    const lines: string[] = []
    expect(await pullCatalog(plain, (line) => lines.push(line))).toBeNull()
    const local = path.join(root, 'local')
    await mkdir(local)
    const localGit = await git(local, true)
    await writeFile(path.join(local, 'README'), 'x\n')
    await localGit.add('.').commit('one')
    expect(await pullCatalog(local, (line) => lines.push(line))).toMatch(/^[0-9a-f]{40}$/)
    expect(lines).toEqual([
      `${plain} is not in a git repository: applying the files as they are (no pull)`,
      'the catalog repository has no remote: applying the checked-out commit (no pull)',
    ])
  })
})
