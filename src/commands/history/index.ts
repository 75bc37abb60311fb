import {Flags} from '@oclif/core'

import type {ApplyReport} from '../../apply/result.js'
import {BaseCommand} from '../../cli/base-command.js'
import {renderHistoryList} from '../../render/history.js'
import {historyOf} from '../../services/history-service.js'

export default class HistoryCommand extends BaseCommand {
  static override summary = 'List the apply runs kept in .catalogctl/history (the last 100).'
  static override enableJsonFlag = true
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ]
  static override flags = {
    dir: Flags.string({char: 'd', description: 'The catalog folder.', default: 'catalog'}),
  }

  async run(): Promise<ApplyReport[]> {
    const {flags} = await this.parse(HistoryCommand)
    const reports = await historyOf(flags.dir).list()
    this.log(renderHistoryList(reports))
    return reports
  }
}
