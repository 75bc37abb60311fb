import type {Change, Kind, Plan} from '../plan/plan.js'
import type {Line, Tone} from './change-lines.js'

import {KINDS} from '../model/kinds.js'
import {changeLines} from './change-lines.js'
import {planBlocks} from './variant-lines.js'
import {formatCount} from './format-value.js'
import {estimateLine, summaryLine} from './text.js'

/** GitHub's limit on a pull-request comment body (characters). */
export const GITHUB_COMMENT_LIMIT = 65_535

export interface MarkdownRenderOptions {
  /** Maximum length of the whole document (default: GitHub's comment limit). */
  maxLength?: number
  /** Heading text (default `catalogctl plan`). */
  title?: string
}

/** In a ```diff block GitHub colours `+` green, `-` red and `!` orange (tfcmt uses `!` for updates). */
const PREFIX: Record<Tone, string> = {
  create: '+',
  update: '!',
  delete: '-',
  added: '+',
  removed: '-',
  plain: ' ',
  muted: '#',
}

/** Room kept for closing a fence and the truncation note. */
const TAIL_RESERVE = 600

/**
 * Markdown for pull-request comments and job summaries: the verdict first (github/gh-aw step-summary
 * practice), a summary table, then one collapsible `<details>` per kind with a fenced ```diff block.
 * Cut cleanly under `maxLength`: never inside a fence (a cut block is closed first), always keeping
 * the summary line, with a note saying how many changes were left out. Pure.
 */
export function renderPlanMarkdown(plan: Plan, options: MarkdownRenderOptions = {}): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT
  const head: string[] = [`### ${options.title ?? 'catalogctl plan'}`, '', `**${summaryLine(plan)}**`, '']
  if (plan.changes.length > 0) {
    head.push('| Kind | Create | Update | Delete |', '|---|---:|---:|---:|')
    for (const kind of kindsIn(plan.changes)) {
      const count = (action: Change['action']) =>
        formatCount(plan.changes.filter((c) => c.kind === kind && c.action === action).length)
      head.push(`| ${kind} | ${count('create')} | ${count('update')} | ${count('delete')} |`)
    }
    head.push('')
  }
  const commit = plan.catalog.commit ? ` · commit \`${plan.catalog.commit.slice(0, 7)}\`` : ''
  head.push(`Store \`${plan.store.hash}\` · scope \`${plan.scope}\` · mode \`${plan.mode}\`${commit}`, '')
  if (plan.changes.length > 0) head.push(estimateLine(plan), '')
  for (const note of plan.notes) head.push(`> **Note:** ${escapeMarkdown(note)}`, '')

  let document = `${head.join('\n')}\n`
  let shown = 0
  let cut = false
  const grouped = planBlocks(plan).filter((block) => block.changes.some((change) => GROUPED.has(change.kind)))
  for (const kind of kindsIn(plan.changes)) {
    if (cut) break
    if (kind === 'option' || kind === 'variant') continue
    const changes = plan.changes.filter((change) =>
      kind === 'product' ? GROUPED.has(change.kind) : change.kind === kind,
    )
    // Options and variants are shown under their product (src/render/variant-lines.ts).
    const blocks =
      kind === 'product'
        ? grouped.map((block) => ({lines: block.lines.map(diffLine), count: block.changes.length}))
        : changes.map((change) => ({lines: changeLines(change, plan.scope).map(diffLine), count: 1}))
    const fence = fenceFor(blocks.flatMap((block) => block.lines))
    const open = `<details><summary>${kind}: ${describeCounts(changes)}</summary>\n\n${fence}diff\n`
    const close = `${fence}\n\n</details>\n\n`
    if (document.length + open.length + close.length + TAIL_RESERVE > maxLength) {
      cut = true
      break
    }
    let section = open
    for (const block of blocks) {
      const text = `${block.lines.join('\n')}\n`
      if (document.length + section.length + text.length + close.length + TAIL_RESERVE > maxLength) {
        cut = true
        break
      }
      section += text
      shown += block.count
    }
    document += section + close
  }
  if (shown < plan.changes.length) {
    const omitted = omittedChanges(plan.changes, shown)
    document += `> **${formatCount(omitted.length)} of ${formatCount(plan.changes.length)} changes not shown** (${describeOmitted(omitted)}) to stay under the ${formatCount(maxLength)}-character comment limit. Run \`catalogctl plan\` (or \`--json\`) for the full plan.\n\n`
  }
  return `${document.trimEnd()}\n`
}

const GROUPED = new Set<Kind>(['product', 'option', 'variant'])

/** Changes are shown in kind order, so the first `shown` in that order were rendered. */
function omittedChanges(changes: readonly Change[], shown: number): Change[] {
  const ordered = kindsIn(changes).flatMap((kind) => changes.filter((change) => change.kind === kind))
  return ordered.slice(shown)
}

function describeOmitted(changes: readonly Change[]): string {
  return kindsIn(changes)
    .map((kind) => `${kind}: ${describeCounts(changes.filter((change) => change.kind === kind))}`)
    .join('; ')
}

function kindsIn(changes: readonly Change[]): Kind[] {
  const present = new Set(changes.map((change) => change.kind))
  return (Object.keys(KINDS) as Kind[]).filter((kind) => present.has(kind))
}

function describeCounts(changes: readonly Change[]): string {
  const parts: string[] = []
  for (const [action, verb] of [
    ['create', 'to create'],
    ['update', 'to update'],
    ['delete', 'to delete'],
  ] as const) {
    const count = changes.filter((change) => change.action === action).length
    if (count > 0) parts.push(`${formatCount(count)} ${verb}`)
  }
  return parts.join(', ')
}

function diffLine(line: Line): string {
  const prefix = line.tone === 'plain' && line.text.includes(' → ') ? '!' : PREFIX[line.tone]
  return `${prefix}${'  '.repeat(line.depth + 1)}${line.text.replace(/^[+~-] /, line.depth === 0 ? '' : '$&')}`
}

/** A fence longer than any backtick run inside (HTML descriptions may contain ```). */
function fenceFor(lines: readonly string[]): string {
  let longest = 0
  for (const line of lines) for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  return '`'.repeat(Math.max(3, longest + 1))
}

function escapeMarkdown(text: string): string {
  return text.replace(/[<>]/g, (char) => (char === '<' ? '&lt;' : '&gt;'))
}
