import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {connectionOptions, planFlags, selectionOptions, storeFlags, useColor} from '../cli/store-flags.js'
import {ExitCode} from '../errors/exit-codes.js'
import type {Mode, Plan, Scope} from '../plan/plan.js'
import {renderPlanMarkdown, renderPlanText} from '../render/index.js'
import {planAgainstStore} from '../services/plan-service.js'
import {writePlanFile} from '../services/saved-plan.js'

export default class PlanCommand extends BaseCommand {
  static override summary = 'Show what apply would change in the store, record by record and field by field.'
  static override description = `Loads and validates the catalog (exit 4 when invalid: nothing is sent), reads the live store
into the same model and prints the difference, Terraform-style. With --out, the plan is saved with a fingerprint of
every live record it read, for \`catalogctl apply PLANFILE\`.`

  static override enableJsonFlag = true

  static override examples = [
    '<%= config.bin %> <%= command.id %> --dir catalog --sandbox',
    '<%= config.bin %> <%= command.id %> --scope pricing --sku "TEE-*"',
    '<%= config.bin %> <%= command.id %> --out plan.json --detailed-exitcode',
    '<%= config.bin %> <%= command.id %> --format markdown > plan.md   # a pull-request comment',
    '<%= config.bin %> <%= command.id %> --changed-since origin/main --format markdown   # what a pull request changes',
    '<%= config.bin %> <%= command.id %> --mode delta --detailed-exitcode   # an hourly check that reads only what changed',
  ]

  static override flags = {
    ...storeFlags,
    ...planFlags,
    out: Flags.string({
      char: 'o',
      description: 'Save the plan (JSON with fingerprints) for `apply PLANFILE`.',
    }),
    format: Flags.string({description: 'Output format.', options: ['text', 'markdown'], default: 'text'}),
    'changed-since': Flags.string({
      description:
        'Only products whose YAML changed in the working tree since this git ref (for a pull request: origin/main).',
    }),
    'detailed-exitcode': Flags.boolean({
      description: 'Exit 0 when there are no changes, 2 when there are, 1 on error.',
      default: false,
    }),
  }

  async run(): Promise<Plan> {
    const {flags} = await this.parse(PlanCommand)
    const session = await planAgainstStore({
      ...connectionOptions(flags),
      scope: flags.scope as Scope,
      mode: flags.mode as Mode,
      selection: selectionOptions(flags),
      savesPlan: flags.out !== undefined,
      ...(flags['changed-since'] ? {changedSince: flags['changed-since']} : {}),
    })
    await session.close()
    if (session.deltaFallback)
      this.logToStderr(`Delta mode read the whole store instead: ${session.deltaFallback}.`)
    const {plan} = session
    if (flags.out) await writePlanFile(flags.out, plan)
    this.writeStepSummary(renderPlanMarkdown(plan))
    if (!this.jsonEnabled()) {
      const text =
        flags.format === 'markdown'
          ? renderPlanMarkdown(plan)
          : renderPlanText(plan, {color: useColor(flags['no-color'])})
      this.log(text.trimEnd())
      if (flags.out)
        this.logToStderr(`Saved the plan to ${flags.out}. Apply it with: catalogctl apply ${flags.out}`)
    }
    if (flags['detailed-exitcode'] && plan.changes.length > 0) {
      if (this.jsonEnabled()) this.logJson(plan)
      this.exit(ExitCode.changes)
    }
    return plan
  }
}
