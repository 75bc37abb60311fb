import type {CheckStatus, DoctorReport} from './doctor-types.js'

const MARK: Record<CheckStatus, string> = {pass: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip'}

/** One line per check, a `fix:` line under each failure or warning, and a closing verdict. Pure. */
export function renderDoctorText(report: DoctorReport): string {
  const lines: string[] = []
  const width = Math.max(...report.checks.map((check) => check.title.length))
  for (const check of report.checks) {
    lines.push(`${MARK[check.status]}  ${check.title.padEnd(width)}  ${check.detail}`)
    if (check.fix && (check.status === 'fail' || check.status === 'warn'))
      lines.push(`${' '.repeat(6 + width + 2)}fix: ${check.fix}`)
  }
  const failed = report.checks.filter((check) => check.status === 'fail').length
  const warned = report.checks.filter((check) => check.status === 'warn').length
  lines.push('')
  if (failed === 0)
    lines.push(`All checks passed${warned > 0 ? ` (${warned} warning${warned > 1 ? 's' : ''})` : ''}.`)
  else
    lines.push(
      `${failed} check${failed > 1 ? 's' : ''} failed${report.exitCode === 5 ? ' (credentials or permissions)' : ''}.`,
    )
  return lines.join('\n')
}
