import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import {openCatalogRepo, uncommittedFiles} from './catalog-repo.js'

/** Files under the catalog folder that differ from HEAD (repository-relative); [] outside git. */
export async function dirtyCatalogFiles(dir: string): Promise<string[]> {
  const repo = await openCatalogRepo(dir)
  return repo ? uncommittedFiles(repo) : []
}

/**
 * apply runs from a committed catalog, so the commit the plan, the result, the history and the delta
 * marker record is what was applied. Uncommitted changes under the catalog folder refuse (exit 6), naming
 * the files, unless `--allow-dirty`. Outside git there is no commit to record and nothing to refuse.
 */
export async function assertCleanCatalog(dir: string, allowDirty: boolean): Promise<string[]> {
  const dirty = await dirtyCatalogFiles(dir)
  if (dirty.length === 0 || allowDirty) return dirty
  const shown = dirty.slice(0, 20).join(', ')
  throw new UserError(
    `The catalog has uncommitted changes: ${shown}${dirty.length > 20 ? `, … (${dirty.length} files)` : ''}`,
    {
      code: 'apply.dirty-tree',
      hint: 'Commit (or stash) them first, so the store records which commit it holds; or run apply with --allow-dirty.',
      exitCode: ExitCode.refused,
    },
  )
}
