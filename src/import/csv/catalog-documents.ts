import {readFileSync} from 'node:fs'
import path from 'node:path'

import jsYaml from 'js-yaml'
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
  /** The new text of a settled file: its Document was rendered and dropped (see `settle`). */
  rendered?: string
  /** A new product not edited since: written with js-yaml's dump, ~10× faster than a Document for 10,000 files. */
  plain?: Record<string, unknown>
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
    if (file?.rendered !== undefined) {
      file.doc = YAML.parseDocument(file.rendered, {uniqueKeys: false})
      delete file.rendered
      return file.doc
    }
    if (file?.plain) {
      file.doc = new YAML.Document(file.plain)
      delete file.plain
      return file.doc
    }
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

  /** A new product file kept as a plain value until something edits it (see `plain`). */
  createProduct(rel: string, value: Record<string, unknown>, modeline: string): void {
    this.files.set(rel, {plain: value, original: undefined, dirty: true, modeline})
  }

  /**
   * Renders a file now and lets its Document go. 10,000 live Documents keep the garbage collector busy
   * for longer than the parsing takes; a file opened again later is parsed from the rendered text.
   */
  settle(rel: string): void {
    const file = this.files.get(rel)
    if (!file?.doc) return
    if (file.dirty) file.rendered = file.doc.toString({lineWidth: 0, flowCollectionPadding: false})
    else this.files.delete(rel)
    delete file.doc
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
        : file.rendered !== undefined
          ? file.rendered
          : file.plain
            ? dumpProduct(file.plain)
            : (file.lines ?? []).join('\n')
      const content = file.modeline === undefined ? text : `#${file.modeline}\n${text}`
      if (content !== file.original) edits.push({rel, content, created: file.original === undefined})
    }
    return edits.sort((a, b) => a.rel.localeCompare(b.rel))
  }
}

/** A new product as block YAML, each variant on one flow line as in the example catalog. */
function dumpProduct(product: Record<string, unknown>): string {
  const {variants, ...rest} = product
  const head = jsYaml.dump(rest, {lineWidth: -1, noRefs: true})
  if (!Array.isArray(variants) || variants.length === 0) return head
  const lines = variants.map((variant) => `  - ${jsYaml.dump(variant, {flowLevel: 0, lineWidth: -1}).trim()}`)
  return `${head}variants:\n${lines.join('\n')}\n`
}
