/**
 * The small part of cron syntax the UTC conversion has to rewrite: a minute, hour or day-of-week field
 * expanded into its values and written back compactly. Validation itself is croner's job (the catalog
 * checks run it first); this only understands what a valid five-field expression can hold.
 */

export interface FieldRange {
  min: number
  max: number
  names?: readonly string[]
}

export const MINUTES: FieldRange = {min: 0, max: 59}
export const HOURS: FieldRange = {min: 0, max: 23}
export const WEEKDAYS: FieldRange = {min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']}

/** The values a field selects, sorted; `7` as a weekday is Sunday. Returns null for `*` (everything). */
export function expandField(field: string, range: FieldRange): number[] | null {
  if (field === '*' || field === '?') return null
  const values = new Set<number>()
  for (const part of field.split(',')) {
    const [base = '', stepText] = part.split('/')
    const step = stepText === undefined ? 1 : Number(stepText)
    if (!Number.isInteger(step) || step < 1) throw new Error(`step "${stepText}" is not a positive integer`)
    let from: number
    let to: number
    if (base === '*') {
      from = range.min
      to = range.max
    } else if (base.includes('-')) {
      const [low = '', high = ''] = base.split('-')
      from = valueOf(low, range)
      to = valueOf(high, range)
    } else {
      from = valueOf(base, range)
      to = stepText === undefined ? from : range.max
    }
    if (to < from) throw new Error(`range "${base}" runs backwards`)
    for (let value = from; value <= to; value += step) values.add(range === WEEKDAYS ? value % 7 : value)
  }
  return [...values].sort((a, b) => a - b)
}

function valueOf(text: string, range: FieldRange): number {
  const byName = range.names?.indexOf(text.toUpperCase()) ?? -1
  if (byName >= 0) return byName
  const value = Number(text)
  const max = range === WEEKDAYS ? 7 : range.max
  if (!/^\d+$/.test(text) || value < range.min || value > max) throw new Error(`"${text}" is out of range`)
  return value
}

/** Writes values back as a cron field: `*` when all are there, runs of three or more as `a-b`. */
export function compressField(values: readonly number[], range: FieldRange): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b)
  if (sorted.length === range.max - range.min + 1) return '*'
  const parts: string[] = []
  for (let index = 0; index < sorted.length;) {
    let end = index
    while (end + 1 < sorted.length && sorted[end + 1] === (sorted[end] ?? 0) + 1) end++
    const first = sorted[index]
    const last = sorted[end]
    if (end - index >= 2) parts.push(`${first}-${last}`)
    else for (let at = index; at <= end; at++) parts.push(String(sorted[at]))
    index = end + 1
  }
  return parts.join(',')
}
