import path from 'node:path'

import {executePlan} from '../apply/executor.js'
import {acquireStoreLock, type StoreLock} from '../apply/store-lock.js'
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
import {catalogctlVersion} from '../bigcommerce/user-agent.js'
import {marginFromEnvironment} from '../delta/delta-read.js'
import {recordApplyInMarker, type MarkerOutcome} from '../delta/record-apply.js'
import {assertCleanCatalog} from '../git/dirty-tree.js'
import {loadDesiredCatalog} from './desired-catalog.js'
import {openConnection, planAgainstStore, type PlanRequest, type PlanSession} from './plan-service.js'
import {assertSameStore, readPlanFile, staleRecords} from './saved-plan.js'

export interface ApplyRequest extends PlanRequest {
  /** Apply this saved plan (`plan --out`) instead of planning now. */
  planFile?: string
  /** Allow prune deletes and hides (destructive changes). */
  allowDeletes: boolean
  /** Allow changes BigCommerce makes by recreating a product's variants (`replace`). Default false. */
  allowReplace?: boolean
  /** Apply even when a guardrail trips. */
  force: boolean
  /** With a saved plan: apply what is still current, skip and report the stale records. */
  skipStale: boolean
  /** Apply even when the catalog folder has uncommitted changes (otherwise refused, exit 6). */
  allowDirty?: boolean
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
  /** What became of the store's delta marker (null when the apply was cancelled). */
  marker: MarkerOutcome | null
  /** Why `--mode delta` read the whole store, or null. */
  deltaFallback: string | null
}

/**
 * apply: plan now (or load a saved plan and prove it is still current), check the safety rules, ask,
 * execute level by level, and keep the run in the history. Refusals are UserErrors with exit 6.
 */
export async function applyCatalog(request: ApplyRequest): Promise<ApplyOutcome> {
  const dirty = await assertCleanCatalog(request.dir, request.allowDirty ?? false)
  const runId = newRunId(new Date())
  let lock: StoreLock | undefined
  // One apply at a time per store: the lock is taken before the store is read, so the plan applied is
  // never one made while another apply was writing.
  const locked: ApplyRequest = {
    ...request,
    recordStoreTime: true,
    beforeRead: async (connection) => {
      lock = await acquireStoreLock(connection.client, {runId, scope: request.scope})
      return () => lock?.release() ?? Promise.resolve()
    },
  }
  const session = request.planFile
    ? await sessionForSavedPlan(locked, request.planFile)
    : {...(await planAgainstStore(locked)), stale: [], managed: undefined}
  try {
    const {stale} = session
    const plan: Plan = lock?.unavailable
      ? {
          ...session.plan,
          notes: [
            ...session.plan.notes,
            `No store lock was taken (${lock.unavailable}): another apply could run at the same time.`,
          ],
        }
      : session.plan
    checkSafety(plan, session, request)
    if (plan.changes.length > 0 && !(await request.confirm(plan))) {
      return {
        plan,
        stale,
        report: emptyReport(plan, new Date()),
        historyFile: null,
        cancelled: true,
        marker: null,
        deltaFallback: session.deltaFallback,
      }
    }
    request.onStart?.(plan)
    const startedAt = new Date()
    const started = {...emptyReport(plan, startedAt), run_id: runId}
    const history = new RunHistory(path.join(workspaceDir(request.dir), 'history'))
    const journal = plan.changes.length > 0 ? await history.begin(started) : undefined
    const client = session.connection.client
    const before = client.stats()
    const results = await executePlan({
      api: client,
      plan,
      ids: session.live.ids,
      treeId: session.treeId,
      concurrency: request.concurrency ?? client.rateLimit().concurrency,
      findProductBySku: (sku) => findLiveProduct(client, session.live, session.desired, sku),
      onResult: (result) => {
        journal?.record(result)
        request.onResult?.(result)
      },
      ...(request.signal ? {signal: request.signal} : {}),
    }).finally(() => journal?.close())
    const after = client.stats()
    const report: ApplyReport = {
      ...started,
      status: 'finished',
      finished_at: new Date().toISOString(),
      results,
      stats: {
        requests: after.requests - before.requests,
        retries: after.retries - before.retries,
        rate_limited: after.rateLimited - before.rateLimited,
      },
    }
    const historyFile = await history.write(report)
    const marker = request.signal?.aborted
      ? null
      : await recordMarker(session, report, {
          readStartedAt: session.readStartedAt,
          startedAt,
          notAdvancing: notAdvancingReason(request, plan, stale, dirty),
        })
    return {plan, stale, report, historyFile, cancelled: false, marker, deltaFallback: session.deltaFallback}
  } finally {
    await lock?.release()
    await session.close()
  }
}

/** Why this apply must not move the delta marker forward, or null when it may. */
function notAdvancingReason(
  request: ApplyRequest,
  plan: Plan,
  stale: readonly string[],
  dirty: readonly string[],
): string | null {
  if (dirty.length > 0)
    return `the catalog had uncommitted changes (--allow-dirty): ${dirty.slice(0, 5).join(', ')}`
  if (stale.length > 0) return `${stale.length} stale record(s) were skipped`
  if (plan.notes.some((note) => note.startsWith('Partial plan:')))
    return 'the plan was limited to a selection (--sku, --file, --changed-since)'
  if (
    !request.planFile &&
    (request.changedSince !== undefined ||
      (request.selection.skus?.length ?? 0) > 0 ||
      (request.selection.files?.length ?? 0) > 0)
  )
    return 'the plan was limited to a selection (--sku, --file, --changed-since)'
  return null
}

/** The marker is bookkeeping: failing to write it (a missing scope, a network error) never fails an apply. */
async function recordMarker(
  session: PlanSession,
  report: ApplyReport,
  options: {readStartedAt: PlanSession['readStartedAt']; startedAt: Date; notAdvancing: string | null},
): Promise<MarkerOutcome> {
  try {
    return await recordApplyInMarker({
      api: session.connection.client,
      desired: session.desired,
      plan: session.plan,
      results: report.results,
      readStartedAt: options.readStartedAt,
      startedAt: options.startedAt,
      version: catalogctlVersion,
      marginSeconds: marginFromEnvironment(),
      notAdvancing: options.notAdvancing,
      catalogProducts: session.catalogProducts,
      treeId: session.treeId,
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return {status: 'none', reason: `the store's delta marker could not be written: ${message}`}
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
  const replaces = plan.changes.filter((change) => change.replace !== undefined)
  if (replaces.length > 0 && !request.allowReplace) {
    const keys = replaces.slice(0, 10).map((change) => `${change.kind} ${change.key}`)
    throw new UserError(
      `The plan replaces ${replaces.length} option(s)/variant(s) (${replaces[0]?.replace ?? ''}): ${keys.join(', ')}${replaces.length > 10 ? ', …' : ''}`,
      {
        code: 'apply.replace-not-allowed',
        hint: 'BigCommerce deletes and creates these variants again (their ids, stock and price-list records go with them). Review the plan, then run apply again with --allow-replace.',
        exitCode: ExitCode.refused,
      },
    )
  }
  // Replaces are allowed by --allow-replace alone; the prune policy's deletes and hides need --allow-deletes.
  const destructive = plan.changes.filter((change) => change.destructive && change.replace === undefined)
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
  const connection = await openConnection(request, desiredCatalog.catalog.config)
  let undo: (() => Promise<void>) | undefined
  try {
    assertSameStore(saved, connection.storeHash)
    undo = await request.beforeRead?.(connection)
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
      catalogProducts: desiredCatalog.desired.products.length,
      connection,
      live,
      plan,
      treeId,
      // The saved plan read the store before it was written: others' edits are looked for from then.
      readStartedAt: {localTime: new Date(Date.parse(saved.created_at))},
      deltaFallback: null,
      stale: staleNames,
      // The stale records skipped are still managed products this apply leaves alone: the guardrail's
      // share is over every managed product the plan was made from, not only over the rest.
      managed: managedCount(saved),
      close: () => connection.close(),
    }
  } catch (error) {
    await undo?.()
    await connection.close()
    throw explainStoreError(error)
  }
}
