import {readFile, rm} from 'node:fs/promises'
import path from 'node:path'

import pLimit from 'p-limit'
import {parseDocument, type Document} from 'yaml'

import {documentText, newDocument, schemaPathFor, writeFileAtomic} from './yaml-edit.js'

/** A catalog file kind with a JSON Schema (its modeline names it). */
export type SchemaKind = 'catalogctl' | 'product' | 'categories' | 'template' | 'inventory' | 'price-list'

interface OpenFile {
  doc: Document
  /** The text as read; null for a file this run creates. */
  original: string | null
}

export interface FlushResult {
  created: string[]
  updated: string[]
  deleted: string[]
}

/**
 * The YAML files one import or `drift --write` edits, each parsed once into a `yaml` Document, changed in
 * memory, and written at the end only when its text changed — each file atomically (temp file + rename).
 * Paths in results are relative to the catalog folder, `/`-separated.
 */
export class CatalogEdits {
  private readonly files = new Map<string, OpenFile>()
  private readonly removals = new Set<string>()

  constructor(
    readonly dir: string,
    private readonly schemasDir: string,
  ) {}

  /** The document of an existing file, or null when it does not exist. */
  async existing(file: string): Promise<Document | null> {
    const absolute = path.resolve(file)
    const open = this.files.get(absolute)
    if (open) return open.doc
    let text: string
    try {
      text = await readFile(absolute, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    const doc = parseDocument(text)
    this.files.set(absolute, {doc, original: text})
    return doc
  }

  /** The document of a file, created (with its modeline) from `initial` when it does not exist yet. */
  async open(file: string, kind: SchemaKind, initial: () => unknown): Promise<Document> {
    const found = await this.existing(file)
    if (found) return found
    const absolute = path.resolve(file)
    const doc = newDocument(initial(), schemaPathFor(absolute, this.schemasDir, kind))
    this.files.set(absolute, {doc, original: null})
    this.removals.delete(absolute)
    return doc
  }

  /** Whether this run creates the file (it did not exist). */
  isNew(file: string): boolean {
    return this.files.get(path.resolve(file))?.original === null
  }

  remove(file: string): void {
    const absolute = path.resolve(file)
    this.files.delete(absolute)
    this.removals.add(absolute)
  }

  /** Writes every changed file (atomically) and removes the removed ones. */
  async flush(): Promise<FlushResult> {
    const result: FlushResult = {created: [], updated: [], deleted: []}
    // Bounded: an import of 10,000 products must not open 10,000 files at once (EMFILE).
    const limit = pLimit(32)
    const writes: Promise<void>[] = []
    for (const [absolute, open] of this.files) {
      const text = documentText(open.doc)
      if (text === open.original) continue
      ;(open.original === null ? result.created : result.updated).push(this.relative(absolute))
      writes.push(limit(() => writeFileAtomic(absolute, text)))
      open.original = text
    }
    await Promise.all(writes)
    for (const absolute of this.removals) {
      await rm(absolute, {force: true})
      result.deleted.push(this.relative(absolute))
    }
    this.removals.clear()
    for (const list of Object.values(result)) (list as string[]).sort()
    return result
  }

  private relative(absolute: string): string {
    return path.relative(path.resolve(this.dir), absolute).split(path.sep).join('/')
  }
}
