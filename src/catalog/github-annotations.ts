import path from 'node:path'

import type {Diagnostic} from './diagnostics.js'

/**
 * GitHub keeps only about 10 error and 10 warning annotations per step (ecosystem.md §A1.2) and drops the
 * rest silently, so we print the first 10 of each and one notice saying how many more there are.
 */
export const annotationLimitPerSeverity = 10

/** Escaping of workflow-command data, as @actions/core `escapeData` does. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escaping of workflow-command properties (`file=`, `title=`), as @actions/core `escapeProperty` does. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/**
 * `::error file=…,line=…,col=…,title=…::message` lines for GitHub Actions. `file` is made relative to the
 * repository root (`GITHUB_WORKSPACE`, else the working directory) so annotations land on the PR diff.
 */
export function formatGithubAnnotations(
  diagnostics: readonly Diagnostic[],
  workspace: string = process.env.GITHUB_WORKSPACE ?? process.cwd(),
): string[] {
  const lines: string[] = []
  const shown = {error: 0, warning: 0}
  let hidden = 0
  for (const diagnostic of diagnostics) {
    if (shown[diagnostic.severity] >= annotationLimitPerSeverity) {
      hidden++
      continue
    }
    shown[diagnostic.severity]++
    const file = path.relative(workspace, path.resolve(diagnostic.file)).split(path.sep).join('/')
    const properties = [
      `file=${escapeProperty(file)}`,
      `line=${diagnostic.line}`,
      `col=${diagnostic.col}`,
      `title=${escapeProperty(`catalogctl ${diagnostic.rule}`)}`,
    ].join(',')
    const message = diagnostic.hint ? `${diagnostic.message}\n${diagnostic.hint}` : diagnostic.message
    lines.push(`::${diagnostic.severity} ${properties}::${escapeData(message)}`)
  }
  if (hidden > 0)
    lines.push(`::notice title=catalogctl::${escapeData(`${hidden} more problems are not annotated; see the validate output in the job log.`)}`)
  return lines
}

const escapeCell = (value: string): string => value.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/**
 * Markdown for `$GITHUB_STEP_SUMMARY`: the full list, since annotations are capped (1 MiB per step, so
 * the table is cut at 500 rows).
 */
export function formatStepSummary(diagnostics: readonly Diagnostic[], summary: string): string {
  const rows = diagnostics
    .slice(0, 500)
    .map((d) => `| ${escapeCell(`${d.file}:${d.line}:${d.col}`)} | ${d.severity} | ${escapeCell(d.message)} | ${d.rule} | ${escapeCell(d.hint ?? '')} |`)
  const more = diagnostics.length > 500 ? `\n\n…and ${diagnostics.length - 500} more.` : ''
  const table = rows.length ? `\n\n| where | severity | problem | rule | hint |\n|---|---|---|---|---|\n${rows.join('\n')}${more}` : ''
  return `### catalogctl validate\n\n${escapeCell(summary)}${table}\n`
}
