import {existsSync} from 'node:fs'
import {copyFile, link, mkdir, readdir, readFile, rename, rm, unlink, writeFile} from 'node:fs/promises'
import path from 'node:path'

import pLimit from 'p-limit'

import type {FileEdit} from './catalog-documents.js'

/**
 * All-or-nothing writes for an import. The guarantee: after any interruption the catalog is either as it
 * was, or — once the next `catalogctl import csv` runs (it recovers first) — fully updated; a file is
 * never half-written.
 *
 * 1. Stage: `<catalog>/.catalogctl/imports/<run>/preview/` becomes a copy of the catalog (hard links,
 *    so it is cheap) with the edited files written as new files. The loader skips dot folders, so the
 *    stage is invisible to `validate` and `plan`. The caller validates the preview: the would-be catalog.
 * 2. Commit point: `journal.json` (the list of files) is written to a temporary name and renamed, which
 *    is atomic. Before it exists, an interrupted import changed nothing (the stage is deleted later).
 * 3. Each staged file is renamed over its target: rename(2) within one file system is atomic, so every
 *    file is old or new, never partial. If the process dies between two renames, recovery finds the
 *    journal and renames the files still in the stage (roll forward), then deletes the stage.
 */
export interface Stage {
  dir: string
  preview: string
  edits: FileEdit[]
}

export interface WriteHooks {
  /** Called before each rename; tests throw here to simulate a crash mid-import. */
  beforeRename?: (rel: string, index: number) => void
  /** Called after the stage is written, before the journal (the commit point). */
  beforeJournal?: () => void
}

const stagesDir = (absDir: string): string => path.join(absDir, '.catalogctl', 'imports')

export async function stageEdits(absDir: string, edits: FileEdit[]): Promise<Stage> {
  const dir = path.join(stagesDir(absDir), `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`)
  const preview = path.join(dir, 'preview')
  await mkdir(preview, {recursive: true})
  await linkTree(absDir, preview)
  const made = new DirectoryCache()
  // Thousands of small files: a few writes in flight at once instead of one round trip after another.
  const limit = pLimit(16)
  await Promise.all(
    edits.map((edit) =>
      limit(async () => {
        const target = path.join(preview, edit.rel)
        await made.ensure(path.dirname(target))
        // An edited file's preview is a hard link to the catalog's own file: unlink it, never write through it.
        if (!edit.created) await unlink(target).catch(() => undefined)
        await writeFile(target, edit.content)
      }),
    ),
  )
  return {dir, preview, edits}
}

/** mkdir -p once per folder. */
class DirectoryCache {
  private readonly made = new Map<string, Promise<unknown>>()

  ensure(dir: string): Promise<unknown> {
    let pending = this.made.get(dir)
    if (!pending) {
      pending = mkdir(dir, {recursive: true})
      this.made.set(dir, pending)
    }
    return pending
  }
}

/** Copies a folder as hard links (plain copies across devices), leaving out dot entries (.git, .catalogctl). */
async function linkTree(from: string, to: string, depth = 0): Promise<void> {
  if (depth > 32) return
  for (const entry of await readdir(from, {withFileTypes: true})) {
    if (entry.name.startsWith('.')) continue
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isDirectory()) {
      await mkdir(target, {recursive: true})
      await linkTree(source, target, depth + 1)
    } else if (entry.isFile()) await link(source, target).catch(() => copyFile(source, target))
  }
}

export async function commitStage(absDir: string, stage: Stage, hooks: WriteHooks = {}): Promise<void> {
  hooks.beforeJournal?.()
  const journal = path.join(stage.dir, 'journal.json')
  await writeFile(`${journal}.tmp`, JSON.stringify({version: 1, files: stage.edits.map((edit) => edit.rel)}))
  await rename(`${journal}.tmp`, journal)
  await moveStaged(
    absDir,
    stage.preview,
    stage.edits.map((edit) => edit.rel),
    hooks,
  )
  await rm(stage.dir, {recursive: true, force: true})
}

async function moveStaged(
  absDir: string,
  preview: string,
  files: string[],
  hooks: WriteHooks,
): Promise<string[]> {
  const moved: string[] = []
  const made = new DirectoryCache()
  for (const [index, rel] of files.entries()) {
    hooks.beforeRename?.(rel, index)
    await made.ensure(path.dirname(path.join(absDir, rel)))
    try {
      await rename(path.join(preview, rel), path.join(absDir, rel))
      moved.push(rel)
    } catch (error) {
      // Moved before an interruption: recovery skips it.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  return moved
}

/** Whether the stage passed its commit point (its journal exists). */
export function isCommitted(stage: Stage): boolean {
  return existsSync(path.join(stage.dir, 'journal.json'))
}

export async function discardStage(stage: Stage): Promise<void> {
  await rm(stage.dir, {recursive: true, force: true})
}

/**
 * Finishes imports that were interrupted after their commit point and deletes stages that never got
 * there. Returns the files it completed.
 */
export async function recoverInterruptedImports(absDir: string): Promise<string[]> {
  const root = stagesDir(absDir)
  if (!existsSync(root)) return []
  const completed: string[] = []
  for (const run of (await readdir(root)).sort()) {
    const dir = path.join(root, run)
    const journal = path.join(dir, 'journal.json')
    if (existsSync(journal)) {
      const {files} = JSON.parse(await readFile(journal, 'utf8')) as {files: string[]}
      completed.push(...(await moveStaged(absDir, path.join(dir, 'preview'), files, {})))
    }
    await rm(dir, {recursive: true, force: true})
  }
  return completed
}
