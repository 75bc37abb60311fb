import path from 'node:path'

import {executePlan} from '../apply/executor.js'
import {RESULT_FORMAT_VERSION, type ApplyReport, type RecordResult} from '../apply/result.js'
import {explainStoreError} from '../connection/store-errors.js'
import {workspaceDir} from '../connection/workspace.js'
import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import {findLiveProduct, readLiveState} from '../live/read-live-state.js'
import {productMatchKey} from '../model/kinds.js'
import {catalogHash} from '../plan/fingerprint.js'
import {checkGuardrails, managedCount} from '../plan/guardrails.js'
import {checkPriceDrops} from '../plan/price-drop.js'
import type {Plan} from '../plan/plan.js'
import {summarise} from '../plan/plan-order.js'
import {newRunId, RunHistory} from '../history/run-history.js'
import {loadDesiredCatalog} from './desired-catalog.js'
import {openConnection, planAgainstStore, type PlanRequest, type PlanSession} from './plan-service.js'
import {assertSameStore, readPlanFile, staleRecords} from './saved-plan.js'

export interface ApplyRequest extends PlanRequest {
  /** Apply this saved plan (`plan --out`) instead of planning now. */
  planFile?: string
  /** Allow prune deletes and hides (destructive changes). */
  allowDeletes: boolean
  /** Apply even when a guardrail trips. */
  force: boolean
  /** With a saved plan: apply what is still current, skip and report the stale records. */
  skipStale: boolean
  /** Shows the plan and asks; resolves false to cancel. Not called when the plan is empty. */
  confirm(plan: Plan): Promise<boolean>
  onResult?: (result: RecordResult) => void
  onStart?: (plan: Plan) => void
  signal?: AbortSignal
}

export interface ApplyOutcome {
  plan: Plan
  report: ApplyReport
  /** Records a saved plan read that changed since (skipped with --skip-stale). */
  stale: string[]
  historyFile: string | null
  cancelled: boolean
}

/**
 * apply: plan now (or load a saved plan and prove it is still current), check the safety rules, ask,
 * execute level by level, and keep the run in the history. Refusals are UserErrors with exit 6.
 */
export async function applyCatalog(request: ApplyRequest): Promise<ApplyOutcome> {
  const session = request.planFile
    ? await sessionForSavedPlan(request, request.planFile)
    : {...(await planAgainstStore(request)), stale: [], managed: undefined}
  try {
    const {plan, stale} = session
    checkSafety(plan, session, request)
    if (plan.changes.length > 0 && !(await request.confirm(plan))) {
      return {plan, stale, report: emptyReport(plan, new Date()), historyFile: null, cancelled: true}
    }
    request.onStart?.(plan)
    const startedAt = new Date()
    const client = session.connection.client
    const before = client.stats()
    const results = await executePlan({
      api: client,
      plan,
      ids: session.live.ids,
      treeId: session.treeId,
      concurrency: request.concurrency ?? client.rateLimit().concurrency,
      findProductBySku: (sku) => findLiveProduct(client, session.live, session.desired, sku),
      ...(request.onResult ? {onResult: request.onResult} : {}),
      ...(request.signal ? {signal: request.signal} : {}),
    })
    const after = client.stats()
    const report: ApplyReport = {
      ...emptyReport(plan, startedAt),
      finished_at: new Date().toISOString(),
      results,
      stats: {
        requests: after.requests - before.requests,
        retries: after.retries - before.retries,
        rate_limited: after.rateLimited - before.rateLimited,
      },
    }
    const history = new RunHistory(path.join(workspaceDir(request.dir), 'history'))
    const historyFile = await history.write(report)
    return {plan, stale, report, historyFile, cancelled: false}
  } finally {
    await session.close()
  }
}

function emptyReport(plan: Plan, startedAt: Date): ApplyReport {
  return {
    format_version: RESULT_FORMAT_VERSION,
    run_id: newRunId(startedAt),
    started_at: startedAt.toISOString(),
    finished_at: startedAt.toISOString(),
    store: plan.store,
    scope: plan.scope,
    mode: plan.mode,
    commit: plan.catalog.commit,
    summary: plan.summary,
    results: [],
    stats: {requests: 0, retries: 0, rate_limited: 0},
  }
}

function checkSafety(
  plan: Plan,
  session: PlanSession & {managed: number | undefined},
  request: ApplyRequest,
): void {
  const destructive = plan.changes.filter((change) => change.destructive)
  if (destructive.length > 0 && !request.allowDeletes) {
    const keys = destructive.slice(0, 10).map((change) => `${change.kind} ${change.key} (${change.reason})`)
    throw new UserError(
      `The plan deletes or hides ${destructive.length} record(s): ${keys.join(', ')}${destructive.length > 10 ? ', …' : ''}`,
      {
        code: 'apply.deletes-not-allowed',
        hint: 'Review the plan, then run apply again with --allow-deletes.',
        exitCode: ExitCode.refused,
      },
    )
  }
  const config = session.catalog.config.guardrails ?? {}
  const liveRecords = session.live.pricing?.records.length ?? 0
  const verdict = checkGuardrails(plan, config, session.managed, liveRecords)
  if (!verdict.ok && !request.force) {
    throw new UserError(`Guardrail tripped: ${verdict.reasons.join('; ')}`, {
      code: 'apply.guardrail',
      hint: 'Check the plan; if the change is intended, run apply again with --force, or raise the share in catalogctl.yaml guardrails.',
      exitCode: ExitCode.refused,
    })
  }
  const drops = checkPriceDrops(plan, config)
  if (!drops.ok && !request.force) {
    const shown = drops.reasons.slice(0, 10).join('; ')
    const more = drops.reasons.length > 10 ? ` and ${drops.reasons.length - 10} more` : ''
    throw new UserError(
      `Guardrail tripped: ${drops.reasons.length} price(s) drop by more than guardrails.max_price_drop (${Math.round(drops.maxPriceDrop * 1000) / 10} %): ${shown}${more}`,
      {
        code: 'apply.price-drop',
        hint: 'Check those prices for a typo; if the drop is intended, run apply again with --force, or raise guardrails.max_price_drop in catalogctl.yaml.',
        exitCode: ExitCode.refused,
      },
    )
  }
}

/** A saved plan is applied only when the catalog and every record it read are unchanged. */
async function sessionForSavedPlan(
  request: ApplyRequest,
  planFile: string,
): Promise<PlanSession & {stale: string[]; managed: number}> {
  const saved = await readPlanFile(planFile)
  const desiredCatalog = await loadDesiredCatalog(request.dir)
  if (catalogHash(desiredCatalog.desired) !== saved.catalog.hash) {
    throw new UserError('The catalog changed since the plan was made', {
      code: 'plan.stale-catalog',
      hint: 'Make a new plan with `catalogctl plan --out` and review it.',
      exitCode: ExitCode.refused,
    })
  }
  const connection = await openConnection(request, desiredCatalog)
  try {
    assertSameStore(saved, connection.storeHash)
    const treeId = desiredCatalog.catalog.categories.tree_id ?? 1
    const live = await readLiveState(connection.client, desiredCatalog.desired, treeId, {scope: saved.scope})
    const stale = staleRecords(saved, live)
    const staleNames = stale.map((fingerprint) => `${fingerprint.kind} ${fingerprint.key}`)
    if (stale.length > 0 && !request.skipStale) {
      throw new UserError(
        `Saved plan is stale: ${stale.length} record(s) changed in the store since the plan was made: ${staleNames.slice(0, 20).join(', ')}`,
        {
          code: 'plan.stale',
          hint: 'Make a new plan and review it, or apply the rest with --skip-stale.',
          exitCode: ExitCode.refused,
        },
      )
    }
    const staleKeys = new Set(
      stale.map((fingerprint) => `${fingerprint.kind}\u0000${productMatchKey(fingerprint.key)}`),
    )
    const changes = saved.changes.filter(
      (change) => !staleKeys.has(`${change.kind}\u0000${productMatchKey(change.key)}`),
    )
    const plan: Plan = {...saved, changes, summary: summarise(changes, saved.summary)}
    return {
      ...desiredCatalog,
      connection,
      live,
      plan,
      treeId,
      stale: staleNames,
      // The stale records skipped are still managed products this apply leaves alone: the guardrail's
      // share is over every managed product the plan was made from, not only over the rest.
      managed: managedCount(saved),
      close: () => connection.close(),
    }
  } catch (error) {
    await connection.close()
    throw explainStoreError(error)
  }
}
