import {describe, expect, it} from 'vitest'

import {runCli} from '../helpers/run-cli.js'

describe('catalogctl --help', () => {
  it('lists the commands and exits 0', async () => {
    const result = await runCli(['--help'])
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('BigCommerce catalog-as-code')
    expect(result.stdout).toMatch(/VERSION\s+catalogctl\/0\.1\.0/)
  })
})
