import {mkdtemp, readFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/run-cli.js'
import {aCatalog, removeCatalogs, repoRoot} from './catalog-fixture.js'

afterAll(removeCatalogs)

const noStack = (text: string): void => {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/)
  expect(text).not.toContain('looks like a bug')
}

describe('catalogctl validate', () => {
  it('the example catalog validates clean (exit 0)', async () => {
    const result = await runCli(['validate', '--dir', 'catalog'], {cwd: repoRoot, env: {GITHUB_ACTIONS: undefined}})
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/^✓ catalog is valid \(\d+ products, \d+ variants in \d+ files\)\n$/)
    expect(result.exitCode).toBe(0)
  })

  it('prints every problem as file:line:col  severity  message  (rule) with a hint, and exits 4', async () => {
    const dir = await aCatalog({overlays: ['unknown-key', 'schedule-timezone', 'sale-above-price']})
    const result = await runCli(['validate', '--dir', dir], {env: {GITHUB_ACTIONS: undefined}})
    expect(result.exitCode).toBe(4)
    expect(result.stdout).toContain(
      `${dir}/products/cap.yaml:4:1  error  unknown key \`sale_prize\` in the product  (schema/unknown-key)\n    hint: did you mean \`sale_price\`?`,
    )
    expect(result.stdout).toContain(`${dir}/schedules.yaml:4:15  error  time zone "Europe/Berln" is not a known IANA time zone  (schedule/timezone)`)
    expect(result.stdout).toContain(`${dir}/products/mug.yaml:4:13  warning  sale_price 12 is above price 9.5  (price/sale-above-price)`)
    expect(result.stdout).toContain(`✗ ${dir} is invalid: 2 errors, 1 warning`)
    noStack(result.stdout + result.stderr)
  })

  it('warnings alone exit 0', async () => {
    const dir = await aCatalog({overlays: ['sale-above-price']})
    const result = await runCli(['validate', '--dir', dir], {env: {GITHUB_ACTIONS: undefined}})
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(`✓ ${dir} is valid with 1 warning`)
  })

  it('--json prints the diagnostics list (and still exits 4)', async () => {
    const dir = await aCatalog({overlays: ['price-list-unknown-sku']})
    const result = await runCli(['validate', '--dir', dir, '--json'], {env: {GITHUB_ACTIONS: undefined}})
    expect(result.exitCode).toBe(4)
    const report = JSON.parse(result.stdout) as {valid: boolean; counts: unknown; diagnostics: unknown[]}
    expect(report.valid).toBe(false)
    expect(report.counts).toEqual({errors: 1, warnings: 0, files: 1})
    expect(report.diagnostics).toEqual([
      {
        file: `${dir}/price-lists/wholesale.yaml`,
        line: 5,
        col: 3,
        severity: 'error',
        message: 'SKU MUG-XL is not in the catalog',
        rule: 'price-list/unknown-sku',
        hint: 'Add the product to products/, or remove the line.',
      },
    ])
  })

  it('with GITHUB_ACTIONS=true also prints workflow annotations relative to GITHUB_WORKSPACE and a step summary', async () => {
    const dir = await aCatalog({overlays: ['image-url']})
    const summary = path.join(await mkdtemp(path.join(os.tmpdir(), 'summary-')), 'summary.md')
    const result = await runCli(['validate', '--dir', dir], {
      env: {GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: path.dirname(dir), GITHUB_STEP_SUMMARY: summary},
    })
    expect(result.exitCode).toBe(4)
    expect(result.stdout).toContain(
      `::error file=${path.basename(dir)}/products/mug.yaml,line=6,col=10,title=catalogctl image/url::image URL "images/mug-side.jpg" is not an absolute http(s) URL%0AUse an absolute URL such as https://cdn.example.com/images/tee.jpg; BigCommerce downloads it.`,
    )
    expect(await readFile(summary, 'utf8')).toContain('| image/url |')
  })

  it.each([
    ['malformed YAML', 'malformed-yaml', 'yaml/syntax'],
    ['a duplicate key', 'duplicate-key', 'yaml/duplicate-key'],
    ['an empty file', 'empty-file', 'file/empty'],
  ])('%s is a clear error naming the file, without a stack trace', async (_label, overlay, rule) => {
    const dir = await aCatalog({overlays: [overlay]})
    const result = await runCli(['validate', '--dir', dir], {env: {GITHUB_ACTIONS: undefined}})
    expect(result.exitCode).toBe(4)
    expect(result.stdout).toContain(`${dir}/products/cap.yaml:`)
    expect(result.stdout).toContain(`(${rule})`)
    noStack(result.stdout + result.stderr)
  })

  it('a binary file, a non-UTF-8 file and a missing folder are clear errors without a stack trace', async () => {
    const dir = await aCatalog({
      files: {'products/logo.yaml': Buffer.from([0, 1, 2, 3]), 'products/latin.yaml': Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a])},
    })
    const result = await runCli(['validate', '--dir', dir], {env: {GITHUB_ACTIONS: undefined}})
    expect(result.exitCode).toBe(4)
    expect(result.stdout).toContain(`${dir}/products/logo.yaml:1:1  error  file is binary`)
    expect(result.stdout).toContain(`${dir}/products/latin.yaml:1:7  error  file is not valid UTF-8`)
    noStack(result.stdout + result.stderr)
    const missing = await runCli(['validate', '--dir', path.join(dir, 'nope')], {env: {GITHUB_ACTIONS: undefined}})
    expect(missing.exitCode).toBe(4)
    expect(missing.stdout).toContain(`${dir}/nope:1:1  error  catalog folder ${dir}/nope does not exist  (catalog/missing-folder)`)
    noStack(missing.stdout + missing.stderr)
  })
})
