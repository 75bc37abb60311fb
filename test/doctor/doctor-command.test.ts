import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startSandbox, type RunningSandbox} from '../../src/sandbox/index.js'
import {runCli, type CliResult} from '../helpers/run-cli.js'
import {aCatalogDir, MATCHING_CONFIG} from './doctor-fixture.js'

const TOKEN = 'doctor-cli-secret-token-5c1e'
let sandbox: RunningSandbox
let dataDir: string
const outputs: CliResult[] = []

beforeAll(async () => {
  dataDir = aCatalogDir(MATCHING_CONFIG)
  sandbox = await startSandbox({
    token: TOKEN,
    quota: 10_000,
    dataFile: path.join(dataDir, 'sandbox-data.json'),
  })
})
afterAll(async () => {
  await sandbox.stop()
})

async function doctorCli(
  args: string[],
  env: Record<string, string | undefined> = sandbox.env,
): Promise<CliResult> {
  const result = await runCli(['doctor', ...args], {
    env: {
      BIGCOMMERCE_API_URL: undefined,
      BIGCOMMERCE_STORE_HASH: undefined,
      BIGCOMMERCE_ACCESS_TOKEN: undefined,
      DEBUG: undefined,
      ...env,
    },
  })
  outputs.push(result)
  return result
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

describe('catalogctl doctor (built CLI against the sandbox)', () => {
  it('passes with a matching catalog: one line per check, exit 0', async () => {
    const result = await doctorCli(['--dir', aCatalogDir(MATCHING_CONFIG)])
    expect(result.exitCode).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(
      /^ok {4}credentials +BIGCOMMERCE_STORE_HASH and BIGCOMMERCE_ACCESS_TOKEN are set \(store sandbox\)$/,
    )
    expect(lines.filter((line) => line.startsWith('ok  '))).toHaveLength(15)
    expect(lines.at(-1)).toBe('All checks passed.')
  })

  it('--json gives the same checks as data', async () => {
    const result = await doctorCli(['--dir', aCatalogDir(MATCHING_CONFIG), '--json'])
    expect(result.exitCode).toBe(0)
    const report = JSON.parse(result.stdout) as {
      exitCode: number
      checks: Array<{id: string; status: string}>
      rateLimit: {quota: number}
    }
    expect(report.exitCode).toBe(0)
    expect(report.checks.map((check) => check.id).slice(0, 3)).toEqual([
      'credentials',
      'connection',
      'scope.products',
    ])
    expect(report.rateLimit.quota).toBe(10_000)
  })

  it('missing token: exit 5 naming the variable from catalogctl.yaml', async () => {
    const dir = aCatalogDir(
      `store:\n  store_hash_env: SHOP_HASH\n  access_token_env: SHOP_TOKEN\n${MATCHING_CONFIG}`,
    )
    const result = await doctorCli(['--dir', dir], {SHOP_HASH: sandbox.storeHash})
    expect(result.exitCode).toBe(5)
    expect(result.stdout).toMatch(/^FAIL {2}credentials +SHOP_TOKEN is not set$/m)
    expect(result.stdout).toMatch(/fix: Export SHOP_TOKEN/)
  })

  it('a wrong token: exit 5, "the access token is wrong or revoked"', async () => {
    const result = await doctorCli(['--dir', aCatalogDir(MATCHING_CONFIG)], {
      ...sandbox.env,
      BIGCOMMERCE_ACCESS_TOKEN: `${TOKEN}-old`,
    })
    expect(result.exitCode).toBe(5)
    expect(result.stdout).toContain('the access token is wrong or revoked (401)')
  })

  it('catalog references that do not exist: exit 1 with a fix under each', async () => {
    const dir = aCatalogDir(
      'channel: 7\nlocations:\n  east:\n    code: WH-EAST\ncustomer_groups:\n  Wholesale: {}\n',
      ['Wholesale'],
    )
    const result = await doctorCli(['--dir', dir])
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(/^FAIL {2}location east .*no location with code WH-EAST/m)
    expect(result.stdout).toMatch(/^FAIL {2}customer group Wholesale .*no customer group named "Wholesale"/m)
    expect(result.stdout).toMatch(/^FAIL {2}channel 7 .*no channel with id 7/m)
    expect(result.stdout.match(/fix: /g)).toHaveLength(3)
  })

  it('DEBUG=catalogctl* logs every request to stderr (method, template, status, rate-limit headers)', async () => {
    const result = await doctorCli(['--dir', aCatalogDir(MATCHING_CONFIG)], {
      ...sandbox.env,
      DEBUG: 'catalogctl*',
    })
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toMatch(
      /^catalogctl:http GET \/v2\/time 200 \d+ms \[left \d+\/10000, reset \d+ms, window 30000ms\]$/m,
    )
    expect(result.stderr).toMatch(/^catalogctl:http PUT \/v3\/catalog\/products 200 /m)
  })

  it('the token appears in no output and no file', async () => {
    await doctorCli(['--dir', aCatalogDir(MATCHING_CONFIG), '--verbose', '--json'], {
      ...sandbox.env,
      DEBUG: '*',
    })
    expect(outputs.length).toBeGreaterThanOrEqual(7)
    for (const output of outputs) {
      for (const secret of [TOKEN, `${TOKEN}-old`]) {
        expect(output.stdout).not.toContain(secret)
        expect(output.stderr).not.toContain(secret)
      }
    }
    const files = filesUnder(dataDir)
    expect(files.some((file) => file.endsWith('sandbox-data.json'))).toBe(true)
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain(TOKEN)
  })
})
