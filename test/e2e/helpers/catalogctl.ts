import {readFile} from 'node:fs/promises'

import {expect} from 'vitest'

import {runCli, type CliResult} from '../../helpers/run-cli.js'
import type {CatalogDir} from './catalog-dir.js'

/**
 * Runs the built CLI in the catalog's run folder with the store's environment, and keeps every output so
 * the file can prove at the end that the access token appeared in none of them.
 */
export class Catalogctl {
  readonly outputs: string[] = []

  constructor(
    private readonly catalog: CatalogDir,
    private readonly env: Record<string, string | undefined> = {},
  ) {}

  async run(args: string[], options: {env?: Record<string, string | undefined>} = {}): Promise<CliResult> {
    const result = await runCli(args, {cwd: this.catalog.root, env: {...this.env, ...options.env}})
    this.outputs.push(result.stdout, result.stderr)
    return result
  }

  /** `plan --detailed-exitcode` must exit 0 with "No changes.": the store matches the catalog. */
  async expectNoChanges(extra: string[] = []): Promise<void> {
    const result = await this.run(['plan', '--dir', 'catalog', '--detailed-exitcode', ...extra])
    expect(result.stdout, result.stderr).toContain('No changes. The store matches the catalog.')
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
  }

  /** `plan --json` parsed (exit 0 or 2 with --detailed-exitcode). */
  async planJson(extra: string[] = []): Promise<PlanJson> {
    const result = await this.run(['plan', '--dir', 'catalog', '--json', ...extra])
    expect(result.exitCode, result.stderr).toBe(0)
    return JSON.parse(result.stdout) as PlanJson
  }

  /** Fails when the token is in any output of this file's runs or in any file under the run folder. */
  async expectNoSecret(token: string): Promise<void> {
    expect(token.length).toBeGreaterThanOrEqual(8)
    const leaks = this.outputs.filter((text) => text.includes(token))
    expect(leaks, 'the access token appeared in CLI output').toEqual([])
    for (const file of await this.catalog.allFiles()) {
      const text = await readFile(file, 'utf8')
      expect(text.includes(token), `the access token is in ${file}`).toBe(false)
    }
  }
}

export interface PlanChangeJson {
  kind: string
  action: 'create' | 'update' | 'delete'
  key: string
  reason: string
  destructive: boolean
  adopt?: boolean
  fields: {path: string; before: unknown; after: unknown}[]
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

export interface PlanJson {
  changes: PlanChangeJson[]
  summary: {
    create: number
    update: number
    delete: number
    unchanged: number
    unmanaged: number
    adopt: number
  }
  fingerprints: {kind: string; key: string; id: number | null}[]
  notes: string[]
  store: {hash: string}
}

export interface ResultJson {
  kind: string
  key: string
  action: string
  status: 'applied' | 'warning' | 'failed' | 'skipped'
  message?: string
  response?: {status: number; body: unknown}
}

export interface ReportJson {
  run_id: string
  results: ResultJson[]
  summary: PlanJson['summary']
  stats: {requests: number}
}
