import type {LimitFunction} from 'p-limit'

import type {LiveIds} from '../model/live-ids.js'
import type {Change} from '../plan/plan.js'
import type {StoreApi} from '../live/store-api.js'
import {describeFailure, responseOf} from './failure.js'
import type {RecordResult, RecordStatus} from './result.js'

/** Everything one apply run shares: the connection, the ids learnt so far and the results. */
export class ApplyContext {
  readonly results = new Map<Change, RecordResult>()

  constructor(
    readonly api: StoreApi,
    /** The live ids read right before applying; creates add to it as they go. */
    readonly ids: LiveIds,
    readonly treeId: number,
    readonly limit: LimitFunction,
    private readonly onResult: (result: RecordResult) => void = () => {},
    private readonly signal?: AbortSignal,
  ) {}

  /** True once the run was asked to stop (SIGINT/SIGTERM): batches in flight finish, no new ones start. */
  get stopping(): boolean {
    return this.signal?.aborted ?? false
  }

  record(
    change: Change,
    status: RecordStatus,
    details: {message?: string; response?: RecordResult['response']} = {},
  ) {
    if (this.results.has(change)) return
    const result: RecordResult = {kind: change.kind, key: change.key, action: change.action, status}
    if (details.message !== undefined) result.message = details.message
    if (details.response !== undefined) result.response = details.response
    this.results.set(change, result)
    this.onResult(result)
  }

  fail(change: Change, error: unknown, prefix = ''): void {
    const failure = describeFailure(error)
    const response = responseOf(failure)
    this.record(change, 'failed', {message: prefix + failure.message, ...(response ? {response} : {})})
  }

  skip(change: Change, reason: string): void {
    this.record(change, 'skipped', {message: reason})
  }

  /** Runs `task` under the run's concurrency limit, unless the run is stopping. */
  schedule(change: Change, task: () => Promise<void>): Promise<void> {
    return this.limit(async () => {
      if (this.stopping) return this.skip(change, 'apply was interrupted before this change started')
      try {
        await task()
      } catch (error) {
        this.fail(change, error)
      }
    })
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size))
  return chunks
}
