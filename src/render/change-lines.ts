import {structuredPatch} from 'diff'

import type {Change, FieldChange, Scope} from '../plan/plan.js'

import {assertNever} from '../errors/user-error.js'
import {KINDS, fieldOfPath, scopeIncludes} from '../model/kinds.js'
import {formatPriceChange, priceChangeShare} from '../plan/price-drop.js'
import {formatValue, isAmountPath} from './format-value.js'

/**
 * A change as lines, independent of the output format: the text renderer colours them by tone, the
 * markdown renderer turns tones into `diff` prefixes. `removed`/`added` are the before/after sides of a
 * field; `header` lines carry the change's action.
 */
export type Tone = 'create' | 'update' | 'delete' | 'removed' | 'added' | 'plain' | 'muted'

export interface Line {
  tone: Tone
  /** 0 = the record header, 1 = its fields, 2 = nested items. */
  depth: number
  text: string
}

/** HTML longer than this, or spanning lines, is shown as a unified diff. */
const LONG_TEXT = 80

export function symbolOf(action: Change['action']): string {
  switch (action) {
    case 'create':
      return '+'
    case 'update':
      return '~'
    case 'delete':
      return '-'
    default:
      return assertNever(action, 'action')
  }
}

/** `+ product TEE-CLASSIC will be created`, `~ product OLD-2 will be adopted (…)`. */
export function headerOf(change: Change): string {
  const subject = `${change.kind} ${change.key}`
  switch (change.action) {
    case 'create':
      return `${subject} will be created`
    case 'update':
      if (change.adopt) return `${subject} will be adopted (${change.reason.replace(/^adopted: /, '')})`
      if (change.reason.startsWith('prune:')) return `${subject} will be hidden (${change.reason})`
      return `${subject} will be updated in place`
    case 'delete':
      return `${subject} will be deleted (${change.reason})`
    default:
      return assertNever(change, 'change')
  }
}

export function changeLines(change: Change, scope: Scope): Line[] {
  if (change.kind === 'stock' && change.action !== 'delete') return [stockLine(change as Change<'stock'>)]
  const lines: Line[] = [
    {tone: change.action, depth: 0, text: `${symbolOf(change.action)} ${headerOf(change)}`},
  ]
  switch (change.action) {
    case 'create':
      lines.push(...createdFields(change.after as unknown as Record<string, unknown>, change.kind))
      break
    case 'update': {
      for (const field of change.fields) lines.push(...fieldLines(field, change.kind))
      const hidden = unchangedFieldCount(change, scope)
      if (hidden > 0)
        lines.push({
          tone: 'muted',
          depth: 1,
          text: `# (${hidden} unchanged ${hidden === 1 ? 'field' : 'fields'} hidden)`,
        })
      break
    }
    case 'delete':
      break
    default:
      assertNever(change, 'change')
  }
  return lines
}

/**
 * Stock is one line per (SKU, location), as an ERP feed reads: `~ stock TEE-M@east: quantity 12 → 30`,
 * `+ stock TEE-M@west: quantity 30` (a level where the store has none recorded yet).
 */
function stockLine(change: Change<'stock'>): Line {
  const after = change.after?.quantity ?? 0
  const text =
    change.action === 'update'
      ? `~ stock ${change.key}: quantity ${change.before.quantity} → ${after}`
      : `${symbolOf(change.action)} stock ${change.key}: quantity ${after}`
  return {tone: change.action, depth: 0, text}
}

function unchangedFieldCount(change: Change, scope: Scope): number {
  const changed = new Set(change.fields.map((field) => fieldOfPath(field.path)))
  const after = (change.after ?? {}) as Record<string, unknown>
  // An optional field the catalog does not declare is not managed: neither changed nor "unchanged".
  return KINDS[change.kind].fields.filter(
    (field) =>
      scopeIncludes(scope, field.scope) &&
      !changed.has(field.field) &&
      !(field.optional && (after[field.field] === undefined || after[field.field] === null)),
  ).length
}

/** A created record: its non-empty fields (empty strings, zeros and empty lists are BigCommerce's defaults). */
function createdFields(record: Record<string, unknown>, kind: Change['kind']): Line[] {
  const lines: Line[] = []
  for (const descriptor of KINDS[kind].fields) {
    const value = record[descriptor.field]
    if (isEmpty(value)) continue
    const path = descriptor.field
    if (descriptor.compare === 'html' && typeof value === 'string' && value.length > LONG_TEXT) {
      lines.push({
        tone: 'added',
        depth: 1,
        text: `${path}: (HTML, ${value.length.toLocaleString('en-US')} characters)`,
      })
    } else if (Array.isArray(value) || (typeof value === 'object' && value !== null)) {
      lines.push({tone: 'added', depth: 1, text: `${path}:`})
      const items = Array.isArray(value) ? value : Object.entries(value).map(([key, item]) => ({[key]: item}))
      for (const item of items) lines.push({tone: 'added', depth: 2, text: formatItem(item)})
    } else {
      lines.push({tone: 'added', depth: 1, text: `${path}: ${formatValue(path, value)}`})
    }
  }
  return lines
}

function formatItem(item: unknown): string {
  if (typeof item === 'string') return item
  if (typeof item === 'object' && item !== null) {
    const record = item as Record<string, unknown>
    if ('name' in record && 'value' in record)
      return `${String(record.name)}: ${formatValue('', record.value)}`
    if ('namespace' in record && 'key' in record)
      return `${String(record.namespace)}.${String(record.key)}: ${formatValue('', record.value)}`
    if ('url' in record)
      return record.alt ? `${String(record.url)} (alt ${formatValue('', record.alt)})` : String(record.url)
    const [key, value] = Object.entries(record)[0] ?? ['', '']
    return `${key}: ${formatValue(key, value)}`
  }
  return formatValue('', item)
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0) return true
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value).length === 0
  return false
}

/** One field change: `price: 24.00 → 19.00`, a list as added/removed items, long HTML as a unified diff. */
export function fieldLines(field: FieldChange, kind: Change['kind']): Line[] {
  const descriptor = KINDS[kind].fields.find((candidate) => candidate.field === fieldOfPath(field.path))
  if (descriptor?.compare === 'html' && isLongText(field.before, field.after)) {
    return [
      {tone: 'plain', depth: 1, text: `${field.path}:`},
      ...htmlDiffLines(String(field.before ?? ''), String(field.after ?? '')),
    ]
  }
  if (Array.isArray(field.before) && Array.isArray(field.after)) {
    const before = field.before.map(String)
    const after = field.after.map(String)
    const removed = before.filter((item) => !after.includes(item))
    const added = after.filter((item) => !before.includes(item))
    const lines: Line[] = [{tone: 'plain', depth: 1, text: `${field.path}:`}]
    for (const item of added) lines.push({tone: 'added', depth: 2, text: `+ ${item}`})
    for (const item of removed) lines.push({tone: 'removed', depth: 2, text: `- ${item}`})
    if (added.length === 0 && removed.length === 0) {
      lines.push({
        tone: 'plain',
        depth: 2,
        text: `order: ${formatValue('', before)} → ${formatValue('', after)}`,
      })
    }
    return lines
  }
  const tone: Tone = field.before === null ? 'added' : field.after === null ? 'removed' : 'plain'
  // A price change carries its percentage (issue 7): `price: 24.00 → 19.00 (−20.8 %)`.
  const share = isAmountPath(field.path) ? priceChangeShare(field.before, field.after) : null
  return [
    {
      tone,
      depth: 1,
      text: `${field.path}: ${formatValue(field.path, field.before)} → ${formatValue(field.path, field.after)}${share === null ? '' : ` (${formatPriceChange(share)})`}`,
    },
  ]
}

function isLongText(before: unknown, after: unknown): boolean {
  return [before, after].some(
    (value) => typeof value === 'string' && (value.length > LONG_TEXT || value.includes('\n')),
  )
}

/** HTML on one line diffs badly by line: break it between tags for display only. */
function splitHtml(html: string): string {
  return `${html.replace(/>\s*</g, '>\n<')}\n`
}

function htmlDiffLines(before: string, after: string): Line[] {
  const patch = structuredPatch('before', 'after', splitHtml(before), splitHtml(after), '', '', {context: 2})
  const lines: Line[] = []
  for (const hunk of patch.hunks) {
    lines.push({
      tone: 'muted',
      depth: 2,
      text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    })
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue // "\ No newline at end of file"
      const tone: Tone = line.startsWith('+') ? 'added' : line.startsWith('-') ? 'removed' : 'plain'
      lines.push({tone, depth: 2, text: line})
    }
  }
  return lines
}
