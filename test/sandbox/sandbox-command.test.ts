import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

import {describe, expect, it} from 'vitest'

import {runCli} from '../helpers/run-cli.js'

const binPath = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

describe('catalogctl sandbox', () => {
  it('prints the URL and env lines, serves the API, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [binPath, 'sandbox', '--port', '0', '--token', 'cli-token', '--store-hash', 'clistore'],
      {stdio: ['ignore', 'pipe', 'pipe']},
    )
    let stdout = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        const match = /export BIGCOMMERCE_API_URL=(\S+)/.exec(stdout)
        if (match && stdout.includes('BIGCOMMERCE_ACCESS_TOKEN')) resolve(match[1] as string)
      })
      child.on('exit', (code) => reject(new Error(`exited early with ${String(code)}`)))
    })
    expect(stdout).toContain('export BIGCOMMERCE_STORE_HASH=clistore')
    expect(stdout).toContain('export BIGCOMMERCE_ACCESS_TOKEN=cli-token')
    expect(stdout.split('cli-token').length - 1).toBe(1)
    const response = await fetch(`${url}/stores/clistore/v2/time`, {headers: {'X-Auth-Token': 'cli-token'}})
    expect(response.status).toBe(200)
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  })

  it('refuses a non-loopback host', async () => {
    const result = await runCli(['sandbox', '--host', '0.0.0.0', '--port', '0'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('loopback')
  })
})
