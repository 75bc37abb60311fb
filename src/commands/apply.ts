import {Args, Flags} from '@oclif/core'

import {ApplyProgress} from '../apply/progress.js'
import {countResults, type ApplyReport} from '../apply/result.js'
import {BaseCommand} from '../cli/base-command.js'
import {confirmApply} from '../cli/confirm.js'
import {connectionOptions, planFlags, selectionOptions, storeFlags, useColor} from '../cli/store-flags.js'
import {ExitCode} from '../errors/exit-codes.js'
import type {Mode, Scope} from '../plan/plan.js'
import {renderPlanText, renderResultsMarkdown, renderResultsText} from '../render/index.js'
import {withNotifications} from '../notify/notify-apply.js'
import {applyCatalog} from '../services/apply-service.js'
import {describeMarker} from '../delta/describe-marker.js'
import {NOT_IN_GIT} from '../delta/record-apply.js'

export default class ApplyCommand extends BaseCommand {
  static override summary =
    'Push what changed to the store, in the API batch sizes, and report a result per record.'
  static override description = `Without PLANFILE, plans first, shows the plan and asks for confirmation (on a terminal;
elsewhere --yes is required). With PLANFILE (from \`plan --out\`), applies exactly that plan after re-reading every
record it fingerprinted: a plan is refused (exit 6) when the catalog or any of those records changed since.
Deletes and hides from the prune policy need --allow-deletes; a plan over the guardrails needs --force;
variants BigCommerce must recreate (an option added to or removed from a product with variants) need
--allow-replace.
Every run is kept in .catalogctl/history. Exit 0 when all applied, 3 when some records failed.`

  static override enableJsonFlag = true

  static override examples = [
    '<%= config.bin %> <%= command.id %> --dir catalog --sandbox --yes',
    '<%= config.bin %> <%= command.id %> plan.json',
    '<%= config.bin %> <%= command.id %> plan.json --skip-stale',
    '<%= config.bin %> <%= command.id %> --yes --allow-deletes --report-format markdown >> "$GITHUB_STEP_SUMMARY"',
    '<%= config.bin %> <%= command.id %> --yes --mode delta --scope inventory   # a scheduled job: reads only what changed',
  ]

  static override args = {
    planfile: Args.string({description: 'A plan saved with `catalogctl plan --out`.', required: false}),
  }

  static override flags = {
    ...storeFlags,
    ...planFlags,
    yes: Flags.boolean({char: 'y', description: 'Apply without asking.', default: false}),
    'allow-deletes': Flags.boolean({
      description: 'Allow the deletes and hides the prune policy plans.',
      default: false,
    }),
    'allow-replace': Flags.boolean({
      description:
        'Allow changes BigCommerce can only make by deleting and recreating variants (an option added or removed).',
      default: false,
    }),
    force: Flags.boolean({description: 'Apply even when a guardrail trips.', default: false}),
    'allow-dirty': Flags.boolean({
      description:
        'Apply even when the catalog folder has uncommitted changes (the delta marker then stays where it was).',
      default: false,
    }),
    'skip-stale': Flags.boolean({
      description: 'With PLANFILE: apply what is still current and report the stale records.',
      default: false,
    }),
    'report-format': Flags.string({
      description: 'Format of the per-record report.',
      options: ['text', 'markdown'],
      default: 'text',
    }),
  }

  async run(): Promise<ApplyReport> {
    const {args, flags} = await this.parse(ApplyCommand)
    const color = useColor(flags['no-color'])
    const json = this.jsonEnabled()
    let progress: ApplyProgress | undefined
    const abort = new AbortController()
    const stop = () => abort.abort()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    // catalogctl.yaml `notifications`: sent on failure or above the error rate, never failing the apply.
    const apply = withNotifications(applyCatalog, {trigger: 'cli', report: (line) => this.logToStderr(line)})
    const outcome = await apply({
      ...connectionOptions(flags),
      ...(args.planfile ? {planFile: args.planfile} : {}),
      scope: flags.scope as Scope,
      mode: flags.mode as Mode,
      selection: selectionOptions(flags),
      allowDirty: flags['allow-dirty'],
      allowDeletes: flags['allow-deletes'],
      allowReplace: flags['allow-replace'],
      force: flags.force,
      skipStale: flags['skip-stale'],
      signal: abort.signal,
      confirm: async (plan) => {
        if (!json) this.log(renderPlanText(plan, {color}))
        // A saved plan was reviewed when it was made (`plan --out`): applying it is the approval, as
        // with Terraform's `apply PLANFILE`. Only an apply that plans now asks.
        if (flags.yes || args.planfile) return true
        return confirmApply('Do you want to apply these changes?')
      },
      onStart: (plan) => {
        progress = new ApplyProgress({
          total: plan.changes.length,
          write: (text) => process.stderr.write(text),
          interactive: Boolean(process.stderr.isTTY),
        })
      },
      onResult: (result) => progress?.onResult(result),
    }).finally(() => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
    })
    const {report} = outcome
    if (outcome.deltaFallback)
      this.logToStderr(`Delta mode read the whole store instead: ${outcome.deltaFallback}.`)
    const marker = outcome.marker
    // Outside git a full apply has no marker to keep: say nothing unless delta was asked for.
    if (marker && !(marker.status === 'none' && marker.reason === NOT_IN_GIT && flags.mode === 'full'))
      this.logToStderr(describeMarker(marker))
    this.writeStepSummary(
      outcome.cancelled || outcome.plan.changes.length === 0
        ? `### catalogctl apply\n\n${outcome.cancelled ? 'Apply cancelled.' : 'No changes. The store matches the catalog.'}`
        : renderResultsMarkdown(report),
    )
    if (!json) {
      if (outcome.stale.length > 0) {
        this.logToStderr(`Skipped ${outcome.stale.length} stale record(s): ${outcome.stale.join(', ')}`)
      }
      if (outcome.cancelled) this.log('Apply cancelled.')
      else if (outcome.plan.changes.length === 0) this.log('No changes. The store matches the catalog.')
      else {
        this.log(
          flags['report-format'] === 'markdown'
            ? renderResultsMarkdown(report)
            : renderResultsText(report, {color}),
        )
        if (outcome.historyFile) this.logToStderr(`Run ${report.run_id} kept in ${outcome.historyFile}`)
      }
    }
    if (countResults(report.results).failed > 0) {
      if (json) this.logJson(report)
      this.exit(ExitCode.partial)
    }
    if (abort.signal.aborted) {
      if (json) this.logJson(report)
      this.exit(ExitCode.error)
    }
    return report
  }
}
