import path from 'node:path'

import {Args} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {scaffoldCatalog} from '../catalog/index.js'
import type {ScaffoldResult} from '../catalog/index.js'

export default class Init extends BaseCommand {
  static override summary = 'Scaffold a new catalog folder that validates clean.'
  static override description = `Writes catalogctl.yaml, categories.yaml, templates/bigcommerce.yaml, schedules.yaml, an example product, an inventory file, a price list and a .gitignore (ignoring .catalogctl/). Every YAML file starts with a \`# yaml-language-server: $schema=\` line pointing at node_modules/catalogctl/schemas/, so editors complete and check it once catalogctl is installed in the repository. Never overwrites a file: when any of them exists, nothing is written and the command exits 1.`

  static override enableJsonFlag = true

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> my-store/catalog',
  ]

  static override args = {
    dir: Args.string({description: 'The folder to create the catalog in.', default: 'catalog'}),
  }

  async run(): Promise<ScaffoldResult> {
    const {args} = await this.parse(Init)
    const result = await scaffoldCatalog(args.dir)
    this.log(`Created a catalog in ${result.dir}/:`)
    for (const file of result.files) this.log(`  ${file}`)
    if (!result.schemasInstalled)
      this.log(
        `\nEditor completion: the schema modelines point at ${path.relative(process.cwd(), result.schemasDir) || '.'}; run \`npm install --save-dev catalogctl\` in the repository so they resolve.`,
      )
    this.log(`\nNext: catalogctl validate --dir ${result.dir}`)
    return result
  }
}
