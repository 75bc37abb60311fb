import type {Action, Kind, Mode, PlanSummary, Scope} from '../plan/plan.js'

/** Bumped on any breaking change to the JSON shape (schemas/result.schema.json). */
export const RESULT_FORMAT_VERSION = '1.0'

/**
 * How one planned change ended (architecture.md "Results"):
 * - `applied`: done;
 * - `warning`: done with a partial failure BigCommerce reported (207 Multi-Status, e.g. the product was
 *   saved but inventory or the custom URL failed);
 * - `failed`: not done — `message` is BigCommerce's own text, `response` the status and body as received;
 * - `skipped`: not attempted because a dependency failed (`message` says which).
 */
export type RecordStatus = 'applied' | 'warning' | 'failed' | 'skipped'

export interface RecordResult {
  kind: Kind
  /** The change's key (SKU, brand name, category path). */
  key: string
  action: Action
  status: RecordStatus
  message?: string
  /** The BigCommerce response behind a warning or failure, kept whole (never request headers). */
  response?: {status: number; body: unknown}
}

export interface ApplyStats {
  /** HTTP requests sent, retries included. */
  requests: number
  retries: number
  /** 429 answers received. */
  rate_limited: number
}

/** The report of one apply run: what the history file holds and `apply --json` prints. */
export interface ApplyReport {
  format_version: typeof RESULT_FORMAT_VERSION
  run_id: string
  started_at: string
  finished_at: string
  store: {hash: string}
  scope: Scope
  mode: Mode
  /** The catalog commit the plan was made from, or null outside git. */
  commit: string | null
  /** The summary of the plan that was applied. */
  summary: PlanSummary
  results: RecordResult[]
  stats: ApplyStats
  /**
   * `running` while the apply runs (the history's record of a run in progress), `finished` when it ended,
   * `interrupted` when its process died before the end (results are what it had recorded). Absent in
   * reports written before runs were journaled: finished.
   */
  status?: 'running' | 'finished' | 'interrupted'
  /** The process of a `running` run, to tell a live run from a killed one. */
  process?: {pid: number; host: string}
}

export function countResults(results: readonly RecordResult[]): Record<RecordStatus, number> {
  const counts: Record<RecordStatus, number> = {applied: 0, warning: 0, failed: 0, skipped: 0}
  for (const result of results) counts[result.status]++
  return counts
}
