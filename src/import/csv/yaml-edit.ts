import {isDeepStrictEqual} from 'node:util'

import type {Document, Node, Pair} from 'yaml'
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

/**
 * Case-insensitive key lookup on a big map (a stock or price-list file with 50,000 SKUs): YAMLMap.get is
 * a linear scan, so one index per map keeps an import of N levels at O(N) instead of O(N²).
 */
export class MapIndex {
  private readonly pairs = new Map<string, Pair>()

  constructor(
    private readonly doc: Document,
    readonly map: YAMLMap,
  ) {
    for (const pair of map.items) {
      const name = isScalar(pair.key) ? pair.key.value : pair.key
      if (typeof name === 'string' || typeof name === 'number')
        this.pairs.set(String(name).toLowerCase(), pair)
    }
  }

  get(key: string): Pair | undefined {
    return this.pairs.get(key.toLowerCase())
  }

  /** Sets a scalar value (keeping its format) or adds the key; true when something changed. */
  setScalar(key: string, value: string | number | boolean): boolean {
    const pair = this.get(key)
    if (pair && isScalar(pair.value)) {
      if (pair.value.value === value) return false
      pair.value.value = value
      return true
    }
    if (pair) {
      pair.value = this.doc.createNode(value)
      return true
    }
    const added = this.doc.createPair(key, value)
    this.map.items.push(added)
    this.pairs.set(key.toLowerCase(), added)
    return true
  }

  add(key: string, value: unknown, flow: boolean): void {
    const node = this.doc.createNode(value) as Node
    if (isMap(node) || isSeq(node)) node.flow = flow
    const added = this.doc.createPair(key, node)
    this.map.items.push(added)
    this.pairs.set(key.toLowerCase(), added)
  }

  delete(key: string): boolean {
    const pair = this.get(key)
    if (!pair) return false
    this.map.items.splice(this.map.items.indexOf(pair), 1)
    this.pairs.delete(key.toLowerCase())
    return true
  }
}

export {isMap, isSeq, YAMLMap, YAMLSeq}
