import {readFileSync} from 'node:fs'
import path from 'node:path'

import YAML from 'yaml'
import type {Document} from 'yaml'

/** A file the import will write: its path relative to the catalog folder (with `/`) and new text. */
export interface FileEdit {
  rel: string
  content: string
  created: boolean
}

interface OpenFile {
  doc?: Document
  lines?: string[]
  original: string | undefined
  dirty: boolean
  /** New files start with this comment line (the schema modeline). */
  modeline?: string
}

/**
 * The catalog files an import reads and edits, each parsed once with the `yaml` Document API (or kept as
 * lines, for inventory CSV files). Nothing touches the disk until `edits()` hands the changed texts to
 * the atomic writer.
 */
export class CatalogDocuments {
  private readonly files = new Map<string, OpenFile>()

  constructor(readonly absDir: string) {}

  /** The Document of an existing YAML file (relative path). */
  open(rel: string): Document {
    const file = this.files.get(rel)
    if (file?.doc) return file.doc
    const original = readFileSync(path.join(this.absDir, rel), 'utf8')
    // uniqueKeys off: yaml checks duplicates pairwise (quadratic on a 50,000-SKU stock file); the loader
    // reports duplicate keys when it validates the would-be catalog anyway.
    const doc = YAML.parseDocument(original, {uniqueKeys: false})
    this.files.set(rel, {doc, original, dirty: false})
    return doc
  }

  /** The lines of an existing text file (inventory CSV). */
  lines(rel: string): string[] {
    const file = this.files.get(rel)
    if (file?.lines) return file.lines
    const original = readFileSync(path.join(this.absDir, rel), 'utf8')
    const lines = original.split('\n')
    this.files.set(rel, {lines, original, dirty: false})
    return lines
  }

  /** A new file; `modeline` is its first line (the schema comment). */
  create(rel: string, value: unknown, modeline: string): Document {
    const doc = new YAML.Document(value)
    this.files.set(rel, {doc, original: undefined, dirty: true, modeline})
    return doc
  }

  has(rel: string): boolean {
    return this.files.has(rel)
  }

  markDirty(rel: string): void {
    const file = this.files.get(rel)
    if (file) file.dirty = true
  }

  /** Changed files only; a file whose new text equals its old one is left out. */
  edits(): FileEdit[] {
    const edits: FileEdit[] = []
    for (const [rel, file] of this.files) {
      if (!file.dirty) continue
      const text = file.doc
        ? file.doc.toString({lineWidth: 0, flowCollectionPadding: false})
        : (file.lines ?? []).join('\n')
      const content = file.modeline === undefined ? text : `#${file.modeline}\n${text}`
      if (content !== file.original) edits.push({rel, content, created: file.original === undefined})
    }
    return edits.sort((a, b) => a.rel.localeCompare(b.rel))
  }
}
