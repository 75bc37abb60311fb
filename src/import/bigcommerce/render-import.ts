import type {ImportResult} from './import-store.js'

/** The import's report for people. Pure. */
export function renderImport(result: ImportResult): string {
  const {products, files} = result
  const out: string[] = [
    `Imported the store (${result.store}) into ${result.dir}:`,
    `  products: ${products.created} new, ${products.updated} updated, ${products.unchanged} unchanged${products.pruned > 0 ? `, ${products.pruned} removed (--prune)` : ''}`,
    `  files: ${files.created.length} created, ${files.updated.length} updated, ${files.deleted.length} deleted`,
  ]
  const rules = result.template.rules.length + Object.keys(result.template.fields).length
  if (rules > 0)
    out.push(
      `  templates/bigcommerce.yaml: ${rules} rule(s) added for values the template had no way to export`,
    )
  if (products.missing.length > 0) {
    const shown = products.missing.slice(0, 5).join(', ')
    const more = products.missing.length > 5 ? ` and ${products.missing.length - 5} more` : ''
    out.push(
      `  ${products.missing.length} catalog product(s) are not in the store (kept; --prune removes them): ${shown}${more}`,
    )
  }
  for (const warning of result.warnings.slice(0, 20)) out.push(`Warning: ${warning}`)
  if (result.warnings.length > 20) out.push(`Warning: … and ${result.warnings.length - 20} more`)
  if (result.diagnostics > 0)
    out.push(
      `The written catalog has ${result.diagnostics} validation error(s): run \`catalogctl validate\`.`,
    )
  out.push(
    result.unmarked > 0
      ? `Next: review the files, then \`catalogctl plan\`: ${result.unmarked} product(s) will be adopted (marked as managed) by \`catalogctl apply\`.`
      : 'Next: review the files, then `catalogctl plan` (it should report no changes).',
  )
  return out.join('\n')
}
