import {readdir, realpath, stat} from 'node:fs/promises'
import path from 'node:path'

import type {PendingDiagnostic} from './diagnostics.js'
import {suggest} from './did-you-mean.js'

/** The kinds of file a catalog folder holds; each YAML kind has a schema in `schemas/`. */
export type FileKind =
  | 'config'
  | 'product'
  | 'categories'
  | 'template'
  | 'inventory'
  | 'inventory-csv'
  | 'price-list'
  | 'schedules'

export interface CatalogFile {
  kind: FileKind
  absPath: string
  /** The path shown to the user: the catalog folder as given, joined with the relative path. */
  displayPath: string
}

export interface FileProblem {
  displayPath: string
  diagnostic: PendingDiagnostic
}

export const fixedFiles: ReadonlyArray<{name: string; kind: FileKind; required: boolean}> = [
  {name: 'catalogctl.yaml', kind: 'config', required: true},
  {name: 'categories.yaml', kind: 'categories', required: false},
  {name: 'schedules.yaml', kind: 'schedules', required: false},
  {name: 'templates/bigcommerce.yaml', kind: 'template', required: false},
]

const folders: ReadonlyArray<{name: string; kind: FileKind}> = [
  {name: 'products', kind: 'product'},
  {name: 'inventory', kind: 'inventory'},
  {name: 'price-lists', kind: 'price-list'},
]

/** Deeper than this is certainly a mistake (or a loop the realpath check missed). */
const maxDepth = 32

const isYaml = (name: string): boolean => name.endsWith('.yaml') || name.endsWith('.yml')
const at1 = {line: 1, col: 1}

/**
 * Finds every catalog file under `dir`. Never throws for bad input: a missing folder, a symlink loop or an
 * unreadable entry becomes a problem naming the path.
 */
export async function discoverCatalogFiles(
  dir: string,
  displayDir: string,
): Promise<{files: CatalogFile[]; problems: FileProblem[]}> {
  const files: CatalogFile[] = []
  const problems: FileProblem[] = []
  const display = (relative: string): string => path.join(displayDir, relative)

  const root = await stat(dir).catch(() => undefined)
  if (!root?.isDirectory()) {
    problems.push({
      displayPath: displayDir,
      diagnostic: {
        severity: 'error',
        rule: 'catalog/missing-folder',
        message: root ? `${displayDir} is not a folder` : `catalog folder ${displayDir} does not exist`,
        hint: 'Pass the catalog folder with --dir, or create one with `catalogctl init`.',
        at: at1,
      },
    })
    return {files, problems}
  }

  for (const fixed of fixedFiles) {
    const absPath = path.join(dir, fixed.name)
    const info = await stat(absPath).catch((error: NodeJS.ErrnoException) => error)
    if (info instanceof Error) {
      if (info.code === 'ELOOP') problems.push(symlinkLoop(display(fixed.name)))
      else if (fixed.required)
        problems.push({
          displayPath: display(fixed.name),
          diagnostic: {
            severity: 'error',
            rule: 'catalog/missing-config',
            message: `${fixed.name} is missing`,
            hint: 'Every catalog needs catalogctl.yaml at its root; `catalogctl init` writes one.',
            at: at1,
          },
        })
      continue
    }
    if (info.isFile()) files.push({kind: fixed.kind, absPath, displayPath: display(fixed.name)})
    else
      problems.push({
        displayPath: display(fixed.name),
        diagnostic: {
          severity: 'error',
          rule: 'file/unreadable',
          message: `${fixed.name} is not a regular file`,
          hint: `Replace it with a YAML file named ${fixed.name}.`,
          at: at1,
        },
      })
  }

  const known = new Set([...fixedFiles.map((f) => f.name), ...folders.map((f) => f.name)])
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    if (entry.name.startsWith('.') || known.has(entry.name) || !isYaml(entry.name)) continue
    const guess = suggest(entry.name, known)
    problems.push({
      displayPath: display(entry.name),
      diagnostic: {
        severity: 'warning',
        rule: 'catalog/unknown-file',
        message: `${entry.name} is not a catalog file and is ignored`,
        hint: guess
          ? `did you mean \`${guess}\`?`
          : 'Products go under products/, stock under inventory/, price lists under price-lists/.',
        at: at1,
      },
    })
  }

  for (const folder of folders) {
    const absFolder = path.join(dir, folder.name)
    const info = await stat(absFolder).catch(() => undefined)
    if (!info?.isDirectory()) continue
    await walk(absFolder, folder.name, folder.kind, new Set([await realpath(absFolder)]), 0)
  }
  files.sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0))
  return {files, problems}

  async function walk(
    absFolder: string,
    relFolder: string,
    kind: FileKind,
    ancestors: Set<string>,
    depth: number,
  ): Promise<void> {
    const entries = await readdir(absFolder, {withFileTypes: true}).catch(() => [])
    entries.sort((a, b) => (a.name < b.name ? -1 : 1))
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const absPath = path.join(absFolder, entry.name)
      const rel = path.join(relFolder, entry.name)
      let isDirectory = entry.isDirectory()
      let isFile = entry.isFile()
      if (entry.isSymbolicLink()) {
        const target = await stat(absPath).catch((error: NodeJS.ErrnoException) => error)
        if (target instanceof Error) {
          problems.push(
            target.code === 'ELOOP'
              ? symlinkLoop(display(rel))
              : {
                  displayPath: display(rel),
                  diagnostic: {
                    severity: 'error',
                    rule: 'file/broken-symlink',
                    message: `${display(rel)} is a symbolic link to a missing file`,
                    hint: 'Remove the link or restore its target.',
                    at: at1,
                  },
                },
          )
          continue
        }
        isDirectory = target.isDirectory()
        isFile = target.isFile()
      }
      if (isDirectory) {
        const real = await realpath(absPath)
        if (ancestors.has(real) || depth >= maxDepth) {
          problems.push(symlinkLoop(display(rel)))
          continue
        }
        await walk(absPath, rel, kind, new Set([...ancestors, real]), depth + 1)
      } else if (isFile) {
        if (isYaml(entry.name)) files.push({kind, absPath, displayPath: display(rel)})
        else if (kind === 'inventory' && entry.name.endsWith('.csv'))
          files.push({kind: 'inventory-csv', absPath, displayPath: display(rel)})
      }
    }
  }
}

function symlinkLoop(displayPath: string): FileProblem {
  return {
    displayPath,
    diagnostic: {
      severity: 'error',
      rule: 'file/symlink-loop',
      message: `${displayPath} is a symbolic link loop`,
      hint: 'A link points back at one of its own parent folders (or at itself); remove it.',
      at: at1,
    },
  }
}
