import {cp, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/run-cli.js'

const exampleCatalog = fileURLToPath(new URL('../../catalog', import.meta.url))

describe('catalogctl doctor --sandbox', () => {
  let work: string

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'catalogctl-doctor-sandbox-'))
    await cp(exampleCatalog, path.join(work, 'catalog'), {recursive: true})
  })
  afterAll(() => rm(work, {recursive: true, force: true}))

  it('checks the embedded sandbox store without credentials in the environment', async () => {
    const result = await runCli(['doctor', '--dir', 'catalog', '--sandbox', '--json'], {
      cwd: work,
      env: {
        BIGCOMMERCE_STORE_HASH: undefined,
        BIGCOMMERCE_ACCESS_TOKEN: undefined,
        BIGCOMMERCE_API_URL: undefined,
      },
    })
    const report = JSON.parse(result.stdout) as {checks: {id: string; status: string}[]}
    const status = (id: string) => report.checks.find((check) => check.id === id)?.status
    expect(status('credentials')).toBe('pass')
    expect(
      report.checks.filter((check) => check.id.startsWith('scope')).every((c) => c.status === 'pass'),
    ).toBe(true)
    // The example catalog's warehouses are not in a fresh store (stock sync creates them): doctor says so.
    expect(result.exitCode).toBe(1)
  })
})
