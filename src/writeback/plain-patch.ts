import type {PatchOp} from './product-patch.js'

/**
 * The edits that turn `current` into `next` key by key (maps recursively; lists and scalars whole), so a
 * YAML file keeps every value that did not change. Scalars compare by their text (`28` equals `28.0`,
 * `'2'` equals `2`): YAML spelling alone is never a change.
 */
export function plainPatch(current: unknown, next: unknown, path: (string | number)[] = []): PatchOp[] {
  if (isMap(current) && isMap(next)) {
    const ops: PatchOp[] = []
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined) continue
      ops.push(...plainPatch(current[key], value, [...path, key]))
    }
    for (const key of Object.keys(current)) {
      if (current[key] !== undefined && next[key] === undefined)
        ops.push({path: [...path, key], remove: true})
    }
    return ops
  }
  return sameValue(current, next) ? [] : [{path, value: next}]
}

/**
 * Variants are matched by position when both sides list the same SKUs in the same order (the usual case:
 * a price or a GTIN changed), and patched key by key; otherwise the list is replaced whole.
 */
export function listByKeyPatch(
  current: readonly Record<string, unknown>[] | undefined,
  next: readonly Record<string, unknown>[],
  path: (string | number)[],
  key: string,
): PatchOp[] {
  const before = current ?? []
  if (next.length === 0) return before.length > 0 ? [{path, remove: true}] : []
  const aligned =
    before.length === next.length &&
    before.every(
      (item, index) => String(item[key]).toLowerCase() === String(next[index]?.[key]).toLowerCase(),
    )
  if (!aligned) return [{path, value: next}]
  return next.flatMap((item, index) => plainPatch(before[index], item, [...path, index]))
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
  if (isMap(a) && isMap(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].every((key) => sameValue(a[key], b[key]))
  }
  if (isScalar(a) && isScalar(b)) {
    if (typeof a === 'number' || typeof b === 'number')
      return Number(a) === Number(b) && String(a).trim() !== ''
    return String(a) === String(b)
  }
  return false
}

function isScalar(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value)
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
