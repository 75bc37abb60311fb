import path from 'node:path'

import {Args, Flags} from '@oclif/core'

import {writeInitWorkflows, type InitWorkflows} from '../automation/init-workflows.js'
import {BaseCommand} from '../cli/base-command.js'
import {scaffoldCatalog} from '../catalog/index.js'
import type {ScaffoldResult} from '../catalog/index.js'

export default class Init extends BaseCommand {
  static override summary = 'Scaffold a new catalog folder that validates clean.'
  static override description = `Writes catalogctl.yaml, categories.yaml, templates/bigcommerce.yaml, schedules.yaml, an example product, an inventory file, a price list and a .gitignore (ignoring .catalogctl/), and the GitHub Actions workflows of the repository (see README "Catalog repository on GitHub"; --no-workflows to skip). Every YAML file starts with a \`# yaml-language-server: $schema=\` line pointing at node_modules/catalogctl/schemas/, so editors complete and check it once catalogctl is installed in the repository. Never overwrites a file: when any of them exists, nothing is written and the command exits 1.`

  static override enableJsonFlag = true

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> my-store/catalog',
  ]

  static override args = {
    dir: Args.string({description: 'The folder to create the catalog in.', default: 'catalog'}),
  }

  static override flags = {
    workflows: Flags.boolean({
      description:
        "Also write the GitHub Actions workflows (pull-request plan/apply, one per schedules.yaml job) into the repository's .github/workflows; existing files are kept.",
      default: true,
      allowNo: true,
    }),
  }

  async run(): Promise<ScaffoldResult & {workflows?: InitWorkflows}> {
    const {args, flags} = await this.parse(Init)
    const result = await scaffoldCatalog(args.dir)
    this.log(`Created a catalog in ${result.dir}/:`)
    for (const file of result.files) this.log(`  ${file}`)
    const workflows = flags.workflows ? await writeInitWorkflows(args.dir) : undefined
    if (workflows) {
      this.log(`GitHub Actions workflows in ${path.relative(process.cwd(), workflows.dir) || '.'}/:`)
      for (const file of workflows.written) this.log(`  ${path.relative(process.cwd(), file)}`)
      for (const file of workflows.kept) this.log(`  ${path.relative(process.cwd(), file)} (exists, kept)`)
    }
    if (!result.schemasInstalled)
      this.log(
        `\nEditor completion: the schema modelines point at ${path.relative(process.cwd(), result.schemasDir) || '.'}; run \`npm install --save-dev catalogctl\` in the repository so they resolve.`,
      )
    this.log(`\nNext: catalogctl validate --dir ${result.dir}`)
    return workflows ? {...result, workflows} : result
  }
}
