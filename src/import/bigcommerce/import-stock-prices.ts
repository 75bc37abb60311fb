import path from 'node:path'

import {isMap} from 'yaml'

import type {LoadedCatalog} from '../../catalog/index.js'
import type {CatalogEdits} from '../../writeback/catalog-edits.js'
import type {InventoryItemJson, PriceListExport} from './read-store-export.js'

import {productMatchKey} from '../../model/kinds.js'
import {priceListMatchKey} from '../../model/price-list.js'
import {plainPatch} from '../../writeback/plain-patch.js'
import {slugOf} from '../../writeback/sku-file-name.js'
import {applyOps} from '../../writeback/yaml-edit.js'

export interface StockImportInput {
  edits: CatalogEdits
  dir: string
  existing: LoadedCatalog | null
  items: readonly InventoryItemJson[]
  locationKeyById: ReadonlyMap<number, string>
  /** Lower-cased SKUs whose stock the catalog keeps: products tracked by product, variants tracked by variant. */
  stockSkus: ReadonlySet<string>
  /** Lower-cased SKUs removed by --prune: their rows go too. */
  prunedSkus: ReadonlySet<string>
}

/**
 * inventory/: the stock on hand of each SKU at each location. A row the catalog already has is updated where
 * it is (YAML files; CSV files are reported, not rewritten); a new row goes to `inventory/<location>.yaml`.
 */
export async function importStock(input: StockImportInput): Promise<{rows: number; warnings: string[]}> {
  const warnings: string[] = []
  const wanted = new Map<string, {location: string; sku: string; quantity: number}>()
  for (const item of input.items) {
    const sku = item.identity?.sku
    if (!sku || !input.stockSkus.has(productMatchKey(sku))) continue
    for (const at of item.locations ?? []) {
      const location = at.location_id === undefined ? undefined : input.locationKeyById.get(at.location_id)
      if (location === undefined) continue
      wanted.set(`${location}\u0000${productMatchKey(sku)}`, {
        location,
        sku,
        quantity: at.total_inventory_onhand ?? 0,
      })
    }
  }
  const fileOfLocation = new Map<string, string>()
  let csvDiffers = 0
  for (const row of input.existing?.inventory ?? []) {
    const key = `${row.location}\u0000${productMatchKey(row.sku)}`
    const file = path.resolve(row.source.file)
    const isCsv = file.toLowerCase().endsWith('.csv')
    if (!isCsv && !fileOfLocation.has(row.location)) fileOfLocation.set(row.location, file)
    const live = wanted.get(key)
    wanted.delete(key)
    if (isCsv) {
      if (live && live.quantity !== row.quantity) csvDiffers++
      continue
    }
    const doc = await input.edits.existing(file)
    const stock = doc?.get('stock', true)
    if (!doc || !isMap(stock)) continue
    const spelled = stock.items
      .map((pair) => String((pair.key as {value?: unknown})?.value ?? pair.key))
      .find((k) => productMatchKey(k) === productMatchKey(row.sku))
    if (spelled === undefined) continue
    if (input.prunedSkus.has(productMatchKey(row.sku))) doc.deleteIn(['stock', spelled])
    else if (live && live.quantity !== row.quantity) doc.setIn(['stock', spelled], live.quantity)
  }
  if (csvDiffers > 0)
    warnings.push(
      `${csvDiffers} stock level(s) in inventory/*.csv differ from the store; CSV files are not rewritten by import`,
    )
  // New rows by location: a new file is built whole (setting 10,000 keys one by one is quadratic).
  const byLocation = new Map<string, Record<string, number>>()
  for (const row of wanted.values()) {
    const stock = byLocation.get(row.location) ?? {}
    stock[row.sku] = row.quantity
    byLocation.set(row.location, stock)
  }
  for (const [location, stock] of byLocation) {
    const file =
      fileOfLocation.get(location) ??
      path.join(input.dir, 'inventory', `${slugOf(location, 'location')}.yaml`)
    let fresh = false
    const doc = await input.edits.open(file, 'inventory', () => {
      fresh = true
      return {location, stock}
    })
    if (!fresh) for (const [sku, quantity] of Object.entries(stock)) doc.setIn(['stock', sku], quantity)
  }
  return {rows: wanted.size, warnings}
}

export interface PriceListImportInput {
  edits: CatalogEdits
  dir: string
  existing: LoadedCatalog | null
  priceLists: readonly PriceListExport[]
  groupNameById: ReadonlyMap<number, string>
  /** Lower-cased SKUs a record may name: the catalog's simple products and variants after the import. */
  recordSkus: ReadonlySet<string>
  /** Whether a SKU is in the --sku selection (records of unselected SKUs are left as they are). */
  selects(sku: string): boolean
}

/**
 * price-lists/: one file per store price list with its customer groups and records (in the list's main
 * currency: a file holds one). Existing files are patched record by record.
 */
export async function importPriceLists(input: PriceListImportInput): Promise<{warnings: string[]}> {
  const warnings: string[] = []
  const existingByName = new Map(
    (input.existing?.priceLists ?? []).map((list) => [priceListMatchKey(list.name), list]),
  )
  for (const list of input.priceLists) {
    const found = existingByName.get(priceListMatchKey(list.name))
    const currency = (found?.currency ?? mainCurrency(list) ?? 'USD').toUpperCase()
    const prices: Record<string, unknown> = {}
    let skipped = 0
    for (const record of list.records) {
      if (!record.sku) continue
      if (record.currency.toUpperCase() !== currency || !input.recordSkus.has(productMatchKey(record.sku))) {
        skipped++
        continue
      }
      if (!input.selects(record.sku)) continue
      prices[record.sku] = recordYaml(record)
    }
    if (skipped > 0)
      warnings.push(
        `price list ${list.name}: ${skipped} record(s) in another currency or for SKUs the catalog does not hold were not imported`,
      )
    const groups = list.customerGroupIds
      .map((id) => input.groupNameById.get(id))
      .filter((name): name is string => name !== undefined)
    const file = found
      ? path.resolve(found.source.file)
      : path.join(input.dir, 'price-lists', `${slugOf(list.name, `price-list-${list.id}`)}.yaml`)
    let fresh = false
    const doc = await input.edits.open(file, 'price-list', () => {
      fresh = true
      return {name: list.name, currency, ...(groups.length > 0 ? {customer_groups: groups} : {}), prices}
    })
    if (fresh) {
      if (!list.active) doc.set('active', false)
      continue
    }
    if (found) {
      if (!sameSet(found.customer_groups ?? [], groups))
        applyOps(
          doc,
          [],
          [
            groups.length > 0
              ? {path: ['customer_groups'], value: groups}
              : {path: ['customer_groups'], remove: true},
          ],
        )
    }
    if (!list.active) doc.set('active', false)
    else if (found?.active === false) doc.set('active', true)
    const current = found?.prices ?? {}
    const spelling = new Map(Object.keys(current).map((sku) => [productMatchKey(sku), sku]))
    for (const [sku, record] of Object.entries(prices)) {
      const key = spelling.get(productMatchKey(sku)) ?? sku
      applyOps(doc, ['prices', key], plainPatch(current[key], record))
      spelling.delete(productMatchKey(sku))
    }
    for (const [lower, sku] of spelling) {
      if (input.selects(sku) && (input.recordSkus.has(lower) ? !(sku in prices) : true))
        doc.deleteIn(['prices', sku])
    }
  }
  return {warnings}
}

function recordYaml(record: PriceListExport['records'][number]): Record<string, unknown> {
  const tiers = (record.bulk_pricing_tiers ?? []).map((tier) => ({
    quantity_min: tier.quantity_min,
    ...(tier.quantity_max ? {quantity_max: tier.quantity_max} : {}),
    type: tier.type,
    amount: tier.amount,
  }))
  return {
    price: record.price,
    ...(record.sale_price === null || record.sale_price === undefined ? {} : {sale_price: record.sale_price}),
    ...(record.retail_price === null || record.retail_price === undefined
      ? {}
      : {retail_price: record.retail_price}),
    ...(tiers.length > 0 ? {tiers} : {}),
  }
}

function mainCurrency(list: PriceListExport): string | undefined {
  const counts = new Map<string, number>()
  for (const record of list.records)
    counts.set(record.currency.toUpperCase(), (counts.get(record.currency.toUpperCase()) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0]
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].map((s) => s.toLowerCase()).sort()
  const y = [...b].map((s) => s.toLowerCase()).sort()
  return x.length === y.length && x.every((item, index) => item === y[index])
}
