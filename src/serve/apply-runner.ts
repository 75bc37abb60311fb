import {withNotifications} from '../notify/notify-apply.js'
import {countResults} from '../apply/result.js'
import {applyCatalog} from '../services/apply-service.js'
import {pullCatalog} from './pull-catalog.js'
import type {RunOutcome, Runner} from './run-queue.js'

export interface ApplyRunnerOptions {
  dir: string
  sandbox: boolean
  allowDeletes: boolean
  log: (line: string) => void
  /** Skip the git pull (tests of a catalog copied outside git need none either way). */
  pull?: boolean
  env?: Record<string, string | undefined>
}

/**
 * The real runner: pull the catalog branch, then the apply service in-process — the same apply (and the
 * same notifications) as `catalogctl apply --yes`, never asking. Deletes and hides only with
 * `serve --allow-deletes`; a tripped guardrail refuses the run (exit 6), as apply does.
 */
export function applyRunner(options: ApplyRunnerOptions): Runner {
  const apply = withNotifications(applyCatalog, {
    trigger: 'serve',
    report: options.log,
    ...(options.env ? {env: options.env} : {}),
  })
  return async (request): Promise<RunOutcome> => {
    let commit: string | null = null
    try {
      if (options.pull !== false) commit = await pullCatalog(options.dir, options.log)
    } catch (error) {
      return {exitCode: 1, error: `git pull failed, nothing applied: ${(error as Error).message}`}
    }
    try {
      const outcome = await apply({
        dir: options.dir,
        sandbox: options.sandbox,
        scope: request.scope,
        mode: request.mode,
        selection: {},
        allowDeletes: options.allowDeletes,
        force: false,
        skipStale: false,
        signal: request.signal,
        confirm: () => Promise.resolve(true),
      })
      const failed = countResults(outcome.report.results).failed
      return {
        exitCode: request.signal.aborted ? 1 : failed > 0 ? 3 : 0,
        results: outcome.report.results,
        summary: outcome.report.summary,
        commit: outcome.report.commit ?? commit,
        historyFile: outcome.historyFile,
        ...(request.signal.aborted ? {error: 'interrupted by shutdown'} : {}),
      }
    } catch (error) {
      return {exitCode: (error as {exitCode?: number}).exitCode ?? 1, error: (error as Error).message, commit}
    }
  }
}
