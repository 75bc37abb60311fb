import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {formatDiagnostic, githubActionsOutput, validateCatalog} from '../catalog/index.js'
import type {ValidationReport} from '../catalog/index.js'
import {ExitCode} from '../errors/exit-codes.js'

export default class Validate extends BaseCommand {
  static override summary = 'Check the catalog against its schemas and rules, reporting every problem.'
  static override description = `Loads every file of the catalog folder and reports each problem as \`file:line:col  error|warning  message  (rule)\` with a hint. Exits 0 when the catalog is valid (warnings allowed) and 4 when it has errors. With GITHUB_ACTIONS=true, problems are also printed as workflow annotations so they show on the pull request.`

  static override enableJsonFlag = true

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --dir path/to/catalog',
    '<%= config.bin %> <%= command.id %> --json | jq \'.diagnostics[] | select(.severity == "error")\'',
  ]

  static override flags = {
    dir: Flags.string({char: 'd', description: 'The catalog folder.', default: 'catalog'}),
  }

  async run(): Promise<ValidationReport> {
    const {flags} = await this.parse(Validate)
    const report = await validateCatalog(flags.dir)
    const annotations = await githubActionsOutput(report)
    if (this.jsonEnabled()) {
      for (const line of annotations) this.logToStderr(line)
    } else {
      for (const diagnostic of report.diagnostics) this.log(formatDiagnostic(diagnostic))
      for (const line of annotations) this.log(line)
      this.log(report.summary)
    }
    if (!report.valid) {
      if (this.jsonEnabled()) this.logJson(report)
      this.exit(ExitCode.invalidCatalog)
    }
    return report
  }
}
