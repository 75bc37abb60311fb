import {spawn} from 'node:child_process'
import {readdir} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from '../e2e/helpers/catalog-dir.js'
import {someCatalogProducts} from '../e2e/helpers/catalog-factory.js'
import {runCli} from '../helpers/run-cli.js'

const bin = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const TOKEN = 'serve-command-token-3e9b7d21aa'

// The built CLI: refuses to start without a token; with one, takes a trigger, and on SIGTERM waits for
// the running apply (here against the embedded sandbox) before it exits 0.
describe('catalogctl serve (built CLI)', () => {
  let catalog: CatalogDir

  beforeAll(async () => {
    catalog = await CatalogDir.fromParts({
      config: {guardrails: {max_change_share: 1}},
      products: someCatalogProducts(3),
    })
  })
  afterAll(() => catalog.remove())

  it('exits 1 without CATALOGCTL_WEBHOOK_TOKEN', async () => {
    const result = await runCli(['serve', '--dir', 'catalog', '--sandbox', '--port', '0'], {
      cwd: catalog.root,
      env: {CATALOGCTL_WEBHOOK_TOKEN: undefined},
    })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('CATALOGCTL_WEBHOOK_TOKEN is not set')
  })

  it('a trigger, then SIGTERM: the running apply finishes, then the server stops', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--dir', 'catalog', '--sandbox', '--port', '0', '--no-schedules'],
      {
        cwd: catalog.root,
        env: {...process.env, CATALOGCTL_WEBHOOK_TOKEN: TOKEN, NO_COLOR: '1'},
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    try {
      let url: string | undefined
      for (let attempt = 0; attempt < 600 && !url; attempt++) {
        url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1]
        if (!url) await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(url, stderr).toBeDefined()
      const response = await fetch(`${url}/api/v1/channels/bigcommerce/sync`, {
        method: 'POST',
        headers: {authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json'},
        body: JSON.stringify({scope: 'all', mode: 'full'}),
      })
      expect(response.status).toBe(202)
      for (let attempt = 0; attempt < 600 && !stderr.includes(': started'); attempt++)
        await new Promise((resolve) => setTimeout(resolve, 20))
      child.kill('SIGTERM')
      expect(await exited, stderr).toBe(0)
    } finally {
      clearTimeout(timer)
    }
    expect(stderr).toContain('SIGTERM: no new runs')
    expect(stderr).toMatch(/succeeded \(exit 0\)/)
    expect(stderr).toMatch(/stopped\n/)
    expect(stderr).not.toContain(TOKEN)
    expect(await readdir(path.join(catalog.dir, '.catalogctl', 'history'))).toHaveLength(1)
  })
})
