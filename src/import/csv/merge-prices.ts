import type {LoadedCatalog} from '../../catalog/index.js'
import type {CatalogDocuments} from './catalog-documents.js'
import type {ImportBatch, RowProblem} from './import-batch.js'
import type {CatalogIndex} from './merge-products.js'
import {toRel} from './merge-products.js'
import {isMap, MapIndex, setValue, YAMLMap} from './yaml-edit.js'

/**
 * Writes price-list records into the price-lists/ file of each list the feed covers (lists are found by
 * `name`). Only the record fields the feed has are set. `replace` makes the feed the whole list: records
 * of SKUs it does not list are removed, except for SKUs whose rows failed.
 */
export function mergePrices(
  batch: ImportBatch,
  replace: boolean,
  loaded: LoadedCatalog,
  index: CatalogIndex,
  docs: CatalogDocuments,
): {changed: number; removed: number; problems: RowProblem[]} {
  const problems: RowProblem[] = []
  const fileOf = new Map(loaded.priceLists.map((list) => [list.name, toRel(index.absDir, list.source.file)]))
  const indexes = new Map<string, MapIndex>()
  const prices = (rel: string): MapIndex => {
    let found = indexes.get(rel)
    if (!found) {
      const doc = docs.open(rel)
      let map = doc.get('prices', true)
      if (!isMap(map)) {
        map = new YAMLMap()
        doc.set('prices', map)
      }
      found = new MapIndex(doc, map as YAMLMap)
      indexes.set(rel, found)
    }
    return found
  }
  const seen = new Map<string, Set<string>>()
  let changed = 0
  let removed = 0
  for (const {sku, list, record, row} of batch.prices) {
    const rel = fileOf.get(list)
    if (!rel) continue // checked before the merge: every list of the mapping exists
    if (!index.known.has(sku.toLowerCase())) {
      problems.push({
        row,
        sku,
        reason: `SKU ${sku} is not in the catalog, so its ${list} price was not imported`,
      })
      continue
    }
    const listIndex = prices(rel)
    const doc = docs.open(rel)
    let any = false
    const existing = listIndex.get(sku)?.value
    if (isMap(existing))
      for (const [field, value] of Object.entries(record))
        any = setValue(doc, existing, [field], value) || any
    else {
      listIndex.add(sku, record, true)
      any = true
    }
    if (any) {
      docs.markDirty(rel)
      changed++
    }
    const names = seen.get(rel) ?? new Set<string>()
    names.add(sku.toLowerCase())
    seen.set(rel, names)
  }
  if (replace) {
    const failed = new Set(batch.problems.map((p) => p.sku?.toLowerCase()))
    for (const list of batch.priceLists) {
      const rel = fileOf.get(list)
      if (!rel) continue
      const listIndex = prices(rel)
      const listed = seen.get(rel) ?? new Set<string>()
      for (const pair of [...listIndex.map.items]) {
        const key = String((pair.key as {value?: unknown} | null)?.value ?? pair.key)
        if (listed.has(key.toLowerCase()) || failed.has(key.toLowerCase())) continue
        listIndex.delete(key)
        docs.markDirty(rel)
        removed++
      }
    }
  }
  return {changed, removed, problems}
}
