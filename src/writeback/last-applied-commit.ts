import path from 'node:path'

import {openGit} from '../git/open-git.js'

import type {StoreApi} from '../live/store-api.js'
import type {Scope} from '../plan/plan.js'

import {isApiError} from '../bigcommerce/api-error.js'
import {lastAppliedCommit} from '../delta/store-marker.js'

import {workspaceDir} from '../connection/workspace.js'
import {RunHistory} from '../history/run-history.js'

/** The commit of the last successful apply of a scope, or null when unknown. */
export type LastAppliedCommit = (scope: Scope) => Promise<string | null>

/**
 * The default source of the last applied commit: the newest run in the local run history
 * (`.catalogctl/history`) that covers the scope (`all` covers every scope), recorded a commit and has no
 * failed record. Only this machine's runs are in it: prefer `lastAppliedFromStore`.
 */
export function lastAppliedFromHistory(catalogDir: string): LastAppliedCommit {
  return async (scope) => {
    const history = new RunHistory(path.join(workspaceDir(catalogDir), 'history'))
    for (const report of await history.list()) {
      if (report.commit === null) continue
      if (report.scope !== 'all' && report.scope !== scope) continue
      if (report.results.some((result) => result.status === 'failed')) continue
      return report.commit
    }
    return null
  }
}

/**
 * The last applied commit as the store remembers it (the delta marker, src/delta/store-marker.ts), which
 * every clone and CI runner sees alike; the local run history when the store has no marker for the scope or
 * the API account may not read store metafields.
 */
export function lastAppliedFromStore(api: StoreApi, catalogDir: string): LastAppliedCommit {
  const fromHistory = lastAppliedFromHistory(catalogDir)
  return async (scope) => {
    try {
      const commit = await lastAppliedCommit(api, scope)
      if (commit) return commit
    } catch (error) {
      if (!(isApiError(error) && (error.status === 401 || error.status === 403))) throw error
    }
    return fromHistory(scope)
  }
}

/**
 * Files (absolute paths) changed since `commit`: committed since then, staged, modified or new in the working
 * tree. Null when that cannot be told (outside git, or a commit git does not know: force-push, shallow clone).
 */
export async function filesChangedSince(catalogDir: string, commit: string): Promise<Set<string> | null> {
  try {
    const git = openGit(path.resolve(catalogDir))
    const root = (await git.revparse(['--show-toplevel'])).trim()
    const committed = await git.raw(['diff', '--name-only', `${commit}`, 'HEAD'])
    const status = await git.status()
    const names = [
      ...committed.split('\n'),
      ...status.files.map((file) => file.path),
      ...status.not_added,
    ].filter((name) => name.trim() !== '')
    return new Set(names.map((name) => path.resolve(root, name)))
  } catch {
    return null
  }
}

/**
 * A file's text at a commit, or null when it did not exist there (or git cannot tell). Paths are absolute.
 */
export async function fileAtCommit(file: string, commit: string): Promise<string | null> {
  try {
    const git = openGit(path.dirname(file))
    const root = (await git.revparse(['--show-toplevel'])).trim()
    const relative = path.relative(root, file).split(path.sep).join('/')
    return await git.show([`${commit}:${relative}`])
  } catch {
    return null
  }
}
