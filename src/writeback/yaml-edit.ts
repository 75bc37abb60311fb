import {mkdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {Document, isMap, isScalar, isSeq, parseDocument, visit, type Node} from 'yaml'

import type {PatchOp} from './product-patch.js'

/** Lists written in flow style (`[a, b]`) when new, like the example catalog writes them. */
const FLOW_LISTS = new Set(['categories', 'customer_groups', 'option_order'])

/**
 * Applies edits to the node at `base` of a parsed document (`[]` for a file holding one record, `[3]` for
 * the fourth product of a list file), through the `yaml` Document API: a scalar that changes keeps its node
 * (so its comment stays), new keys are appended after the existing ones, removed keys take only their own
 * lines, and maps left empty by a removal (`dimensions`, `attributes`) are removed too.
 */
export function applyOps(doc: Document, base: readonly (string | number)[], ops: readonly PatchOp[]): void {
  const emptied = new Set<string>()
  for (const op of ops) {
    const full = [...base, ...op.path]
    if ('remove' in op) {
      if (doc.hasIn(full)) doc.deleteIn(full)
      if (op.path.length > 1) emptied.add(JSON.stringify(full.slice(0, -1)))
      continue
    }
    const existing = doc.getIn(full, true) as Node | undefined
    if (isPlainScalar(op.value) && existing !== undefined && !isMap(existing) && !isSeq(existing)) {
      doc.setIn(full, op.value)
      continue
    }
    const node = doc.createNode(op.value)
    const last = op.path[op.path.length - 1]
    const wasFlow = (isMap(existing) || isSeq(existing)) && existing.flow === true
    if (
      isSeq(node) &&
      (wasFlow || (existing === undefined && typeof last === 'string' && FLOW_LISTS.has(last)))
    )
      node.flow = true
    if (isSeq(node) && last === 'variants') for (const item of node.items) if (isMap(item)) item.flow = true
    ensureParents(doc, full)
    doc.setIn(full, node)
  }
  for (const key of emptied) {
    const parent = JSON.parse(key) as (string | number)[]
    const node = doc.getIn(parent, true)
    if (isMap(node) && node.items.length === 0) doc.deleteIn(parent)
  }
}

function isPlainScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

/** `setIn` creates missing maps itself, but as flow maps when the parent is flow; make them block maps. */
function ensureParents(doc: Document, full: readonly (string | number)[]): void {
  for (let depth = 1; depth < full.length; depth++) {
    const prefix = full.slice(0, depth)
    if (doc.getIn(prefix, true) === undefined) doc.setIn(prefix, doc.createNode({}))
  }
}

/** A new document for `value`, headed by the `yaml-language-server` modeline when given. */
export function newDocument(value: unknown, modeline?: string): Document {
  const doc = new Document(value)
  // Short lists of names in flow style, like the example catalog: `categories: [Apparel/Tops, Sale]`.
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && FLOW_LISTS.has(String(pair.key.value)) && isSeq(pair.value))
        pair.value.flow = true
    },
  })
  if (modeline) doc.commentBefore = ` yaml-language-server: $schema=${modeline}`
  return doc
}

export async function readDocument(file: string): Promise<Document | null> {
  try {
    return parseDocument(await readFile(file, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/** Serialises like the example catalog: no line folding (descriptions stay on one line). */
export function documentText(doc: Document): string {
  return doc.toString({lineWidth: 0, flowCollectionPadding: false})
}

/**
 * Writes a file whole or not at all: a temp file beside it, then a rename (atomic on one file system), so
 * an interrupted import leaves each file as it was or fully written.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), {recursive: true})
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`
  try {
    await writeFile(temporary, text)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

/** The modeline's schema path for a file: relative to the file, `/`-separated. */
export function schemaPathFor(file: string, schemasDir: string, kind: string): string {
  const relative = path.relative(path.dirname(file), path.join(schemasDir, `${kind}.schema.json`))
  return relative.split(path.sep).join('/')
}
