import type {DesiredState} from '../model/desired.js'
import type {LiveState} from '../model/live-state.js'
import type {StoreApi} from '../live/store-api.js'
import type {Mode, Plan, Scope} from '../plan/plan.js'
import type {Selection} from '../plan/selection.js'

import {readLiveState} from '../live/read-live-state.js'
import {readDelta} from './delta-read.js'

export interface PlanRead {
  live: LiveState
  /** The mode the read really used: a delta that fell back is `full`. */
  mode: Mode
  /** The selection the diff must use (delta: the candidates it read). */
  selection: Selection
  /** Why a requested delta read everything, in a sentence; null otherwise. */
  fallback: string | null
  /** Set for a delta read: the note and the count of unread (unchanged) catalog products. */
  delta: {note: string; unchanged: number; userSelection: boolean} | null
}

/**
 * The store read of a plan: full (every managed record) or delta (the candidates since the last
 * successful apply of the scope, src/delta/delta-read.ts), falling back to full with a reason.
 */
export async function readForPlan(
  api: StoreApi,
  desired: DesiredState,
  request: {dir: string; scope: Scope; mode: Mode; selection: Selection; treeId: number},
): Promise<PlanRead> {
  const userSelection = isActive(request.selection)
  let fallback: string | null = null
  if (request.mode === 'delta') {
    const delta = await readDelta(api, desired, {
      dir: request.dir,
      scope: request.scope,
      treeId: request.treeId,
      selection: request.selection,
    })
    if (delta.kind === 'delta') {
      return {
        live: delta.live,
        mode: 'delta',
        selection: delta.selection,
        fallback: null,
        delta: {note: delta.note, unchanged: delta.unchanged, userSelection},
      }
    }
    fallback = delta.reason
  }
  const live = await readLiveState(api, desired, request.treeId, {scope: request.scope})
  return {live, mode: 'full', selection: request.selection, fallback, delta: null}
}

/** The diff's plan, told what the read did: the delta note and unchanged count, or the fallback reason. */
export function explainPlanRead(plan: Plan, read: PlanRead): Plan {
  if (read.fallback !== null) {
    return {...plan, notes: [fallbackNote(read.fallback), ...plan.notes]}
  }
  if (!read.delta) return plan
  // The diff saw a selection (the candidates); the reader did not ask for one unless --sku/--file did.
  const notes = read.delta.userSelection
    ? plan.notes
    : plan.notes.filter((note) => !note.startsWith('Partial plan:'))
  return {
    ...plan,
    notes: [read.delta.note, ...notes],
    summary: {...plan.summary, unchanged: plan.summary.unchanged + read.delta.unchanged},
  }
}

export function fallbackNote(reason: string): string {
  return `Delta mode read the whole store instead: ${reason}.`
}

function isActive(selection: Selection): boolean {
  return (
    (selection.skus?.length ?? 0) > 0 || (selection.files?.length ?? 0) > 0 || selection.keys !== undefined
  )
}
