import {cp, mkdtemp, readFile, readdir} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import type {ImportCsvOptions, ImportCsvResult} from '../../src/import/csv/import-csv.js'
import {importCsv} from '../../src/import/csv/import-csv.js'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
export const fixtures = path.join(repoRoot, 'test', 'fixtures', 'import-csv')
export const fixture = (name: string): string => path.resolve(fixtures, name)

/** A copy of the example catalog in a fresh temp folder: `<root>/catalog`. */
export async function copyOfExampleCatalog(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'catalogctl-import-'))
  const dir = path.join(root, 'catalog')
  await cp(path.join(repoRoot, 'catalog'), dir, {recursive: true})
  return dir
}

/** Every catalog file (not dot folders) → its text, to prove what an import did or did not write. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    const rel = path.relative(dir, full)
    if (rel.startsWith('.')) continue
    files.set(rel, await readFile(full, 'utf8'))
  }
  return files
}

export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()])
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort()
}

export function run(
  dir: string,
  file: string,
  options: Partial<ImportCsvOptions> = {},
): Promise<ImportCsvResult> {
  return importCsv({file: fixture(file), dir, mode: 'merge', ...options})
}
