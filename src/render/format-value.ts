import {fieldOfPath, productDescriptor} from '../model/kinds.js'

const AMOUNT_FIELDS = new Set(
  productDescriptor.fields.filter((field) => field.scope === 'pricing').map((field) => field.field),
)

/**
 * One value as people read it in a plan: amounts with two decimals at least (`24.00`, `19.9950`),
 * strings quoted (so `""` and trailing spaces are visible), `(none)` for absence, lists and records
 * inline.
 */
export function formatValue(path: string, value: unknown): string {
  if (value === null || value === undefined) return '(none)'
  if (typeof value === 'number')
    return AMOUNT_FIELDS.has(fieldOfPath(path)) ? formatAmount(value) : String(value)
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map((item) => formatValue('', item)).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => `${key}: ${formatValue(key, item)}`,
    )
    return `{${entries.join(', ')}}`
  }
  return String(value)
}

/** Whether a field path holds an amount (price, sale, cost or retail price, on products and records). */
export function isAmountPath(path: string): boolean {
  return AMOUNT_FIELDS.has(fieldOfPath(path))
}

export function formatAmount(value: number): string {
  const fixed = value.toFixed(4).replace(/0{1,2}$/, '')
  return fixed
}

/** `9985` → `9,985` (plans are read in English; the wording is a contract). */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US')
}

/** `45.2` → `46 s`, `130` → `2 min 10 s`. */
export function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds)
  if (whole < 60) return `${whole} s`
  const minutes = Math.floor(whole / 60)
  const rest = whole % 60
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`
}
