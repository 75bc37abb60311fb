import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import type {ImportCsvResult} from '../../import/csv/import-csv.js'
import {importCsv} from '../../import/csv/import-csv.js'
import {renderImportCsv} from '../../import/csv/render-import.js'

export default class ImportCsv extends BaseCommand {
  static override summary =
    'Take a spreadsheet, ERP export, supplier feed or BigCommerce product export into the catalog.'
  static override description = `Maps the columns of FILE onto catalog fields with a mapping file (schemas/mapping.schema.json) and writes products (one file each, existing files edited in place with comments kept), stock (inventory/) and price-list records (price-lists/). BigCommerce's own product CSV exports (current \`Item\` and legacy \`Item Type\` layouts) need no mapping; any other file without one is refused.

Modes: merge (default) updates the mapped fields of existing products and creates new ones; update changes existing products only and reports unknown SKUs; replace-stock / replace-prices write only inventory/ or price-lists/, making the file the whole stock or list for what it covers.

Every row that cannot be imported is reported with its row number, column and reason (exit 3); --strict writes nothing when any row fails (exit 6). The would-be catalog is validated before anything is written: if it is invalid nothing is written (exit 4). Files are staged and renamed into place with a journal, so an interrupted import leaves the catalog as it was, or is completed by the next import.`

  static override enableJsonFlag = true

  static override examples = [
    '<%= config.bin %> <%= command.id %> erp-export.csv --mapping catalog/mappings/erp-feed.yaml',
    '<%= config.bin %> <%= command.id %> products-2026-05-01.csv --dir catalog',
    '<%= config.bin %> <%= command.id %> stock.csv --mapping stock.yaml --mode replace-stock --commit',
    '<%= config.bin %> <%= command.id %> supplier.csv --mapping supplier.yaml --encoding windows-1252 --delimiter ";" --strict --commit --branch feed/supplier',
  ]

  static override args = {
    file: Args.string({description: 'The CSV file to import.', required: true}),
  }

  static override flags = {
    mapping: Flags.string({
      char: 'm',
      description: 'The mapping file (YAML). Not needed for BigCommerce product exports.',
    }),
    dir: Flags.string({char: 'd', description: 'The catalog folder.', default: 'catalog'}),
    mode: Flags.string({
      description: 'What the import may change.',
      options: ['merge', 'update', 'replace-stock', 'replace-prices'],
      default: 'merge',
    }),
    encoding: Flags.string({
      description: 'Text encoding of FILE.',
      options: ['utf8', 'utf8-bom', 'windows-1252', 'auto'],
    }),
    delimiter: Flags.string({description: 'Field delimiter: , ; tab or auto.'}),
    strict: Flags.boolean({description: 'Write nothing when any row cannot be imported.', default: false}),
    commit: Flags.boolean({description: 'Commit the changed files with git.', default: false}),
    branch: Flags.string({
      description: 'Check out (or create) this branch before importing; implies nothing about pushing.',
    }),
  }

  async run(): Promise<ImportCsvResult> {
    const {args, flags} = await this.parse(ImportCsv)
    const result = await importCsv({
      file: args.file,
      dir: flags.dir,
      mode: flags.mode as ImportCsvResult['mode'],
      strict: flags.strict,
      commit: flags.commit,
      ...(flags.mapping === undefined ? {} : {mapping: flags.mapping}),
      ...(flags.encoding === undefined ? {} : {encoding: flags.encoding as 'auto'}),
      ...(flags.delimiter === undefined ? {} : {delimiter: flags.delimiter}),
      ...(flags.branch === undefined ? {} : {branch: flags.branch}),
    })
    if (!this.jsonEnabled()) this.log(renderImportCsv(result))
    if (result.exitCode !== 0) {
      if (this.jsonEnabled()) this.logJson(result)
      this.exit(result.exitCode)
    }
    return result
  }
}
