import {existsSync} from 'node:fs'
import path from 'node:path'

/**
 * The catalog's repository: the nearest folder at or above the catalog that holds `.git`, or the catalog
 * folder itself outside git. Its `.catalogctl/` keeps local state that is never committed: the embedded
 * sandbox store and the run history.
 */
export function repositoryRoot(catalogDir: string): string {
  const start = path.resolve(catalogDir)
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir
    if (path.dirname(dir) === dir) return start
  }
}

export function workspaceDir(catalogDir: string): string {
  return path.join(repositoryRoot(catalogDir), '.catalogctl')
}
