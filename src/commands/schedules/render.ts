import path from 'node:path'

import {Flags} from '@oclif/core'

import {
  checkSchedules,
  renderSchedules,
  writeSchedules,
  type WorkflowDrift,
} from '../../automation/render-schedules.js'
import {BaseCommand} from '../../cli/base-command.js'
import {ExitCode} from '../../errors/exit-codes.js'

interface RenderOutcome {
  outDir: string
  workflows: string[]
  written: string[]
  removed: string[]
  drift: WorkflowDrift | null
}

export default class SchedulesRender extends BaseCommand {
  static override summary = 'Turn schedules.yaml into GitHub Actions workflows, one per job.'
  static override description = `Writes .github/workflows/catalogctl-<job>.yml for every job of schedules.yaml into the catalog's
repository root (the nearest folder with .git above the catalog, else the catalog's parent), or into --out.
Each workflow converts the job's cron to UTC (GitHub reads cron in UTC only; when daylight saving time moves
the UTC time, both crons are scheduled and a guard job runs only the one matching the zone's current offset),
moves minutes off :00, accepts workflow_dispatch (scope, mode) and repository_dispatch "catalog-sync", shares
one concurrency group per store with cancel-in-progress: false, and runs \`catalogctl apply --yes\` in a GitHub
Environment whose secrets hold the token. With --check nothing is written: exit 1 when the committed
workflows differ from the render (for CI).`

  static override enableJsonFlag = true

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --dir catalog --check',
    '<%= config.bin %> <%= command.id %> --out .github/workflows --environment store-production',
  ]

  static override flags = {
    dir: Flags.string({char: 'd', description: 'The catalog folder.', default: 'catalog'}),
    out: Flags.string({
      description: "Where to write the workflows (default: the repository's .github/workflows).",
    }),
    check: Flags.boolean({
      description: 'Write nothing; exit 1 when the workflows on disk differ from the render.',
      default: false,
    }),
    environment: Flags.string({
      description: 'The GitHub Environment whose secrets the sync jobs use.',
      default: 'production',
    }),
  }

  async run(): Promise<RenderOutcome> {
    const {flags} = await this.parse(SchedulesRender)
    const render = await renderSchedules({
      dir: flags.dir,
      environment: flags.environment,
      ...(flags.out ? {out: flags.out} : {}),
    })
    const shown = path.relative(process.cwd(), render.outDir) || '.'
    const workflows = render.workflows.map((workflow) => workflow.name)
    if (flags.check) {
      const drift = await checkSchedules(render)
      const stale = [...drift.missing, ...drift.changed, ...drift.extra]
      if (!this.jsonEnabled()) {
        for (const name of drift.missing) this.log(`missing  ${path.join(shown, name)}`)
        for (const name of drift.changed) this.log(`changed  ${path.join(shown, name)}`)
        for (const name of drift.extra) this.log(`extra    ${path.join(shown, name)} (its job is gone)`)
        this.log(
          stale.length === 0
            ? `The ${workflows.length} schedule workflow(s) in ${shown} match schedules.yaml.`
            : `${stale.length} workflow(s) differ from schedules.yaml. Run \`catalogctl schedules render --dir ${flags.dir}\` and commit.`,
        )
      }
      const outcome = {outDir: render.outDir, workflows, written: [], removed: [], drift}
      if (stale.length > 0) {
        if (this.jsonEnabled()) this.logJson(outcome)
        this.exit(ExitCode.error)
      }
      return outcome
    }
    const {written, removed} = await writeSchedules(render)
    if (!this.jsonEnabled()) {
      for (const name of written) this.log(`wrote    ${path.join(shown, name)}`)
      for (const name of removed) this.log(`removed  ${path.join(shown, name)}`)
      this.log(
        `${workflows.length} schedule workflow(s) in ${shown}: ${written.length} written, ${removed.length} removed, ${workflows.length - written.length} unchanged.`,
      )
    }
    return {outDir: render.outDir, workflows, written, removed, drift: null}
  }
}
