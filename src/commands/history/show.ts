import {Args, Flags} from '@oclif/core'

import type {ApplyReport} from '../../apply/result.js'
import {BaseCommand} from '../../cli/base-command.js'
import {renderResultsMarkdown, renderResultsText} from '../../render/index.js'
import {historyOf} from '../../services/history-service.js'

export default class HistoryShowCommand extends BaseCommand {
  static override summary = 'Show one apply run: its plan summary and every record result.'
  static override enableJsonFlag = true
  static override examples = [
    '<%= config.bin %> <%= command.id %> 2026-12-03T16-02-11-123Z-ab12',
    '<%= config.bin %> <%= command.id %> 2026-12-03 --format markdown',
  ]
  static override args = {
    id: Args.string({description: 'The run id (or its unique start).', required: true}),
  }
  static override flags = {
    dir: Flags.string({char: 'd', description: 'The catalog folder.', default: 'catalog'}),
    format: Flags.string({description: 'Output format.', options: ['text', 'markdown'], default: 'text'}),
  }

  async run(): Promise<ApplyReport> {
    const {args, flags} = await this.parse(HistoryShowCommand)
    const report = await historyOf(flags.dir).show(args.id)
    this.log(
      flags.format === 'markdown'
        ? renderResultsMarkdown(report)
        : renderResultsText(report, {verbose: true}),
    )
    return report
  }
}
