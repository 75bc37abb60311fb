import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {connectionOptions, storeFlags} from '../cli/store-flags.js'
import {ExitCode} from '../errors/exit-codes.js'
import type {Scope} from '../plan/plan.js'
import {detectDrift, type DriftReport} from '../writeback/drift.js'
import {renderDrift} from '../writeback/render-drift.js'

export default class Drift extends BaseCommand {
  static override summary = 'List what changed in the store, not in the catalog, since the last apply.'
  static override description = `Reads the store like \`plan\` and lists, per record and field, the managed records whose live values
differ from the catalog although their YAML did not change since the last successful apply of the scope (from git:
that commit vs HEAD and the working tree): someone changed the store. Each record shows the live value and when the
store modified it. Differences whose YAML changed are listed apart as pending catalog changes. With --write, the live
values are written back into the YAML files (through the export template in reverse), keeping comments and order, so
the drift becomes a reviewable pull request. Exit 2 when drift exists, 0 when none.`

  static override enableJsonFlag = true

  static override examples = [
    '<%= config.bin %> <%= command.id %> --dir catalog',
    '<%= config.bin %> <%= command.id %> --scope pricing',
    '<%= config.bin %> <%= command.id %> --write && git diff catalog/',
  ]

  static override flags = {
    ...storeFlags,
    scope: Flags.string({
      description: 'Field group to check: products, pricing, inventory or all.',
      options: ['all', 'products', 'pricing', 'inventory'],
      default: 'all',
    }),
    write: Flags.boolean({
      description: 'Write the live values back into the YAML files (comments and order kept).',
      default: false,
    }),
  }

  async run(): Promise<DriftReport> {
    const {flags} = await this.parse(Drift)
    const report = await detectDrift({
      ...connectionOptions(flags),
      scope: flags.scope as Scope,
      write: flags.write,
    })
    if (!this.jsonEnabled()) this.log(renderDrift(report))
    if (report.drift.length > 0) {
      if (this.jsonEnabled()) this.logJson(report)
      this.exit(ExitCode.changes)
    }
    return report
  }
}
