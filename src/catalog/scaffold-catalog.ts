import {existsSync} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import {scaffoldFiles} from './scaffold-files.js'

/** The catalogctl package root (it ships `schemas/`). */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url))

export interface ScaffoldResult {
  dir: string
  files: string[]
  /** Where the modelines point; editors find the schemas there once catalogctl is installed. */
  schemasDir: string
  schemasInstalled: boolean
}

/**
 * Where the `# yaml-language-server: $schema=` modelines point. A catalog lives in its own repository
 * with catalogctl installed as a (dev) dependency, so the modelines point, by a relative path, at
 * `<repo>/node_modules/catalogctl/schemas/`: it works offline, needs no published URL, and always matches
 * the installed CLI version (a lockfile pins it). `<repo>` is the nearest folder at or above the catalog
 * with a package.json or .git, else the catalog's parent (the usual `repo/catalog/` layout). A catalog
 * inside the catalogctl package itself (its example catalog) points straight at the package's schemas.
 */
export function schemasDirFor(absCatalogDir: string): string {
  const relativeToPackage = path.relative(packageRoot, absCatalogDir)
  if (!relativeToPackage.startsWith('..') && !path.isAbsolute(relativeToPackage)) return path.join(packageRoot, 'schemas')
  let current = absCatalogDir
  for (let depth = 0; depth < 64; depth++) {
    if (existsSync(path.join(current, 'package.json')) || existsSync(path.join(current, '.git')))
      return path.join(current, 'node_modules', 'catalogctl', 'schemas')
    const parent = path.dirname(current)
    if (parent === current) break
    current = parent
  }
  return path.join(path.dirname(absCatalogDir), 'node_modules', 'catalogctl', 'schemas')
}

/** Writes a new catalog into `dir`. Refuses (exit 1), writing nothing, when any of its files exist. */
export async function scaffoldCatalog(dir: string): Promise<ScaffoldResult> {
  const absDir = path.resolve(dir)
  const existing = scaffoldFiles.map((f) => f.path).filter((f) => existsSync(path.join(absDir, f)))
  if (existing.length > 0)
    throw new UserError(`${dir} already has ${existing.map((f) => path.join(dir, f)).join(', ')}; nothing was written`, {
      code: 'init.exists',
      hint: 'catalogctl init never overwrites files: pick another folder, or move those files away first.',
      exitCode: ExitCode.error,
    })
  const schemasDir = schemasDirFor(absDir)
  for (const file of scaffoldFiles) {
    const target = path.join(absDir, file.path)
    await mkdir(path.dirname(target), {recursive: true})
    const content = file.content.replace(/\{\{schema:([a-z-]+)\}\}/g, (_match, kind: string) =>
      path.relative(path.dirname(target), path.join(schemasDir, `${kind}.schema.json`)).split(path.sep).join('/'),
    )
    // `wx` fails if the file appeared meanwhile: never overwrite.
    await writeFile(target, content, {flag: 'wx'})
  }
  return {
    dir,
    files: scaffoldFiles.map((f) => path.join(dir, f.path)),
    schemasDir,
    schemasInstalled: existsSync(schemasDir),
  }
}
