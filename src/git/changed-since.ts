import type {Selection} from '../plan/selection.js'

import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import {catalogChangesSince, type CatalogChanges} from './changed-products.js'
import {isShallowRepo, openCatalogRepo, resolveCommit} from './catalog-repo.js'

/**
 * `plan --changed-since REF`: the products whose YAML differs between REF and the working tree
 * (committed, staged, unstaged or untracked), added to the selection as exact SKUs — for a pull request,
 * `--changed-since origin/main` plans what the branch changes. With `--sku`/`--file` too, the selection
 * is their union, like those flags with each other.
 *
 * Settings, template and categories changes are reported as `settings` (the caller says the plan is
 * limited to product files); price-list and stock files are not products and select nothing.
 */
export async function changedSinceSelection(
  dir: string,
  ref: string,
  selection: Selection,
): Promise<{selection: Selection; changes: CatalogChanges}> {
  const repo = await openCatalogRepo(dir)
  if (!repo) {
    throw new UserError(`--changed-since needs a git repository, and ${dir} is not in one`, {
      code: 'git.not-a-repository',
      hint: 'Run catalogctl from a clone of the catalog repository, or drop --changed-since.',
      exitCode: ExitCode.error,
    })
  }
  const commit = await resolveCommit(repo, ref)
  if (!commit) {
    const shallow = await isShallowRepo(repo)
    throw new UserError(`--changed-since ${ref}: no such commit in this repository`, {
      code: 'git.unknown-ref',
      hint: shallow
        ? 'This is a shallow clone: fetch the base (actions/checkout with fetch-depth: 0, or git fetch origin main).'
        : 'Name a branch, tag or commit this clone has (for a pull request: origin/main after git fetch).',
      exitCode: ExitCode.error,
    })
  }
  const changes = await catalogChangesSince(repo, commit)
  return {selection: {...selection, keys: [...(selection.keys ?? []), ...changes.skus]}, changes}
}

export function changedSinceNote(ref: string, changes: CatalogChanges): string {
  const settings =
    changes.settings.length > 0
      ? ` ${changes.settings.join(', ')} also changed: they shape every product, so a full plan may show more.`
      : ''
  return `Changed since ${ref}: ${changes.skus.length} product(s) in ${changes.files.length} changed file(s).${settings}`
}
