import type {Plan} from '../plan/plan.js'
import type {Line, Tone} from './change-lines.js'

import {planBlocks} from './variant-lines.js'
import {formatCount, formatDuration} from './format-value.js'

export interface TextRenderOptions {
  /** ANSI colour; the caller decides (a TTY, no --no-color, no NO_COLOR). */
  color?: boolean
}

const ANSI: Record<Tone, [string, string]> = {
  create: ['\u001B[32m', '\u001B[39m'],
  update: ['\u001B[33m', '\u001B[39m'],
  delete: ['\u001B[31m', '\u001B[39m'],
  added: ['\u001B[32m', '\u001B[39m'],
  removed: ['\u001B[31m', '\u001B[39m'],
  plain: ['', ''],
  muted: ['\u001B[2m', '\u001B[22m'],
}

const LEGEND: Record<'create' | 'update' | 'delete', string> = {
  create: '+ create',
  update: '~ update in place',
  delete: '- delete',
}

/** `Plan: 3 to create, 12 to update, 0 to delete (9,985 unchanged, 4 unmanaged).` (Terraform's order.) */
export function summaryLine(plan: Plan): string {
  const {create, update, delete: remove, unchanged, unmanaged} = plan.summary
  if (create + update + remove === 0) return 'No changes. The store matches the catalog.'
  const line = `Plan: ${formatCount(create)} to create, ${formatCount(update)} to update, ${formatCount(remove)} to delete (${formatCount(unchanged)} unchanged, ${formatCount(unmanaged)} unmanaged).`
  return `${line}${adoptionSentence(plan)}`
}

/**
 * ` 16 products will be adopted: …` — adoptions are counted among the updates; after `import bigcommerce`
 * they are the only changes, and the reader must see that apply only marks them (issue 9).
 */
function adoptionSentence(plan: Plan): string {
  const adopt = plan.summary.adopt
  if (adopt === 0) return ''
  const withFields = plan.changes.filter(
    (change) => change.action === 'update' && change.adopt && change.fields.length > 0,
  ).length
  const subject = adopt === 1 ? '1 product will be adopted' : `${formatCount(adopt)} products will be adopted`
  const fields = withFields === 0 ? 'no field changes' : `${formatCount(withFields)} with field changes`
  return ` ${subject} (apply marks ${adopt === 1 ? 'it' : 'them'} as managed by catalogctl; ${fields}).`
}

/** `Apply will make about 15 API requests (12 writes, 3 reads): about 4 s at the store's rate limit.` */
export function estimateLine(plan: Plan): string {
  const {reads, writes, seconds} = plan.estimate
  const total = reads + writes
  return `Apply will make about ${formatCount(total)} API ${total === 1 ? 'request' : 'requests'} (${formatCount(writes)} writes, ${formatCount(reads)} reads): about ${formatDuration(seconds)} at the store's rate limit.`
}

/**
 * Terraform-style text (hashicorp/terraform internal/command/jsonformat): the legend for the symbols
 * present, one block per changed record, unchanged records collapsed into the summary, notes, the
 * summary line and the request estimate. Pure.
 */
export function renderPlanText(plan: Plan, options: TextRenderOptions = {}): string {
  const paint = (tone: Tone, text: string): string => {
    if (!options.color) return text
    const [open, close] = ANSI[tone]
    return `${open}${text}${close}`
  }
  const out: string[] = []
  if (plan.changes.length > 0) {
    const actions = new Set(plan.changes.map((change) => change.action))
    out.push('Resource actions are indicated with the following symbols:')
    for (const action of ['create', 'update', 'delete'] as const) {
      if (actions.has(action)) out.push(`  ${paint(action, LEGEND[action])}`)
    }
    if (plan.changes.some((change) => change.replace !== undefined))
      out.push(`  ${paint('delete', '-/+ replace: BigCommerce deletes, then creates again')}`)
    out.push('', 'catalogctl will perform the following actions:', '')
    for (const block of planBlocks(plan)) {
      for (const line of block.lines) out.push(indent(line) + paint(line.tone, line.text))
      out.push('')
    }
  }
  for (const note of plan.notes) out.push(`Note: ${note}`)
  if (plan.notes.length > 0) out.push('')
  const summary = summaryLine(plan)
  out.push(options.color ? `\u001B[1m${summary}\u001B[22m` : summary)
  if (plan.changes.length > 0) out.push(estimateLine(plan))
  return `${out.join('\n')}\n`
}

function indent(line: Line): string {
  return '  '.repeat(line.depth + 1)
}
