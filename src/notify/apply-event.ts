import {countResults, type ApplyReport, type RecordStatus} from '../apply/result.js'
import type {Notifications} from '../catalog/generated/index.js'
import {ExitCode} from '../errors/exit-codes.js'

export const DEFAULT_ERROR_RATE = 0.05
export const DEFAULT_NOTIFY_ON = ['failure', 'partial'] as const

/** How an apply ended, in the words of catalogctl.yaml `notifications.on`. */
export type ApplyOutcomeKind = 'success' | 'partial' | 'failure' | 'refused'

/** Everything a notification says about one apply: no secret is ever put here. */
export interface ApplyEvent {
  outcome: ApplyOutcomeKind
  exitCode: number
  /** Where the run came from: `cli`, `serve`, `schedule:<job>`. */
  trigger: string
  store: string | null
  scope: string
  mode: string
  commit: string | null
  runId: string | null
  counts: Record<RecordStatus, number> & {attempted: number}
  /** failed ÷ attempted (applied + warning + failed); 0 when nothing was attempted. */
  errorRate: number
  /** The first failed records: key (SKU, brand, path), action and BigCommerce's own message. */
  errors: {kind: string; key: string; action: string; message: string; status?: number}[]
  /** The error that stopped the run (not a record failure), when there was one. */
  error?: string
  historyFile: string | null
}

const FIRST_ERRORS = 10

/** The event of an apply that produced a report (exit 0 or 3, or 1 when interrupted). */
export function eventFromReport(
  report: ApplyReport,
  options: {trigger: string; historyFile: string | null; interrupted?: boolean},
): ApplyEvent {
  const counts = countResults(report.results)
  const attempted = counts.applied + counts.warning + counts.failed
  const exitCode = options.interrupted ? ExitCode.error : counts.failed > 0 ? ExitCode.partial : ExitCode.ok
  return {
    outcome: options.interrupted ? 'failure' : counts.failed > 0 ? 'partial' : 'success',
    exitCode,
    trigger: options.trigger,
    store: report.store.hash,
    scope: report.scope,
    mode: report.mode,
    commit: report.commit,
    runId: report.run_id,
    counts: {...counts, attempted},
    errorRate: attempted === 0 ? 0 : counts.failed / attempted,
    errors: report.results
      .filter((result) => result.status === 'failed')
      .slice(0, FIRST_ERRORS)
      .map((result) => ({
        kind: result.kind,
        key: result.key,
        action: result.action,
        message: result.message ?? '(no message)',
        ...(result.response ? {status: result.response.status} : {}),
      })),
    historyFile: options.historyFile,
    ...(options.interrupted ? {error: 'The apply was interrupted before it finished.'} : {}),
  }
}

/** The event of an apply that threw before or while running (no report). */
export function eventFromError(
  error: Error & {exitCode?: number},
  request: {trigger: string; scope: string; mode: string; commit?: string | null},
): ApplyEvent {
  const exitCode = error.exitCode ?? ExitCode.error
  return {
    outcome: exitCode === ExitCode.refused ? 'refused' : 'failure',
    exitCode,
    trigger: request.trigger,
    store: null,
    scope: request.scope,
    mode: request.mode,
    commit: request.commit ?? null,
    runId: null,
    counts: {applied: 0, warning: 0, failed: 0, skipped: 0, attempted: 0},
    errorRate: 0,
    errors: [],
    error: error.message,
    historyFile: null,
  }
}

/**
 * Whether the configuration asks for this event. A run whose only problem is failed records (partial)
 * notifies only above the error-rate threshold, so one rejected SKU out of thousands stays quiet.
 */
export function shouldNotify(event: ApplyEvent, config: Notifications | undefined): boolean {
  if (!config || (!config.email && !config.slack && !config.webhook)) return false
  const on: readonly string[] = config.on ?? DEFAULT_NOTIFY_ON
  if (!on.includes(event.outcome)) return false
  if (event.outcome === 'partial') return event.errorRate > (config.error_rate ?? DEFAULT_ERROR_RATE)
  return true
}
