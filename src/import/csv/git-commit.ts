import type {SimpleGit} from 'simple-git'

import {openGit} from '../../git/open-git.js'

import {ExitCode} from '../../errors/exit-codes.js'
import {UserError} from '../../errors/user-error.js'

/**
 * Puts the catalog's repository on `branch` before the import reads anything: checks it out when it
 * exists, creates it from the current commit when not. Refuses outside a git repository.
 */
export async function switchBranch(absDir: string, branch: string): Promise<void> {
  const git = openGit(absDir)
  await assertRepo(git, absDir)
  const branches = await git.branchLocal()
  if (branches.current === branch) return
  try {
    if (branches.all.includes(branch)) await git.checkout(branch)
    else await git.checkoutLocalBranch(branch)
  } catch (error) {
    throw new UserError(`cannot switch to branch ${branch}: ${(error as Error).message.trim()}`, {
      code: 'import.git-branch',
      hint: 'Commit or stash local changes first.',
      exitCode: ExitCode.error,
    })
  }
}

/** Commits exactly the files the import wrote (paths relative to the catalog folder). */
export async function commitImport(
  absDir: string,
  files: string[],
  message: string,
): Promise<{sha: string; branch: string}> {
  const git = openGit(absDir)
  await assertRepo(git, absDir)
  await git.add(files)
  const result = await git.commit(message, files)
  const branch = (await git.branchLocal()).current
  return {sha: result.commit, branch}
}

/** Refuses (before anything is written) when the catalog is not in a git repository. */
export async function assertGitRepo(absDir: string): Promise<void> {
  await assertRepo(openGit(absDir), absDir)
}

async function assertRepo(git: SimpleGit, absDir: string): Promise<void> {
  if (!(await git.checkIsRepo()))
    throw new UserError(`${absDir} is not in a git repository`, {
      code: 'import.not-a-repo',
      hint: 'Leave out --commit and --branch, or run `git init` first.',
      exitCode: ExitCode.error,
    })
}
