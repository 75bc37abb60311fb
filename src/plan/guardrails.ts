import type {Plan} from './plan.js'

/** catalogctl.yaml `guardrails` (shares in 0..1). */
export interface GuardrailConfig {
  max_change_share?: number
  max_delete_share?: number
  /** Checked by src/plan/price-drop.ts. */
  max_price_drop?: number
}

export const DEFAULT_MAX_SHARE = 0.3

export interface GuardrailVerdict {
  /** False when a share is over its limit: the caller refuses with exit 6 unless `--force`. */
  ok: boolean
  /** Managed products the plan considered (the denominator). */
  managed: number
  /** Managed products the plan updates (adoptions are not counted: they were not managed) or removes. */
  changed: number
  /** Managed products the plan deletes or hides (prune). */
  deleted: number
  changeShare: number
  deleteShare: number
  maxChangeShare: number
  maxDeleteShare: number
  /** Price-list records the plan deletes (records are owned by their list: no prune flag guards them). */
  recordsDeleted: number
  /** Live records of the declared price lists (the denominator of the record delete share). */
  liveRecords: number
  recordDeleteShare: number
  /** One sentence per tripped limit, for the error message. */
  reasons: string[]
}

/**
 * Refuse plans that would change or delete more than the configured share of managed products
 * (default 30 %). Creates are never counted (a first apply creates everything); with no managed product
 * in the store there is nothing to protect. Price-list record deletes count against max_delete_share
 * over the live records of the declared lists (`liveRecords`; issue 7: records are owned by their list,
 * so no prune flag stands in front of their deletes). Record updates are guarded by the price-drop check
 * (price-drop.ts) instead: repricing is what a pricing run is for.
 */
export function checkGuardrails(
  plan: Plan,
  config: GuardrailConfig = {},
  managed = managedCount(plan),
  liveRecords?: number,
): GuardrailVerdict {
  const maxChangeShare = config.max_change_share ?? DEFAULT_MAX_SHARE
  const maxDeleteShare = config.max_delete_share ?? DEFAULT_MAX_SHARE
  let changed = 0
  let deleted = 0
  let recordsDeleted = 0
  for (const change of plan.changes) {
    if (change.kind === 'price_record' && change.action === 'delete') recordsDeleted++
    if (change.kind !== 'product') continue
    if (change.action === 'delete') {
      changed++
      deleted++
    } else if (change.action === 'update' && !change.adopt) {
      changed++
      if (change.reason.startsWith('prune:')) deleted++
    }
  }
  const share = (count: number): number => (managed === 0 ? 0 : count / managed)
  const changeShare = share(changed)
  const deleteShare = share(deleted)
  const percent = (value: number): string => `${Math.round(value * 1000) / 10} %`
  const reasons: string[] = []
  if (changeShare > maxChangeShare) {
    reasons.push(
      `the plan changes ${changed} of ${managed} managed products (${percent(changeShare)}), more than guardrails.max_change_share (${percent(maxChangeShare)})`,
    )
  }
  if (deleteShare > maxDeleteShare) {
    reasons.push(
      `the plan deletes or hides ${deleted} of ${managed} managed products (${percent(deleteShare)}), more than guardrails.max_delete_share (${percent(maxDeleteShare)})`,
    )
  }
  // Unknown live records (a caller without the live state) count as only the deleted ones: refuse rather
  // than let a mass delete through.
  const records = liveRecords ?? recordsDeleted
  const recordDeleteShare = records === 0 ? 0 : recordsDeleted / records
  if (recordDeleteShare > maxDeleteShare) {
    reasons.push(
      `the plan deletes ${recordsDeleted} of ${records} price-list records (${percent(recordDeleteShare)}), more than guardrails.max_delete_share (${percent(maxDeleteShare)})`,
    )
  }
  return {
    ok: reasons.length === 0,
    recordsDeleted,
    liveRecords: records,
    recordDeleteShare,
    managed,
    changed,
    deleted,
    changeShare,
    deleteShare,
    maxChangeShare,
    maxDeleteShare,
    reasons,
  }
}

/**
 * Managed products the plan considered: unchanged + changed managed products (updates that are not
 * adoptions, deletes and prune hides). Equal to the live managed count within the plan's selection.
 */
export function managedCount(plan: Plan): number {
  let count = plan.summary.unchanged
  for (const change of plan.changes) {
    if (change.kind !== 'product') continue
    if (change.action === 'delete' || (change.action === 'update' && !change.adopt)) count++
  }
  return count
}
