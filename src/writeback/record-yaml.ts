import {readFile} from 'node:fs/promises'

import {parse} from 'yaml'

import type {Kind} from '../plan/plan.js'

import {productMatchKey} from '../model/kinds.js'
import {deepEqual} from '../plan/compare-fields.js'
import {fileAtCommit} from './last-applied-commit.js'

/**
 * Whether ONE record's YAML differs between a commit and the working tree — finer than "its file changed",
 * so that editing one product of a list file (or adding a comment) does not hide drift on the others. A
 * product is found by SKU (a file holds one or a list), a stock level by SKU in the file's `stock`, a price
 * record by SKU in `prices`; other kinds compare the whole file. Parsed values are compared, so comments
 * and formatting are not changes.
 */
export class RecordHistory {
  private readonly cache = new Map<string, Promise<[unknown, unknown]>>()

  constructor(private readonly commit: string) {}

  /** `sku` names the record: a product's, a stock level's or a price record's SKU. */
  async changed(kind: Kind, sku: string, file: string): Promise<boolean> {
    const [before, now] = await this.versions(file)
    const pick = (value: unknown) => recordOf(kind, sku, value)
    return !deepEqual(pick(before), pick(now))
  }

  private versions(file: string): Promise<[unknown, unknown]> {
    let found = this.cache.get(file)
    if (!found) {
      found = Promise.all([
        fileAtCommit(file, this.commit).then(parseOrNull),
        readFile(file, 'utf8').then(parseOrNull, () => null),
      ])
      this.cache.set(file, found)
    }
    return found
  }
}

function parseOrNull(text: string | null): unknown {
  if (text === null) return null
  try {
    return parse(text) as unknown
  } catch {
    return null
  }
}

function recordOf(kind: Kind, sku: string, value: unknown): unknown {
  switch (kind) {
    case 'product': {
      const items = Array.isArray(value) ? value : [value]
      return items.find(
        (item) => isRecord(item) && productMatchKey(String(item['sku'])) === productMatchKey(sku),
      )
    }
    case 'stock':
      return entryOf(value, 'stock', sku)
    case 'price_record':
      return entryOf(value, 'prices', sku)
    default:
      return value
  }
}

function entryOf(value: unknown, map: string, sku: string): unknown {
  const entries = isRecord(value) ? value[map] : undefined
  if (!isRecord(entries)) return undefined
  const found = Object.keys(entries).find((candidate) => productMatchKey(candidate) === productMatchKey(sku))
  return found === undefined ? undefined : entries[found]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
