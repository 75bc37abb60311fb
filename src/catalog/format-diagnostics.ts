import type {Diagnostic} from './diagnostics.js'
import {countDiagnostics} from './diagnostics.js'

/** `file:line:col  error  message  (rule)` and, indented below, the hint. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const head = `${diagnostic.file}:${diagnostic.line}:${diagnostic.col}  ${diagnostic.severity}  ${diagnostic.message}  (${diagnostic.rule})`
  return diagnostic.hint ? `${head}\n    hint: ${diagnostic.hint}` : head
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`

/** One line: what was checked and what was found. */
export function formatSummary(
  diagnostics: readonly Diagnostic[],
  stats: {products: number; variants: number; files: number},
  dir: string,
): string {
  const counts = countDiagnostics(diagnostics)
  const checked = `${plural(stats.products, 'product')}, ${plural(stats.variants, 'variant')} in ${plural(stats.files, 'file')}`
  if (counts.errors > 0)
    return `✗ ${dir} is invalid: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} (${checked})`
  if (counts.warnings > 0) return `✓ ${dir} is valid with ${plural(counts.warnings, 'warning')} (${checked})`
  return `✓ ${dir} is valid (${checked})`
}
