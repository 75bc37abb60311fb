import {cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/run-cli.js'

// In GitHub Actions every command appends its summary to $GITHUB_STEP_SUMMARY (one place: BaseCommand).
describe('job summary in GitHub Actions', () => {
  let root: string
  let summary: string

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'catalogctl-summary-'))
    await writeFile(path.join(root, 'package.json'), '{"private": true}\n')
    await cp(path.resolve(import.meta.dirname, '..', '..', 'catalog'), path.join(root, 'catalog'), {
      recursive: true,
    })
    summary = path.join(root, 'summary.md')
  })
  afterAll(() => rm(root, {recursive: true, force: true}))

  it('validate, plan and apply each append their summary', async () => {
    const env = {GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: root}
    for (const args of [
      ['validate', '--dir', 'catalog'],
      ['plan', '--dir', 'catalog', '--sandbox'],
      ['apply', '--dir', 'catalog', '--sandbox', '--yes'],
      ['apply', '--dir', 'catalog', '--sandbox', '--yes'],
    ]) {
      const result = await runCli(args, {cwd: root, env})
      expect(result.exitCode, result.stderr).toBe(0)
    }
    const text = await readFile(summary, 'utf8')
    expect(text).toContain('### catalogctl validate')
    expect(text).toMatch(/Plan: \d+ to create/)
    expect(text).toMatch(/applied/i)
    expect(text).toContain('No changes. The store matches the catalog.')
  })
})
