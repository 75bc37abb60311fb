import {realpath} from 'node:fs/promises'
import path from 'node:path'

import type {SimpleGit} from 'simple-git'

import {openGit} from './open-git.js'

/**
 * The git repository a catalog folder lives in, seen from that folder. Every path it returns is relative
 * to the repository root with forward slashes (what git prints), and every listing is limited to the
 * catalog folder (`-- <folder>` pathspecs), so a monorepo's other files never count.
 */
export interface CatalogRepo {
  git: SimpleGit
  /** Absolute path of the repository's working tree. */
  root: string
  /** The catalog folder relative to `root` (`catalog`, `shop/catalog`, or `.` when they are the same). */
  catalogPath: string
}

/** The repository holding `catalogDir`, or null when the folder is not in a git working tree. */
export async function openCatalogRepo(catalogDir: string): Promise<CatalogRepo | null> {
  try {
    const absolute = await realpath(path.resolve(catalogDir))
    const git = openGit(absolute)
    if (!(await git.checkIsRepo())) return null
    const root = await realpath((await git.revparse(['--show-toplevel'])).trim())
    const relative = path.relative(root, absolute).split(path.sep).join('/')
    return {git: openGit(root), root, catalogPath: relative === '' ? '.' : relative}
  } catch {
    return null
  }
}

/** HEAD's full hash, or null in a repository with no commit yet. */
export async function headCommit(repo: CatalogRepo): Promise<string | null> {
  try {
    return (await repo.git.revparse(['--verify', '--quiet', 'HEAD'])).trim() || null
  } catch {
    return null
  }
}

/** `git rev-parse --is-shallow-repository`: true in a clone made with `--depth` (Actions' default). */
export async function isShallowRepo(repo: CatalogRepo): Promise<boolean> {
  return (await repo.git.revparse(['--is-shallow-repository'])).trim() === 'true'
}

/** Whether `ref` names a commit this clone has (a force-push or a shallow clone loses old ones). */
export async function resolveCommit(repo: CatalogRepo, ref: string): Promise<string | null> {
  try {
    return (await repo.git.revparse(['--verify', '--quiet', `${ref}^{commit}`])).trim() || null
  } catch {
    return null
  }
}

/**
 * Files under the catalog folder whose content in the working tree differs from `ref` — committed since,
 * staged, unstaged or untracked (new files count; ignored files do not). Renames are a delete plus an
 * add (`--no-renames`), so both paths are listed.
 */
export async function filesChangedSince(repo: CatalogRepo, ref: string): Promise<string[]> {
  const diffed = await repo.git.raw([
    'diff',
    '--name-only',
    '--no-renames',
    '-z',
    ref,
    '--',
    repo.catalogPath,
  ])
  const untracked = await untrackedFiles(repo)
  return unique([...splitZ(diffed), ...untracked])
}

/** Files under the catalog folder with uncommitted changes (staged, unstaged or untracked). */
export async function uncommittedFiles(repo: CatalogRepo): Promise<string[]> {
  const head = await headCommit(repo)
  if (!head) {
    // No commit yet: everything in the folder is uncommitted.
    const tracked = await repo.git.raw(['ls-files', '-z', '--', repo.catalogPath])
    return unique([...splitZ(tracked), ...(await untrackedFiles(repo))])
  }
  return filesChangedSince(repo, head)
}

/** The catalog-relative form of a repository-relative path: `catalog/products/a.yaml` → `products/a.yaml`. */
export function catalogRelative(repo: CatalogRepo, file: string): string {
  if (repo.catalogPath === '.') return file
  return file.startsWith(`${repo.catalogPath}/`) ? file.slice(repo.catalogPath.length + 1) : file
}

async function untrackedFiles(repo: CatalogRepo): Promise<string[]> {
  const listed = await repo.git.raw([
    'ls-files',
    '-z',
    '--others',
    '--exclude-standard',
    '--',
    repo.catalogPath,
  ])
  return splitZ(listed)
}

function splitZ(output: string): string[] {
  return output.split('\0').filter((entry) => entry !== '')
}

/** catalogctl's own local state (`.catalogctl/`: history, embedded sandbox) is never catalog content. */
function unique(files: string[]): string[] {
  return [...new Set(files)].filter((file) => !/(^|\/)\.catalogctl\//.test(file)).sort()
}
