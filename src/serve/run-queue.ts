import {randomBytes} from 'node:crypto'

import type {PlanSummary} from '../plan/plan.js'
import type {RecordResult} from '../apply/result.js'

export const SYNC_SCOPES = ['products', 'pricing', 'inventory', 'all'] as const
export const SYNC_MODES = ['delta', 'full'] as const
export type SyncScope = (typeof SYNC_SCOPES)[number]
export type SyncMode = (typeof SYNC_MODES)[number]

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed'

/** What the runner is asked to do. */
export interface RunRequest {
  id: string
  scope: SyncScope
  mode: SyncMode
  /** Aborted when the server shuts down and the drain time is over. */
  signal: AbortSignal
}

/** What a run ended with. */
export interface RunOutcome {
  exitCode: number
  results?: RecordResult[]
  summary?: PlanSummary
  commit?: string | null
  historyFile?: string | null
  error?: string
}

export type Runner = (request: RunRequest) => Promise<RunOutcome>

export interface Run {
  id: string
  scope: SyncScope
  mode: SyncMode
  status: RunStatus
  /** Every trigger that asked for this run: `api`, `schedule:<job>`… (coalesced triggers add to it). */
  triggers: string[]
  queued_at: string
  started_at: string | null
  finished_at: string | null
  exit_code: number | null
  commit: string | null
  summary: PlanSummary | null
  results: RecordResult[]
  history_file: string | null
  error: string | null
}

export interface EnqueueResult {
  run: Run
  /** True when the trigger joined a run of the same scope that was already waiting. */
  coalesced: boolean
}

const KEEP_RUNS = 100

/**
 * One run at a time (a serve process syncs one catalog into one store). A trigger while a run of the
 * same scope is QUEUED joins it (a `full` request upgrades a queued `delta` run: full covers delta);
 * a trigger while that scope is RUNNING queues a new run, because the running one may have read the
 * catalog or the store before the change that caused the trigger. Other scopes queue behind, in order.
 */
export class RunQueue {
  private readonly runs = new Map<string, Run>()
  private readonly pending: Run[] = []
  private current: Promise<void> | null = null
  private readonly abort = new AbortController()
  private accepting = true

  constructor(
    private readonly runner: Runner,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  enqueue(scope: SyncScope, mode: SyncMode, trigger: string): EnqueueResult {
    if (!this.accepting) throw new Error('the server is shutting down')
    const waiting = this.pending.find((run) => run.scope === scope)
    if (waiting) {
      waiting.triggers.push(trigger)
      if (mode === 'full') waiting.mode = 'full'
      this.log(`run ${waiting.id}: ${trigger} trigger joined the queued ${scope} run`)
      return {run: waiting, coalesced: true}
    }
    const run: Run = {
      id: newRunId(),
      scope,
      mode,
      status: 'queued',
      triggers: [trigger],
      queued_at: new Date().toISOString(),
      started_at: null,
      finished_at: null,
      exit_code: null,
      commit: null,
      summary: null,
      results: [],
      history_file: null,
      error: null,
    }
    this.runs.set(run.id, run)
    this.pending.push(run)
    this.forgetOldRuns()
    this.log(`run ${run.id}: queued (scope ${scope}, mode ${mode}, ${trigger})`)
    this.pump()
    return {run, coalesced: false}
  }

  get(id: string): Run | undefined {
    return this.runs.get(id)
  }

  /** Newest first. */
  list(): Run[] {
    return [...this.runs.values()].reverse()
  }

  running(): Run | undefined {
    return [...this.runs.values()].find((run) => run.status === 'running')
  }

  queuedCount(): number {
    return this.pending.length
  }

  /**
   * Stops taking triggers and drops queued runs, waits for the running one up to `graceMs`, then
   * aborts it (the executor stops between batches) and waits for it to wind down.
   */
  async drain(graceMs: number): Promise<{finished: boolean}> {
    this.accepting = false
    for (const run of this.pending.splice(0)) {
      run.status = 'failed'
      run.error = 'cancelled: the server shut down before the run started'
      run.finished_at = new Date().toISOString()
    }
    if (!this.current) return {finished: true}
    let timer: NodeJS.Timeout | undefined
    const timedOut = await Promise.race([
      this.current.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
    ])
    clearTimeout(timer)
    if (!timedOut) return {finished: true}
    this.abort.abort()
    await this.current
    return {finished: false}
  }

  private pump(): void {
    if (this.current) return
    const next = this.pending.shift()
    if (!next) return
    this.current = this.execute(next).finally(() => {
      this.current = null
      this.pump()
    })
  }

  private async execute(run: Run): Promise<void> {
    run.status = 'running'
    run.started_at = new Date().toISOString()
    this.log(`run ${run.id}: started (scope ${run.scope}, mode ${run.mode})`)
    let outcome: RunOutcome
    try {
      outcome = await this.runner({id: run.id, scope: run.scope, mode: run.mode, signal: this.abort.signal})
    } catch (error) {
      outcome = {exitCode: (error as {exitCode?: number}).exitCode ?? 1, error: (error as Error).message}
    }
    run.exit_code = outcome.exitCode
    run.status = outcome.exitCode === 0 ? 'succeeded' : outcome.exitCode === 3 ? 'partial' : 'failed'
    run.results = outcome.results ?? []
    run.summary = outcome.summary ?? null
    run.commit = outcome.commit ?? null
    run.history_file = outcome.historyFile ?? null
    run.error = outcome.error ?? null
    run.finished_at = new Date().toISOString()
    this.log(`run ${run.id}: ${run.status} (exit ${run.exit_code})${run.error ? `: ${run.error}` : ''}`)
  }

  private forgetOldRuns(): void {
    for (const [id, run] of this.runs) {
      if (this.runs.size <= KEEP_RUNS) break
      if (run.status !== 'queued' && run.status !== 'running') this.runs.delete(id)
    }
  }
}

function newRunId(): string {
  return `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`
}
