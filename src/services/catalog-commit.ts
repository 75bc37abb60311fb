import {openGit} from '../git/open-git.js'

/** The commit the catalog folder is at, or null outside git (or in a repository with no commit yet). */
export async function catalogCommit(catalogDir: string): Promise<string | null> {
  try {
    const git = openGit(catalogDir)
    if (!(await git.checkIsRepo())) return null
    return (await git.revparse(['HEAD'])).trim() || null
  } catch {
    return null
  }
}
