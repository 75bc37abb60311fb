import {formatDiagnostic} from '../../catalog/index.js'
import type {ImportCsvResult} from './import-csv.js'

/** How many row problems the text report lists before "…and N more" (--json has them all). */
const listed = 50

/** The text report of `import csv`. Pure. */
export function renderImportCsv(result: ImportCsvResult): string {
  const lines: string[] = []
  const layout =
    result.layout === 'mapping'
      ? 'mapped'
      : `BigCommerce export (${result.layout.replace('bigcommerce-', '')} layout)`
  lines.push(
    `Read ${result.rows} rows from ${result.file}: ${layout}, ${result.encoding}, ${result.delimiter}-separated; mode ${result.mode}.`,
  )
  if (result.recovered.length > 0)
    lines.push(`Completed an interrupted import first: ${result.recovered.length} files.`)
  for (const problem of result.problems.slice(0, listed))
    lines.push(
      `  row ${problem.row}${problem.column ? `, column ${JSON.stringify(problem.column)}` : ''}${problem.sku ? ` (${problem.sku})` : ''}: ${problem.reason}`,
    )
  if (result.problems.length > listed)
    lines.push(`  …and ${result.problems.length - listed} more (--json lists them all)`)
  const {products, stock, prices} = result
  const counts = [
    `${products.created} new, ${products.updated} updated, ${products.unchanged} unchanged products`,
    products.variantsCreated > 0 ? `${products.variantsCreated} new variants` : '',
    result.categoriesAdded > 0 ? `${result.categoriesAdded} categories declared` : '',
    stock.changed + stock.removed > 0 ? `${stock.changed} stock levels set, ${stock.removed} removed` : '',
    prices.changed + prices.removed > 0
      ? `${prices.changed} price-list records set, ${prices.removed} removed`
      : '',
    result.problems.length > 0 ? `${result.problems.length} rows not imported` : '',
  ].filter(Boolean)
  lines.push(counts.join('; ') + '.')
  for (const diagnostic of result.diagnostics) lines.push(formatDiagnostic(diagnostic))
  if (result.refused === 'strict')
    lines.push(`--strict: ${result.problems.length} rows failed, so nothing was written.`)
  else if (result.refused === 'invalid')
    lines.push('The catalog would be invalid after this import, so nothing was written.')
  else if (result.files.length === 0) lines.push('The catalog already matches the file; nothing to write.')
  else lines.push(`Wrote ${result.files.length} files in ${result.dir}.`)
  if (result.commit)
    lines.push(`Committed ${result.commit.sha} on ${result.commit.branch}: ${result.commit.message}`)
  return lines.join('\n')
}
