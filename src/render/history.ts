import type {ApplyReport} from '../apply/result.js'
import {countResults} from '../apply/result.js'

/** One line per run, newest first: id, start, scope, and the counts of each outcome. */
export function renderHistoryList(reports: readonly ApplyReport[]): string {
  if (reports.length === 0) return 'No runs yet. Every `catalogctl apply` is kept here.'
  const lines = reports.map((report) => {
    const counts = countResults(report.results)
    const tally = `${counts.applied} applied, ${counts.warning} warnings, ${counts.failed} failed, ${counts.skipped} skipped`
    return `${report.run_id}  ${outcomeOf(report).padEnd(11)}  ${report.scope.padEnd(8)}  ${tally}`
  })
  return [`RUN ID${' '.repeat(24)}  RESULT       SCOPE     RECORDS`, ...lines].join('\n')
}

/** `interrupted` (the process died halfway: see `history show`), `running`, `partial` or `ok`. */
function outcomeOf(report: ApplyReport): string {
  if (report.status === 'interrupted' || report.status === 'running') return report.status
  return countResults(report.results).failed > 0 ? 'partial' : 'ok'
}
