import type {LoadedCatalog} from '../../catalog/index.js'
import type {CatalogDocuments} from './catalog-documents.js'
import {appendItem, isSeq, YAMLSeq} from './yaml-edit.js'

/**
 * Declares in categories.yaml the category paths imported products use and it lacks (auto_create mode
 * only: in static mode a path needs an id, which a feed cannot know, so `validate` reports it).
 */
export function addCategories(
  paths: Set<string>,
  loaded: LoadedCatalog,
  docs: CatalogDocuments,
  modeline: (rel: string) => string,
): number {
  if (loaded.categories.mode === 'static') return 0
  const declared = new Set<string>()
  for (const declaredPath of loaded.categories.categories ?? []) {
    const segments = declaredPath.split('/').map((s) => s.trim())
    for (let i = 1; i <= segments.length; i++) declared.add(segments.slice(0, i).join('/'))
  }
  const missing = [...paths].filter((p) => !declared.has(p)).sort()
  if (missing.length === 0) return 0
  const rel = 'categories.yaml'
  const doc = openOrCreate(docs, rel, modeline)
  let list: unknown = doc.get('categories', true)
  if (!isSeq(list)) {
    list = new YAMLSeq()
    doc.set('categories', list)
  }
  for (const p of missing) appendItem(doc, list as YAMLSeq, p)
  docs.markDirty(rel)
  return missing.length
}

function openOrCreate(
  docs: CatalogDocuments,
  rel: string,
  modeline: (rel: string) => string,
): ReturnType<CatalogDocuments['open']> {
  try {
    return docs.open(rel)
  } catch {
    return docs.create(rel, {mode: 'auto_create', categories: []}, modeline(rel))
  }
}
