import type {Action, Kind} from '../plan/plan.js'

/** How one planned change ended. */
export type RecordStatus = 'applied' | 'warning' | 'failed' | 'skipped'

export interface RecordResult {
  kind: Kind
  key: string
  action: Action
  status: RecordStatus
  /** BigCommerce's own words for a failure or warning, or why a change was skipped. */
  message?: string
  /** The full BigCommerce response of a failure, kept for the history. */
  response?: {status: number; body: unknown}
}

export interface ApplyReport {
  run_id: string
  started_at: string
  finished_at: string | null
  results: RecordResult[]
}
