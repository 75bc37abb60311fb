import type {FieldDescriptor} from '../model/kinds.js'
import type {FieldChange, Kind, KindRecord, Scope} from './plan.js'

import {KINDS, scopeIncludes} from '../model/kinds.js'
import {normaliseHtml} from '../model/normalise.js'
import {assertNever} from '../errors/user-error.js'
import {groupBy} from '../collections/group-by.js'

/**
 * The generic field comparison: for each field the kind's descriptor declares in the plan's scope, the
 * FieldChanges between `before` (live) and `after` (desired). Undeclared fields are never compared.
 */
export function compareRecords<K extends Kind>(
  kind: K,
  before: KindRecord[K],
  after: KindRecord[K],
  scope: Scope,
): FieldChange[] {
  const changes: FieldChange[] = []
  for (const descriptor of KINDS[kind].fields) {
    if (!scopeIncludes(scope, descriptor.scope)) continue
    const a = (before as unknown as Record<string, unknown>)[descriptor.field]
    const b = (after as unknown as Record<string, unknown>)[descriptor.field]
    if (descriptor.optional && (b === undefined || b === null)) continue
    changes.push(...compareField(descriptor, a, b))
  }
  return changes
}

function compareField(descriptor: FieldDescriptor, before: unknown, after: unknown): FieldChange[] {
  const path = descriptor.field
  switch (descriptor.compare) {
    case 'scalar':
      return before === after ? [] : [{path, before, after}]
    case 'number':
      return Math.abs(Number(before) - Number(after)) < 5e-5 ? [] : [{path, before, after}]
    case 'number-or-null':
      if (before === null || before === undefined || after === null || after === undefined)
        return (before ?? null) === (after ?? null)
          ? []
          : [{path, before: before ?? null, after: after ?? null}]
      return Math.abs(Number(before) - Number(after)) < 5e-5 ? [] : [{path, before, after}]
    case 'text-ci':
      return foldCase(before) === foldCase(after) ? [] : [{path, before, after}]
    case 'html':
      return normaliseHtml(String(before ?? '')) === normaliseHtml(String(after ?? ''))
        ? []
        : [{path, before, after}]
    case 'set': {
      const a = [...asStrings(before)].sort()
      const b = [...asStrings(after)].sort()
      return sameList(a, b) ? [] : [{path, before: a, after: b}]
    }
    case 'list': {
      const a = asStrings(before)
      const b = asStrings(after)
      return sameList(a, b) ? [] : [{path, before: a, after: b}]
    }
    case 'keyed':
      return compareKeyed(descriptor, asArray(before), asArray(after))
    case 'record':
      return compareRecord(path, asRecord(before), asRecord(after))
    default:
      return assertNever(descriptor.compare, 'comparison kind')
  }
}

function compareKeyed(descriptor: FieldDescriptor, before: unknown[], after: unknown[]): FieldChange[] {
  const itemKey = descriptor.itemKey as (item: unknown, index: number) => string
  const itemValue = descriptor.itemValue as (items: unknown[]) => unknown
  const group = (items: unknown[]): Map<string, unknown[]> => groupBy(items, itemKey)
  const a = group(before)
  const b = group(after)
  const keys = [...new Set([...a.keys(), ...b.keys()])]
  // Positions (images) sort numerically, names and namespace.key alphabetically.
  const numeric = keys.every((key) => /^\d+$/.test(key))
  keys.sort((x, y) => (numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0))

  const changes: FieldChange[] = []
  for (const key of keys) {
    const path = `${descriptor.field}[${key}]`
    const itemsBefore = a.get(key)
    const itemsAfter = b.get(key)
    const valueBefore = itemsBefore ? itemValue(itemsBefore) : null
    const valueAfter = itemsAfter ? itemValue(itemsAfter) : null
    if (isPlainObject(valueBefore) && isPlainObject(valueAfter)) {
      for (const property of Object.keys({...valueBefore, ...valueAfter})) {
        if (!deepEqual(valueBefore[property], valueAfter[property])) {
          changes.push({
            path: `${path}.${property}`,
            before: valueBefore[property],
            after: valueAfter[property],
          })
        }
      }
    } else if (!deepEqual(valueBefore, valueAfter)) {
      changes.push({path, before: valueBefore, after: valueAfter})
    }
  }
  return changes
}

function compareRecord(
  path: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldChange[] {
  const changes: FieldChange[] = []
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    // A mapped field on one side only is a template change: the other side reads as "not managed".
    if (!(key in before) || !(key in after)) continue
    if (!deepEqual(before[key], after[key]))
      changes.push({path: `${path}.${key}`, before: before[key], after: after[key]})
  }
  return changes
}

function foldCase(value: unknown): string | null {
  return typeof value === 'string' ? value.trim().toLowerCase() : null
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : []
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function asRecord(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index])
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].every((key) => deepEqual(a[key], b[key]))
  }
  return false
}
