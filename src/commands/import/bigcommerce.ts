import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {connectionOptions, storeFlags} from '../../cli/store-flags.js'
import {importFromStore, type ImportResult} from '../../import/bigcommerce/import-store.js'
import {renderImport} from '../../import/bigcommerce/render-import.js'
import type {ProductLayout} from '../../import/bigcommerce/import-products.js'

export default class ImportBigcommerce extends BaseCommand {
  static override summary = 'Adopt an existing store: write its live catalog into the YAML catalog folder.'
  static override description = `Reads products (with variants, images, custom fields and metafields), brands, categories,
locations and stock, customer groups and price lists from the store and writes them as catalog files: one file per
product named from its SKU, custom fields and metafields mapped back through templates/bigcommerce.yaml (a value with no
rule gets one), schema modelines on every file. Run again on an existing catalog to update the files in place: only
changed values are written, comments and key order are kept, and no file is deleted unless --prune. Nothing is
written to the store: products without the catalogctl marker are adopted by the next \`catalogctl apply\`.`

  static override enableJsonFlag = true

  static override examples = [
    '<%= config.bin %> <%= command.id %> --dir catalog',
    '<%= config.bin %> <%= command.id %> --dir catalog --sandbox',
    '<%= config.bin %> <%= command.id %> --sku "TEE-*" --sku "MUG-*"',
    '<%= config.bin %> <%= command.id %> --layout single-file --prune',
  ]

  static override flags = {
    ...storeFlags,
    sku: Flags.string({
      description: 'Only products whose SKU matches this glob (case-insensitive; repeatable).',
      multiple: true,
    }),
    layout: Flags.string({
      description:
        'Where new products go: one file per product (products/<sku>.yaml) or one list in products/products.yaml.',
      options: ['one-per-file', 'single-file'],
      default: 'one-per-file',
    }),
    prune: Flags.boolean({
      description:
        'Remove catalog products the store no longer has (their files, or their items in list files).',
      default: false,
    }),
  }

  async run(): Promise<ImportResult> {
    const {flags} = await this.parse(ImportBigcommerce)
    const result = await importFromStore({
      ...connectionOptions(flags),
      ...(flags.sku ? {skus: flags.sku} : {}),
      layout: flags.layout as ProductLayout,
      prune: flags.prune,
    })
    if (!this.jsonEnabled()) this.log(renderImport(result))
    return result
  }
}
