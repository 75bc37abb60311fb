/**
 * A problem found in the catalog. Public shape (BRIEF contract and `validate --json`):
 * `{file, line, col, severity, message, rule, hint?}`; `file` is the path as the user named the catalog
 * folder (e.g. `catalog/products/tee.yaml`), `line` and `col` are 1-based.
 */
export type Severity = 'error' | 'warning'

export interface Diagnostic {
  file: string
  line: number
  col: number
  severity: Severity
  message: string
  /** A stable rule id such as `schema/additional-property` or `sku/duplicate`. */
  rule: string
  hint?: string
}

/** A path into a YAML document: mapping keys and sequence indexes. */
export type PathSegment = string | number

/**
 * A diagnostic whose position may still be a document path. Positions are resolved only for files that
 * have problems (re-parsing that file with `yaml` for its source tokens), so the happy path never pays.
 */
export interface PendingDiagnostic {
  severity: Severity
  message: string
  rule: string
  hint?: string
  /** Either an exact position, or a path to resolve (the key itself with `target: 'key'`). */
  at: {line: number; col: number} | {path: PathSegment[]; target?: 'key' | 'value'}
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1
  return a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message)
}

export interface DiagnosticCounts {
  errors: number
  warnings: number
  files: number
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  let errors = 0
  for (const diagnostic of diagnostics) if (diagnostic.severity === 'error') errors++
  return {errors, warnings: diagnostics.length - errors, files: new Set(diagnostics.map((d) => d.file)).size}
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

/** `products[2].variants[0].sku` — how messages name a place inside a document. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}
