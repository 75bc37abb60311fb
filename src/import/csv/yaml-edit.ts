import {isDeepStrictEqual} from 'node:util'

import type {Document, Node} from 'yaml'
import {isMap, isScalar, isSeq, YAMLMap, YAMLSeq} from 'yaml'

/**
 * Small edits on a `yaml` Document that keep everything else as it was: comments, key order, flow or
 * block style, and the number format of a scalar whose value changes (78.00 stays two-decimal). Every
 * function returns whether it changed anything, so an untouched file is never rewritten.
 */
export function setValue(doc: Document, map: YAMLMap, path: readonly string[], value: unknown): boolean {
  const [key, ...rest] = path
  if (key === undefined) return false
  if (rest.length > 0) {
    let child = map.get(key, true) as Node | undefined
    if (!isMap(child)) {
      child = new YAMLMap()
      map.set(doc.createNode(key), child)
    }
    return setValue(doc, child as YAMLMap, rest, value)
  }
  const existing = map.get(key, true) as Node | undefined
  if (isScalar(existing) && (typeof value !== 'object' || value === null)) {
    if (existing.value === value) return false
    existing.value = value
    return true
  }
  if (existing !== undefined && isDeepStrictEqual(existing.toJSON(), value)) return false
  const node = doc.createNode(value) as Node
  if ((isSeq(existing) || isMap(existing)) && (isSeq(node) || isMap(node))) node.flow = existing.flow ?? false
  if (existing === undefined) map.add(doc.createPair(key, node))
  else map.set(key, node)
  return true
}

/** Removes `key` from a map; false when it was not there. */
export function deleteKey(map: YAMLMap, key: string): boolean {
  return map.delete(key)
}

/** The map item of a sequence of maps whose `field` equals `value` (case-insensitively). */
export function findItem(seq: YAMLSeq, field: string, value: string): YAMLMap | undefined {
  const wanted = value.toLowerCase()
  for (const item of seq.items)
    if (isMap(item)) {
      const key = item.get(field)
      if (typeof key === 'string' && key.toLowerCase() === wanted) return item
    }
  return undefined
}

/** Appends a value to a sequence in the style of its first item (flow items stay flow). */
export function appendItem(doc: Document, seq: YAMLSeq, value: unknown): void {
  const node = doc.createNode(value) as Node
  const first = seq.items[0] as Node | undefined
  if ((isMap(node) || isSeq(node)) && (isMap(first) || isSeq(first))) node.flow = first.flow ?? false
  seq.add(node)
}

/** The key of a map that matches `key` case-insensitively, as it is written. */
export function findKey(map: YAMLMap, key: string): string | undefined {
  const wanted = key.toLowerCase()
  for (const pair of map.items) {
    const name = isScalar(pair.key) ? pair.key.value : pair.key
    if (typeof name === 'string' && name.toLowerCase() === wanted) return name
  }
  return undefined
}

export {isMap, isSeq, YAMLMap, YAMLSeq}
