import {cp, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {
  planCommentMarker,
  renderCallerWorkflow,
  renderReusableWorkflow,
} from '../../src/automation/pull-request-workflows.js'
import {capMarkdown} from '../../src/automation/step-summary.js'
import {workflowContext} from '../../src/automation/workflow-context.js'
import {runCli} from '../helpers/run-cli.js'

const temps: string[] = []
afterAll(() => Promise.all(temps.map((dir) => rm(dir, {recursive: true, force: true}))))

interface Job {
  if?: string
  environment?: string
  permissions?: Record<string, string>
  concurrency?: {group: string; 'cancel-in-progress': boolean}
  env?: Record<string, string>
  steps: {run?: string; uses?: string; with?: {script?: string}}[]
}

const context = workflowContext(
  {notifications: {email: {to: ['ops@example.com'], smtp_url_env: 'SMTP_URL'}}},
  'catalog',
)

describe('pull-request workflows', () => {
  it('the reusable workflow validates and comments on PRs and applies only the reviewed plan on push', () => {
    const workflow = parse(renderReusableWorkflow(context)) as {
      on: {workflow_call: {inputs: Record<string, {default: string}>}}
      permissions: Record<string, string>
      jobs: Record<string, Job>
    }
    expect(workflow.on.workflow_call.inputs['catalog-dir']?.default).toBe('catalog')
    expect(workflow.permissions).toEqual({})
    const {validate, plan, apply} = workflow.jobs
    expect(validate?.steps.map((step) => step.run ?? '').slice(-2)).toEqual([
      'npx catalogctl validate --dir "${{ inputs.catalog-dir }}"',
      'npx catalogctl schedules render --dir "${{ inputs.catalog-dir }}" --check',
    ])
    expect(plan?.permissions).toEqual({contents: 'read', 'pull-requests': 'write'})
    expect(plan?.concurrency).toEqual({
      group: 'catalogctl-plan-${{ github.event.pull_request.number }}',
      'cancel-in-progress': true,
    })
    const planRun = plan?.steps.find((step) => step.run?.includes('catalogctl plan'))?.run ?? ''
    expect(planRun).toContain('--format markdown --changed-since "origin/$BASE_REF" --out plan.json')
    const comment = plan?.steps.find((step) => step.uses === 'actions/github-script@v7')?.with?.script ?? ''
    expect(comment).toContain(JSON.stringify(planCommentMarker('catalog')))
    expect(comment).toContain('updateComment')
    expect(comment).toContain('catalogctl:plan-sha256=')

    expect(apply?.if).toBe("github.event_name == 'push'")
    expect(apply?.concurrency?.['cancel-in-progress']).toBe(false)
    const runs = apply?.steps.map((step) => step.run ?? '').join('\n') ?? ''
    expect(runs).toContain('if [ "$now" != "$REVIEWED" ]')
    expect(runs).toContain('npx catalogctl apply plan.json')
    expect(apply?.env?.['SMTP_URL']).toBe('${{ secrets.SMTP_URL }}')
    expect(apply?.env?.['BIGCOMMERCE_ACCESS_TOKEN']).toBe('${{ secrets.BIGCOMMERCE_ACCESS_TOKEN }}')
  })

  it('the caller runs it on pull requests and pushes to main touching the catalog', () => {
    const workflow = parse(renderCallerWorkflow(context)) as {
      on: Record<string, {branches: string[]; paths: string[]}>
      jobs: {catalog: {uses: string; secrets: string}}
    }
    expect(workflow.on['pull_request']).toEqual({branches: ['main'], paths: ['catalog/**']})
    expect(workflow.on['push']).toEqual({branches: ['main'], paths: ['catalog/**']})
    expect(workflow.jobs.catalog).toMatchObject({
      uses: './.github/workflows/catalogctl-catalog.yml',
      secrets: 'inherit',
    })
  })

  it('init writes the workflows into the repository, and keeps existing ones', async () => {
    const repo = await mkdtemp(path.join(tmpdir(), 'catalogctl-init-workflows-'))
    temps.push(repo)
    await writeFile(path.join(repo, 'package.json'), '{"name": "store-catalog", "private": true}\n')
    const result = await runCli(['init'], {cwd: repo})
    expect(result.exitCode, result.stderr).toBe(0)
    const names = (await readdir(path.join(repo, '.github', 'workflows'))).sort()
    expect(names).toContain('catalogctl-catalog.yml')
    expect(names).toContain('catalogctl-pull-request.yml')
    expect(
      names.filter((name) => !['catalogctl-catalog.yml', 'catalogctl-pull-request.yml'].includes(name))
        .length,
    ).toBeGreaterThan(0)
    for (const name of names) {
      const workflow = parse(await readFile(path.join(repo, '.github', 'workflows', name), 'utf8')) as {
        jobs: object
      }
      expect(Object.keys(workflow.jobs).length, name).toBeGreaterThan(0)
    }
    const check = await runCli(['schedules', 'render', '--check'], {cwd: repo})
    expect(check.exitCode, check.stdout + check.stderr).toBe(0)

    const again = await mkdtemp(path.join(tmpdir(), 'catalogctl-init-workflows-'))
    temps.push(again)
    await cp(path.join(repo, 'package.json'), path.join(again, 'package.json'))
    await cp(path.join(repo, '.github'), path.join(again, '.github'), {recursive: true})
    await writeFile(path.join(again, '.github', 'workflows', 'catalogctl-pull-request.yml'), '# mine\n')
    const kept = await runCli(['init'], {cwd: again})
    expect(kept.exitCode, kept.stderr).toBe(0)
    expect(kept.stdout).toContain('catalogctl-pull-request.yml (exists, kept)')
    expect(
      await readFile(path.join(again, '.github', 'workflows', 'catalogctl-pull-request.yml'), 'utf8'),
    ).toBe('# mine\n')
  })

  it('step summaries are capped under 1 MiB without breaking a code fence', () => {
    const long = [
      '### plan',
      '```diff',
      ...Array.from({length: 50_000}, (_v, i) => `+ line ${i} ${'x'.repeat(20)}`),
      '```',
    ].join('\n')
    const capped = capMarkdown(long, 100_000)
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(100_000)
    expect(capped.split('\n').filter((line) => line.startsWith('```'))).toHaveLength(2)
    expect(capped).toMatch(/more line\(s\) cut/)
    expect(capMarkdown('short', 100)).toBe('short')
  })
})
