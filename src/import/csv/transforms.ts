import type {CsvSource, CsvTransform} from '../../catalog/generated/index.js'
import type {FieldValue} from './import-batch.js'

/** A cell turned into a value: `undefined` for an empty cell, or a reason when a transform failed. */
export type Resolved = {ok: true; value: FieldValue | undefined} | {ok: false; reason: string}

/** The column a source reads (undefined for a constant). */
export function columnOf(source: CsvSource): string | undefined {
  return typeof source === 'string' ? source : source.column
}

/** Reads a source from a row and applies its transforms in order. */
export function resolveSource(source: CsvSource, cell: string | undefined): Resolved {
  if (typeof source === 'string') return {ok: true, value: emptyToUndefined(cell)}
  let value: FieldValue | undefined = source.column === undefined ? source.value : emptyToUndefined(cell)
  for (const transform of source.transforms ?? []) {
    const result = applyTransform(transform, value)
    if (!result.ok) return result
    value = result.value
  }
  return {ok: true, value}
}

function emptyToUndefined(cell: string | undefined): string | undefined {
  return cell === undefined || cell === '' ? undefined : cell
}

function applyTransform(transform: CsvTransform, value: FieldValue | undefined): Resolved {
  if (typeof transform === 'object' && 'default' in transform)
    return {ok: true, value: value === undefined || value === '' ? transform.default : value}
  if (value === undefined) return {ok: true, value}
  if (typeof transform === 'string') {
    switch (transform) {
      case 'trim':
        return {ok: true, value: typeof value === 'string' ? emptyToUndefined(value.trim()) : value}
      case 'lowercase':
        return {ok: true, value: String(value).toLowerCase()}
      case 'uppercase':
        return {ok: true, value: String(value).toUpperCase()}
      case 'number':
        return toNumber(value, false)
      case 'decimal_comma':
        return toNumber(value, true)
    }
  }
  if ('multiply' in transform) {
    const number = toNumber(value, false)
    if (!number.ok || typeof number.value !== 'number') return number
    // Round away binary noise (19.99 * 100 = 1998.9999999999998): prices have at most 4 decimals.
    return {ok: true, value: Math.round(number.value * transform.multiply * 1e6) / 1e6}
  }
  const key = String(value)
  if (Object.hasOwn(transform.lookup, key)) return {ok: true, value: transform.lookup[key]}
  if (transform.otherwise !== undefined) return {ok: true, value: transform.otherwise}
  return {
    ok: false,
    reason: `${JSON.stringify(key)} is not in the lookup table (${Object.keys(transform.lookup).join(', ')})`,
  }
}

/**
 * Parses a number. With `decimalComma`, `1.234,56` is 1234.56 (dots group thousands); without it,
 * `1,234.56` is 1234.56 (commas group thousands). Spaces and currency signs around it are ignored.
 */
export function toNumber(value: FieldValue, decimalComma: boolean): Resolved {
  if (typeof value === 'number') return {ok: true, value}
  const raw = String(value)
    .trim()
    .replace(/[\s\u00a0]|[€$£]/g, '')
  const normalised = decimalComma ? raw.replace(/\./g, '').replace(',', '.') : raw.replace(/,/g, '')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalised))
    return {ok: false, reason: `${JSON.stringify(String(value))} is not a number`}
  return {ok: true, value: Number(normalised)}
}
