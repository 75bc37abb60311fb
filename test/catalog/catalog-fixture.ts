import {cp, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {loadCatalog} from '../../src/catalog/index.js'
import type {Diagnostic, LoadedCatalog} from '../../src/catalog/index.js'

export const fixturesDir = fileURLToPath(new URL('../fixtures/catalog/', import.meta.url))
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

const created: string[] = []

/** A temp catalog: the valid base fixture, then each named overlay from fixtures/catalog/broken/, then `files`. */
export async function aCatalog(options: {overlays?: string[]; files?: Record<string, string | Buffer>} = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'catalogctl-test-'))
  created.push(dir)
  await cp(path.join(fixturesDir, 'base'), dir, {recursive: true})
  for (const overlay of options.overlays ?? []) await cp(path.join(fixturesDir, 'broken', overlay), dir, {recursive: true})
  for (const [relative, content] of Object.entries(options.files ?? {})) {
    await mkdir(path.dirname(path.join(dir, relative)), {recursive: true})
    await writeFile(path.join(dir, relative), content)
  }
  return dir
}

export async function removeCatalogs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, {recursive: true, force: true})))
}

/** Loads `dir` and reports diagnostics with paths relative to it, so expectations do not depend on the temp path. */
export async function loadRelative(dir: string): Promise<{catalog: LoadedCatalog; diagnostics: Diagnostic[]}> {
  const catalog = await loadCatalog(dir)
  const strip = (text: string): string => text.split(`${dir}${path.sep}`).join('')
  const diagnostics = catalog.diagnostics.map((d) => ({
    ...d,
    file: path.relative(dir, d.file) || '.',
    message: strip(d.message),
    ...(d.hint === undefined ? {} : {hint: strip(d.hint)}),
  }))
  return {catalog, diagnostics}
}
