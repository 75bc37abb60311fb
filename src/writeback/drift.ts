import path from 'node:path'

import type {Change, FieldChange, Kind, Scope} from '../plan/plan.js'
import type {ConnectionRequest} from '../services/plan-service.js'
import type {FlushResult} from './catalog-edits.js'

import {catalogCommit} from '../services/catalog-commit.js'
import {planAgainstStore} from '../services/plan-service.js'
import {productMatchKey} from '../model/kinds.js'
import {filesChangedSince, lastAppliedFromStore, type LastAppliedCommit} from './last-applied-commit.js'
import {RecordHistory} from './record-yaml.js'
import {writeDriftBack} from './write-drift.js'

export interface DriftRequest extends ConnectionRequest {
  scope: Scope
  /** Write live values back into the YAML files. */
  write: boolean
  /** Defaults to the store's delta marker, then the local run history (src/writeback/last-applied-commit.ts). */
  lastAppliedCommit?: LastAppliedCommit
}

export interface DriftField {
  path: string
  /** What the catalog says (what apply would write). */
  catalog: unknown
  /** What the store holds. */
  live: unknown
}

export interface DriftRecord {
  kind: Kind
  key: string
  /** The YAML file (and line) declaring the record. */
  source?: {file: string; line: number}
  /** The store's `date_modified` of the record, when BigCommerce keeps one (products). */
  date_modified: string | null
  fields: DriftField[]
}

export interface DriftReport {
  scope: Scope
  store: string
  /** The catalog's HEAD commit, null outside git. */
  commit: string | null
  /** The commit of the last successful apply of the scope, null when unknown. */
  last_applied_commit: string | null
  /** Differences made in the store while the record's YAML did not change since the last apply. */
  drift: DriftRecord[]
  /** Differences whose YAML changed since the last apply: catalog changes that apply will push, not drift. */
  pending: DriftRecord[]
  notes: string[]
  /** With --write: the files written. */
  written?: FlushResult
}

/**
 * `catalogctl drift`: a full plan, read the other way round. Every update of a managed record is a
 * difference between the store and the catalog; it is drift when the record's YAML file did not change since
 * the last successful apply of the scope (git: that commit vs HEAD and the working tree) — someone changed the
 * store — and a pending catalog change otherwise. When the last applied commit is unknown, every difference
 * is reported as drift, with a note. Creates (a record the store lost) and adoptions are not drift: they
 * are counted in notes. With `write`, live values go back into the YAML files (src/writeback/write-drift.ts).
 */
export async function detectDrift(request: DriftRequest): Promise<DriftReport> {
  const session = await planAgainstStore({...request, mode: 'full', selection: {}})
  try {
    const lastApplied = await (
      request.lastAppliedCommit ?? lastAppliedFromStore(session.connection.client, request.dir)
    )(request.scope)
    const [commit, changed] = await Promise.all([
      catalogCommit(request.dir),
      lastApplied ? filesChangedSince(request.dir, lastApplied) : Promise.resolve(null),
    ])
    const notes: string[] = []
    if (!lastApplied)
      notes.push(
        `No successful ${request.scope} apply is known (store marker or run history), so store changes cannot be told apart from catalog changes: every difference is listed as drift.`,
      )
    else if (!changed)
      notes.push(
        `Commit ${lastApplied.slice(0, 12)} of the last apply is unknown to git here (shallow clone? use fetch-depth: 0): every difference is listed as drift.`,
      )
    const settingsChanged =
      changed !== null &&
      ['catalogctl.yaml', path.join('templates', 'bigcommerce.yaml')].some((file) =>
        changed.has(path.resolve(request.dir, file)),
      )

    const records = lastApplied && changed ? new RecordHistory(lastApplied) : undefined
    const drift: DriftRecord[] = []
    const driftChanges: Change[] = []
    const pending: DriftRecord[] = []
    let missing = 0
    let adoptions = 0
    for (const change of session.plan.changes) {
      if (change.action === 'create') missing++
      if (change.action !== 'update') continue
      if (change.adopt) {
        adoptions++
        continue
      }
      const record = driftRecord(
        change,
        session.live.ids.products[productMatchKey(change.key)]?.date_modified,
      )
      const file = change.source ? path.resolve(change.source.file) : undefined
      const catalogChanged =
        changed !== null &&
        ((settingsChanged && change.kind === 'product') ||
          (file !== undefined &&
            changed.has(file) &&
            (await records?.changed(change.kind, skuOf(change), file)) !== false))
      if (catalogChanged) pending.push(record)
      else {
        drift.push(record)
        driftChanges.push(change)
      }
    }
    if (missing > 0)
      notes.push(
        `${missing} catalog record(s) are not in the store (deleted there, or never applied): \`catalogctl plan\` lists them.`,
      )
    if (adoptions > 0)
      notes.push(
        `${adoptions} product(s) exist in the store without the catalogctl marker: not drift; apply adopts them.`,
      )

    const report: DriftReport = {
      scope: request.scope,
      store: session.connection.description,
      commit,
      last_applied_commit: lastApplied,
      drift,
      pending,
      notes: [...notes, ...session.plan.notes.filter((note) => !note.startsWith('Partial plan'))],
    }
    if (request.write && drift.length > 0) {
      const written = await writeDriftBack(session, driftChanges)
      report.written = written.files
      report.notes.push(...written.notes)
    }
    return report
  } finally {
    await session.close()
  }
}

function driftRecord(change: Change, dateModified: string | undefined): DriftRecord {
  return {
    kind: change.kind,
    key: change.key,
    ...(change.source ? {source: change.source} : {}),
    date_modified: change.kind === 'product' && dateModified ? dateModified : null,
    fields: change.fields.map((field: FieldChange) => ({
      path: field.path,
      catalog: field.after,
      live: field.before,
    })),
  }
}

/** The SKU naming a record in its file (products by key; stock and price records by their SKU). */
function skuOf(change: Change): string {
  const after = change.after as {sku?: unknown} | null
  return typeof after?.sku === 'string' ? after.sku : change.key
}
