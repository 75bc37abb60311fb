import {cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {checkSchedules, renderSchedules, writeSchedules} from '../../src/automation/render-schedules.js'
import {runCli} from '../helpers/run-cli.js'

const exampleCatalog = path.resolve(import.meta.dirname, '..', '..', 'catalog')

interface Workflow {
  on: {
    schedule: {cron: string}[]
    workflow_dispatch: {inputs: Record<string, {type: string; options: string[]; default: string}>}
    repository_dispatch: {types: string[]}
  }
  permissions: Record<string, string>
  jobs: Record<
    string,
    {
      if?: string
      needs?: string
      environment?: string
      concurrency?: {group: string; 'cancel-in-progress': boolean}
      env?: Record<string, string>
      steps: {run?: string; uses?: string; with?: Record<string, unknown>}[]
    }
  >
}

describe('schedules render', () => {
  let root: string

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'catalogctl-schedules-'))
    await mkdir(path.join(root, '.git'))
    await cp(exampleCatalog, path.join(root, 'catalog'), {recursive: true})
  })
  afterEach(async () => rm(root, {recursive: true, force: true}))

  it('renders one valid workflow per job of the example schedules.yaml', async () => {
    const render = await renderSchedules({dir: path.join(root, 'catalog'), referenceYear: 2026})
    expect(render.outDir).toBe(path.join(root, '.github', 'workflows'))
    expect(render.workflows.map((workflow) => workflow.name)).toEqual([
      'catalogctl-hourly-inventory.yml',
      'catalogctl-nightly-full-sync.yml',
    ])
    const [hourly, nightly] = render.workflows.map((workflow) => parse(workflow.content) as Workflow)
    if (!hourly || !nightly) throw new Error('two workflows expected')

    expect(hourly.on.schedule).toEqual([{cron: '5 * * * *'}])
    // 02:30 America/New_York: 07:30 UTC in standard time, 06:30 UTC in daylight time, with a guard.
    expect(nightly.on.schedule).toEqual([{cron: '30 7 * * *'}, {cron: '30 6 * * *'}])
    expect(Object.keys(nightly.jobs)).toEqual(['schedule-guard', 'sync'])
    const guard = nightly.jobs['schedule-guard']?.steps[0]?.run ?? ''
    expect(guard).toContain("TZ='America/New_York' date +%z")
    expect(guard).toContain(`'30 7 * * *') if [ "$offset" = "-0500" ]`)
    expect(guard).toContain(`'30 6 * * *') if [ "$offset" = "-0400" ]`)
    expect(nightly.jobs['sync']?.needs).toBe('schedule-guard')

    for (const [workflow, scope, mode] of [
      [hourly, 'inventory', 'delta'],
      [nightly, 'all', 'full'],
    ] as const) {
      expect(workflow.on.workflow_dispatch.inputs['scope']).toMatchObject({type: 'choice', default: scope})
      expect(workflow.on.workflow_dispatch.inputs['scope']?.options).toEqual([
        'all',
        'products',
        'pricing',
        'inventory',
      ])
      expect(workflow.on.workflow_dispatch.inputs['mode']).toMatchObject({
        options: ['delta', 'full'],
        default: mode,
      })
      expect(workflow.on.repository_dispatch.types).toEqual(['catalog-sync'])
      expect(workflow.permissions).toEqual({contents: 'read'})
      const sync = workflow.jobs['sync']
      expect(sync?.concurrency).toEqual({
        group: 'catalogctl-apply-${{ vars.BIGCOMMERCE_STORE_HASH || github.repository }}',
        'cancel-in-progress': false,
      })
      expect(sync?.environment).toBe('production')
      expect(sync?.env?.['BIGCOMMERCE_ACCESS_TOKEN']).toBe('${{ secrets.BIGCOMMERCE_ACCESS_TOKEN }}')
      expect(sync?.env?.['SCOPE']).toContain(`'${scope}'`)
      const runs = sync?.steps.map((step) => step.run ?? step.uses) ?? []
      expect(runs).toEqual([
        'actions/checkout@v4',
        'actions/setup-node@v4',
        'npm ci',
        `npx catalogctl apply --dir 'catalog' --yes --scope "$SCOPE" --mode "$MODE"`,
        'actions/upload-artifact@v4',
      ])
      expect(sync?.steps[4]?.with).toMatchObject({path: '.catalogctl/history/', 'include-hidden-files': true})
    }
    // One dispatch runs one workflow: the first job by default, another only when named.
    expect(hourly.jobs['sync']?.if).toContain('!github.event.client_payload.job')
    expect(nightly.jobs['sync']?.if).not.toContain('!github.event.client_payload.job')
    expect(nightly.jobs['sync']?.if).toContain("github.event.client_payload.job == 'nightly-full-sync'")
  })

  it('never writes a secret value, only ${{ secrets.X }} references', async () => {
    const render = await renderSchedules({dir: path.join(root, 'catalog'), referenceYear: 2026})
    for (const workflow of render.workflows) {
      for (const line of workflow.content.split('\n').filter((text) => /TOKEN|WEBHOOK_URL|SMTP/.test(text)))
        expect(line).toMatch(/\$\{\{ secrets\.[A-Z_]+ \}\}|^\s*#/)
    }
  })

  it('--check finds missing, changed and extra workflows; write fixes them', async () => {
    const dir = path.join(root, 'catalog')
    const render = await renderSchedules({dir, referenceYear: 2026})
    expect(await checkSchedules(render)).toEqual({
      missing: ['catalogctl-hourly-inventory.yml', 'catalogctl-nightly-full-sync.yml'],
      changed: [],
      extra: [],
    })
    await writeSchedules(render)
    expect(await checkSchedules(render)).toEqual({missing: [], changed: [], extra: []})

    const schedules = path.join(dir, 'schedules.yaml')
    await writeFile(
      schedules,
      (await readFile(schedules, 'utf8'))
        .replace("'30 2 * * *'", "'45 3 * * *'")
        .replace('name: hourly-inventory', 'name: inventory-hourly'),
    )
    const changed = await renderSchedules({dir, referenceYear: 2026})
    expect(await checkSchedules(changed)).toEqual({
      missing: ['catalogctl-inventory-hourly.yml'],
      changed: ['catalogctl-nightly-full-sync.yml'],
      extra: ['catalogctl-hourly-inventory.yml'],
    })
    await writeFile(path.join(root, '.github', 'workflows', 'ci.yml'), 'name: ci\n') // not ours: kept
    expect(await writeSchedules(changed)).toEqual({
      written: ['catalogctl-inventory-hourly.yml', 'catalogctl-nightly-full-sync.yml'],
      removed: ['catalogctl-hourly-inventory.yml'],
    })
    expect((await readdir(path.join(root, '.github', 'workflows'))).sort()).toEqual([
      'catalogctl-inventory-hourly.yml',
      'catalogctl-nightly-full-sync.yml',
      'ci.yml',
    ])
  })

  it('the CLI: render writes, --check exits 0, then 1 after a change to schedules.yaml', async () => {
    const wrote = await runCli(['schedules', 'render', '--dir', 'catalog'], {cwd: root})
    expect(wrote.exitCode, wrote.stderr).toBe(0)
    expect(wrote.stdout).toContain('2 schedule workflow(s) in .github/workflows: 2 written')
    const clean = await runCli(['schedules', 'render', '--dir', 'catalog', '--check'], {cwd: root})
    expect(clean.exitCode, clean.stdout + clean.stderr).toBe(0)
    const schedules = path.join(root, 'catalog', 'schedules.yaml')
    await writeFile(schedules, (await readFile(schedules, 'utf8')).replace("'5 * * * *'", "'20 * * * *'"))
    const drift = await runCli(['schedules', 'render', '--dir', 'catalog', '--check'], {cwd: root})
    expect(drift.exitCode).toBe(1)
    expect(drift.stdout).toContain('changed  .github/workflows/catalogctl-hourly-inventory.yml')
  })
})
