import {openGit} from '../git/open-git.js'

/**
 * Before each run, bring the catalog to the latest commit of its branch — the rule, explicitly:
 * - not a git repository → nothing to pull: the files are used as they are (logged);
 * - no remote, or a detached HEAD (no branch to follow) → the same (logged);
 * - otherwise `git pull --ff-only <upstream remote, else the first remote> <current branch>`; a pull
 *   that fails (network, diverged history) fails the run: applying an older catalog than the one the
 *   trigger announced would be wrong, so nothing is applied.
 */
export async function pullCatalog(dir: string, log: (line: string) => void): Promise<string | null> {
  const git = openGit(dir)
  if (!(await git.checkIsRepo().catch(() => false))) {
    log(`${dir} is not in a git repository: applying the files as they are (no pull)`)
    return null
  }
  const remotes = await git.getRemotes()
  const status = await git.status()
  const branch = status.current
  if (remotes.length === 0 || !branch || status.detached) {
    log(
      remotes.length === 0
        ? 'the catalog repository has no remote: applying the checked-out commit (no pull)'
        : 'the catalog repository is on a detached HEAD: applying the checked-out commit (no pull)',
    )
    return (await git.revparse(['HEAD'])).trim()
  }
  const remote = status.tracking?.split('/')[0] ?? remotes[0]?.name ?? 'origin'
  await git.pull(remote, branch, {'--ff-only': null})
  const head = (await git.revparse(['HEAD'])).trim()
  log(`pulled ${remote}/${branch}: at ${head.slice(0, 12)}`)
  return head
}
