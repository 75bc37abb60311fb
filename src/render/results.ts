import {configure} from 'safe-stable-stringify'

import type {ApplyReport, RecordResult, RecordStatus} from '../apply/result.js'

import {countResults} from '../apply/result.js'
import {assertNever} from '../errors/user-error.js'
import {formatCount, formatDuration} from './format-value.js'
import {GITHUB_COMMENT_LIMIT} from './markdown.js'

const stableStringify = configure({deterministic: true})

export interface ResultsTextOptions {
  color?: boolean
  /** Also list applied records (default: only warnings, failures and skips, then the totals). */
  verbose?: boolean
}

const SYMBOL: Record<RecordStatus, string> = {applied: '✓', warning: '!', failed: '✗', skipped: '-'}
const COLOUR: Record<RecordStatus, string> = {
  applied: '\u001B[32m',
  warning: '\u001B[33m',
  failed: '\u001B[31m',
  skipped: '\u001B[2m',
}

const PAST: Record<RecordResult['action'], string> = {create: 'created', update: 'updated', delete: 'deleted'}

function describe(result: RecordResult): string {
  const subject = `${result.kind} ${result.key}`
  const detail = result.message ? `: ${result.message}` : ''
  const status = result.response ? ` (HTTP ${result.response.status})` : ''
  switch (result.status) {
    case 'applied':
      return `${subject} ${PAST[result.action]}`
    case 'warning':
      return `${subject} ${PAST[result.action]} with a warning${detail}${status}`
    case 'failed':
      return `${subject} failed to ${result.action}${detail}${status}`
    case 'skipped':
      return `${subject} skipped${detail}`
    default:
      return assertNever(result.status, 'status')
  }
}

/** `Apply: 10 applied, 1 warning, 1 failed, 1 skipped. 120 requests (3 retries, 1 rate-limited) in 12 s.` */
export function resultsSummaryLine(report: ApplyReport): string {
  const counts = countResults(report.results)
  const seconds = (Date.parse(report.finished_at) - Date.parse(report.started_at)) / 1000
  const took = Number.isFinite(seconds) ? ` in ${formatDuration(Math.max(0, seconds))}` : ''
  const {requests, retries, rate_limited} = report.stats
  return (
    `Apply: ${formatCount(counts.applied)} applied, ${formatCount(counts.warning)} ${counts.warning === 1 ? 'warning' : 'warnings'}, ` +
    `${formatCount(counts.failed)} failed, ${formatCount(counts.skipped)} skipped. ` +
    `${formatCount(requests)} requests (${formatCount(retries)} retries, ${formatCount(rate_limited)} rate-limited)${took}.`
  )
}

/** Per-record results as text: problems first-class, applied records only when verbose. Pure. */
export function renderResultsText(report: ApplyReport, options: ResultsTextOptions = {}): string {
  const paint = (status: RecordStatus, text: string): string =>
    options.color ? `${COLOUR[status]}${text}\u001B[0m` : text
  const lines: string[] = []
  for (const result of report.results) {
    if (result.status === 'applied' && !options.verbose) continue
    lines.push(paint(result.status, `${SYMBOL[result.status]} ${describe(result)}`))
  }
  if (lines.length > 0) lines.push('')
  lines.push(resultsSummaryLine(report))
  return `${lines.join('\n')}\n`
}

/**
 * Results as markdown (PR comment, job summary): the verdict, a table of counts, then every record that
 * did not simply apply, failures with BigCommerce's response body folded in `<details>`. Bodies are cut
 * first when the document would pass GitHub's comment limit. Pure.
 */
export function renderResultsMarkdown(report: ApplyReport, options: {maxLength?: number} = {}): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT
  const counts = countResults(report.results)
  const head = [
    `### catalogctl apply ${counts.failed > 0 ? 'finished with failures' : 'succeeded'}`,
    '',
    `**${resultsSummaryLine(report)}**`,
    '',
    '| Applied | Warnings | Failed | Skipped |',
    '|---:|---:|---:|---:|',
    `| ${formatCount(counts.applied)} | ${formatCount(counts.warning)} | ${formatCount(counts.failed)} | ${formatCount(counts.skipped)} |`,
    '',
    `Run \`${report.run_id}\` · store \`${report.store.hash}\` · scope \`${report.scope}\`${report.commit ? ` · commit \`${report.commit.slice(0, 7)}\`` : ''}`,
    '',
  ].join('\n')
  let document = `${head}\n`
  const problems = report.results.filter((result) => result.status !== 'applied')
  let shown = 0
  for (const result of problems) {
    let entry = `- **${result.status}** ${escapeMarkdown(describe(result))}\n`
    if (result.response) {
      const body = stableStringify(result.response.body, null, 2) ?? 'null'
      entry += `\n  <details><summary>Response ${result.response.status}</summary>\n\n  \`\`\`\`json\n${body
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n')}\n  \`\`\`\`\n\n  </details>\n\n`
    }
    if (document.length + entry.length + 300 > maxLength) break
    document += entry
    shown++
  }
  if (shown < problems.length) {
    document += `\n> **${formatCount(problems.length - shown)} more records not shown** (GitHub's ${formatCount(maxLength)}-character limit); the run history has them all.\n`
  }
  return `${document.trimEnd()}\n`
}

function escapeMarkdown(text: string): string {
  return text.replace(/[<>]/g, (char) => (char === '<' ? '&lt;' : '&gt;'))
}
