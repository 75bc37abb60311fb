import {KINDS} from '../model/kinds.js'
import type {CreateChange, Kind, KindRecord} from './plan.js'

/**
 * The one constructor of a `create` change for every kind: the level comes from the kinds table, a
 * create is never destructive and has no `before`. `source` names where the catalog declares the record.
 */
export function createChange<K extends Kind>(
  kind: K,
  key: string,
  after: KindRecord[K],
  reason: string,
  source?: {file: string; line: number},
): CreateChange<K> {
  return {
    kind,
    action: 'create',
    key,
    level: KINDS[kind].level,
    reason,
    destructive: false,
    before: null,
    after,
    fields: [],
    ...(source ? {source: {file: source.file, line: source.line}} : {}),
  }
}
