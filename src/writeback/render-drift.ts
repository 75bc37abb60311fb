import type {DriftRecord, DriftReport} from './drift.js'

import {formatValue} from '../render/format-value.js'

/** The drift report for people (and a scheduled job's log). Pure. */
export function renderDrift(report: DriftReport): string {
  const out: string[] = []
  const since = report.last_applied_commit
    ? ` since the last apply (${report.last_applied_commit.slice(0, 12)})`
    : ''
  if (report.drift.length === 0)
    out.push(`No drift: the store matches the catalog${since} (${report.scope}).`)
  else {
    out.push(
      `Drift: ${report.drift.length} record(s) changed in the store${since}, not in the catalog (${report.scope}):`,
      '',
    )
    for (const record of report.drift) out.push(...recordLines(record), '')
  }
  if (report.pending.length > 0) {
    out.push(
      `${report.pending.length} record(s) differ because the catalog changed since the last apply (not drift; \`catalogctl apply\` pushes them):`,
    )
    for (const record of report.pending) out.push(`  ${record.kind} ${record.key}${where(record)}`)
    out.push('')
  }
  for (const note of report.notes) out.push(`Note: ${note}`)
  if (report.written) {
    const {created, updated} = report.written
    const files = [...created, ...updated]
    out.push(
      files.length > 0
        ? `Wrote the live values back into ${files.length} file(s): ${files.join(', ')}`
        : 'Nothing to write back.',
    )
  } else if (report.drift.length > 0)
    out.push('Run `catalogctl drift --write` to write the live values into the YAML files.')
  return out.join('\n').trimEnd()
}

function recordLines(record: DriftRecord): string[] {
  const when = record.date_modified ? `, modified in the store ${record.date_modified}` : ''
  const lines = [`  ~ ${record.kind} ${record.key}${where(record)}${when}`]
  for (const field of record.fields) {
    lines.push(
      `      ${field.path}: catalog ${formatValue(field.path, field.catalog)}, live ${formatValue(field.path, field.live)}`,
    )
  }
  return lines
}

function where(record: DriftRecord): string {
  return record.source ? ` (${record.source.file}:${record.source.line})` : ''
}
