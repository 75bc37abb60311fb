import {existsSync} from 'node:fs'
import path from 'node:path'

import type {LoadedCatalog} from '../../catalog/index.js'
import type {CatalogDocuments} from './catalog-documents.js'
import type {ImportBatch, RowProblem} from './import-batch.js'
import type {CatalogIndex} from './merge-products.js'
import {toRel} from './merge-products.js'
import {isMap, MapIndex, YAMLMap} from './yaml-edit.js'

/** Where one stock level lives now: a YAML file's `stock` map, or a line of an inventory CSV file. */
interface Home {
  rel: string
  sku: string
  quantity: number
  csvLine?: number
}

/**
 * Writes stock levels into inventory/. A level already in the catalog is changed where it is (YAML or
 * CSV); a new one goes to the location's YAML file (inventory/<location>.yaml, created if needed).
 * `replace` makes the feed the whole stock of each location it covers: levels it does not list are
 * removed — except for SKUs whose rows failed, which are left alone.
 */
export function mergeStock(
  batch: ImportBatch,
  replace: boolean,
  loaded: LoadedCatalog,
  index: CatalogIndex,
  docs: CatalogDocuments,
  modeline: (rel: string) => string,
): {changed: number; removed: number; problems: RowProblem[]} {
  const problems: RowProblem[] = []
  const homes = new Map<string, Home>()
  const yamlFileOf = new Map<string, string>()
  for (const row of loaded.inventory) {
    const rel = toRel(index.absDir, row.source.file)
    const csv = rel.endsWith('.csv')
    homes.set(`${row.location}\u0000${row.sku.toLowerCase()}`, {
      rel,
      sku: row.sku,
      quantity: row.quantity,
      ...(csv ? {csvLine: row.source.line} : {}),
    })
    if (!csv && !yamlFileOf.has(row.location)) yamlFileOf.set(row.location, rel)
  }
  const failed = new Set(batch.problems.map((p) => p.sku?.toLowerCase()).filter((sku) => sku !== undefined))
  const removedLines = new Map<string, Set<number>>()
  let changed = 0
  let removed = 0

  const indexes = new Map<string, MapIndex>()
  const stockIndex = (rel: string): MapIndex => {
    let found = indexes.get(rel)
    if (!found) {
      const doc = docs.open(rel)
      let map = doc.get('stock', true)
      if (!isMap(map)) {
        map = new YAMLMap()
        doc.set('stock', map)
      }
      found = new MapIndex(doc, map as YAMLMap)
      indexes.set(rel, found)
    }
    return found
  }
  const stockFile = (location: string): string => {
    let rel = yamlFileOf.get(location)
    if (!rel) {
      rel = `inventory/${location}.yaml`
      if (!docs.has(rel) && !existsSync(path.join(docs.absDir, rel)))
        docs.create(rel, {location, stock: {}}, modeline(rel))
      yamlFileOf.set(location, rel)
    }
    return rel
  }

  const seen = new Set<string>()
  for (const level of batch.stock) {
    if (!index.known.has(level.sku.toLowerCase())) {
      problems.push({
        row: level.row,
        sku: level.sku,
        reason: `SKU ${level.sku} is not in the catalog, so its stock at ${level.location} was not imported`,
      })
      continue
    }
    const key = `${level.location}\u0000${level.sku.toLowerCase()}`
    seen.add(key)
    const home = homes.get(key)
    // Unchanged levels never open their file: a 50,000-SKU stock file is parsed only when something moved.
    if (home?.quantity === level.quantity) continue
    if (home?.csvLine !== undefined) {
      const lines = docs.lines(home.rel)
      const replacement = `${home.sku},${level.location},${level.quantity}`
      const at = home.csvLine - 1
      if (lines[at]?.replace(/\r$/, '') !== replacement) {
        lines[at] = replacement + (lines[at]?.endsWith('\r') ? '\r' : '')
        docs.markDirty(home.rel)
        changed++
      }
      continue
    }
    const rel = home ? home.rel : stockFile(level.location)
    if (stockIndex(rel).setScalar(home?.sku ?? level.sku, level.quantity)) {
      docs.markDirty(rel)
      changed++
    }
  }

  if (replace)
    for (const [key, home] of homes) {
      const [location] = key.split('\u0000')
      if (seen.has(key) || !batch.locations.includes(location ?? '') || failed.has(home.sku.toLowerCase()))
        continue
      if (home.csvLine !== undefined) {
        const set = removedLines.get(home.rel) ?? new Set<number>()
        set.add(home.csvLine - 1)
        removedLines.set(home.rel, set)
      } else {
        if (stockIndex(home.rel).delete(home.sku)) docs.markDirty(home.rel)
      }
      removed++
    }
  for (const [rel, lines] of removedLines) {
    const kept = docs.lines(rel).filter((_line, at) => !lines.has(at))
    docs.lines(rel).splice(0, Infinity, ...kept)
    docs.markDirty(rel)
  }
  return {changed, removed, problems}
}
