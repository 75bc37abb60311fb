import type {Change, PlanSummary} from './plan.js'

import {KINDS} from '../model/kinds.js'

/**
 * The plan's order (architecture.md "Levels"): creates and updates by increasing level (brands →
 * categories → products), then deletes by decreasing level (bottom-up); within a level by kind, then by
 * the kind's sort key (categories parents first: depth, then path).
 */
export function sortChanges(changes: readonly Change[]): Change[] {
  const rank = (change: Change): [number, number, string, string] => {
    const descriptor = KINDS[change.kind]
    const isDelete = change.action === 'delete' ? 1 : 0
    const level = isDelete ? -descriptor.level : descriptor.level
    return [isDelete, level, change.kind, descriptor.sortKey(change.key)]
  }
  return [...changes].sort((a, b) => {
    const x = rank(a)
    const y = rank(b)
    for (let i = 0; i < x.length; i++) {
      const left = x[i] as number | string
      const right = y[i] as number | string
      if (left < right) return -1
      if (left > right) return 1
    }
    return 0
  })
}

export function summarise(
  changes: readonly Change[],
  counts: {unchanged: number; unmanaged: number},
): PlanSummary {
  const summary: PlanSummary = {
    create: 0,
    update: 0,
    delete: 0,
    unchanged: counts.unchanged,
    unmanaged: counts.unmanaged,
    adopt: 0,
  }
  for (const change of changes) {
    summary[change.action]++
    if (change.action === 'update' && change.adopt) summary.adopt++
  }
  return summary
}
