import {existsSync} from 'node:fs'
import path from 'node:path'

/**
 * The root of the catalog's repository, where `.github/workflows` lives and `npm ci` runs: the nearest
 * folder at or above the catalog holding `.git` or `package.json` (the rule `init` uses for the schema
 * modelines); with neither, the catalog's parent (the usual `repo/catalog/` layout).
 */
export function catalogRepositoryRoot(catalogDir: string): string {
  const start = path.resolve(catalogDir)
  for (let dir = start, depth = 0; depth < 128; dir = path.dirname(dir), depth++) {
    if (existsSync(path.join(dir, '.git')) || existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) break
  }
  return path.dirname(start)
}

/** `.github/workflows` of the catalog's repository, unless `out` names another folder. */
export function workflowsDirFor(catalogDir: string, out?: string): string {
  return out ? path.resolve(out) : path.join(catalogRepositoryRoot(catalogDir), '.github', 'workflows')
}

/** The catalog folder as the workflows see it: relative to the repository root, POSIX separators. */
export function catalogDirInRepository(catalogDir: string): string {
  const relative = path.relative(catalogRepositoryRoot(catalogDir), path.resolve(catalogDir))
  return relative.split(path.sep).join('/') || '.'
}
