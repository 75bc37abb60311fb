import path from 'node:path'

import {isMap, type Document} from 'yaml'

import type {ProductModel, LocationModel, StockModel} from '../model/product.js'
import type {PriceListModel, PriceRecordModel} from '../model/price-list.js'
import type {Change} from '../plan/plan.js'
import type {PlanSession} from '../services/plan-service.js'
import type {PatchOp} from './product-patch.js'

import {schemasDirFor} from '../catalog/scaffold-catalog.js'
import {importTemplate} from '../import/bigcommerce/import-settings.js'
import {productBase} from '../import/bigcommerce/import-products.js'
import {fieldOfPath, productMatchKey} from '../model/kinds.js'
import {CatalogEdits, type FlushResult} from './catalog-edits.js'
import {productPatch} from './product-patch.js'
import {ReverseTemplate} from './reverse-template.js'
import {applyOps} from './yaml-edit.js'

/**
 * `drift --write`: the live values of drifted records written back into the YAML files that declare them —
 * products through the export template in reverse (the same patch as `import bigcommerce`), stock levels
 * into inventory/*.yaml, price records and lists into price-lists/*.yaml, locations into catalogctl.yaml.
 * Only the drifted fields are written; each file keeps its comments, order and formatting (yaml Document
 * API) and is written atomically. Stock in inventory/*.csv is reported, not rewritten.
 */
export async function writeDriftBack(
  session: PlanSession,
  changes: readonly Change[],
): Promise<{files: FlushResult; notes: string[]}> {
  const dir = session.catalog.dir
  const edits = new CatalogEdits(dir, schemasDirFor(path.resolve(dir)))
  const reverse = new ReverseTemplate(session.catalog.template)
  const template = session.catalog.template
  const notes: string[] = []
  for (const change of changes) {
    if (change.action !== 'update' || !change.source) continue
    const file = path.resolve(change.source.file)
    if (file.toLowerCase().endsWith('.csv')) {
      notes.push(
        `${change.kind} ${change.key}: ${change.source.file} is a CSV file; not rewritten (change it by hand or in its source system).`,
      )
      continue
    }
    const doc = await edits.existing(file)
    if (!doc) continue
    const only = new Set(change.fields.map((field) => fieldOfPath(field.path)))
    switch (change.kind) {
      case 'product': {
        const base = productBase(doc, change.key)
        if (base === undefined) break
        const current = (
          base.length === 0 ? doc.toJS() : (doc.getIn(base, true) as {toJSON(): unknown}).toJSON()
        ) as never
        const patch = productPatch(current, change.before as ProductModel, {reverse, template, only})
        notes.push(...patch.warnings)
        applyOps(doc, base, patch.ops)
        break
      }
      case 'stock': {
        const live = change.before as StockModel
        setSpelled(doc, 'stock', live.sku, live.quantity)
        break
      }
      case 'price_record': {
        const live = change.before as PriceRecordModel
        const key = spelledKey(doc, 'prices', live.sku) ?? live.sku
        applyOps(doc, ['prices', key], recordOps(live, only))
        break
      }
      case 'price_list': {
        const live = change.before as PriceListModel
        if (only.has('active')) doc.set('active', live.active)
        break
      }
      case 'location': {
        const live = change.before as LocationModel
        const ops: PatchOp[] = []
        for (const field of change.fields) {
          const pathParts = field.path.split('.')
          const value =
            pathParts[0] === 'address'
              ? live.address[pathParts[1] ?? '']
              : live[pathParts[0] as 'code' | 'label' | 'type']
          ops.push(
            value === undefined || value === null
              ? {path: pathParts, remove: true}
              : {path: pathParts, value},
          )
        }
        applyOps(doc, ['locations', live.key], ops)
        break
      }
      default:
        notes.push(`${change.kind} ${change.key}: not written back (no catalog field holds it).`)
    }
  }
  await importTemplate(edits, dir, reverse.additions())
  return {files: await edits.flush(), notes}
}

function recordOps(live: PriceRecordModel, only: ReadonlySet<string>): PatchOp[] {
  const ops: PatchOp[] = []
  if (only.has('price')) ops.push({path: ['price'], value: live.price})
  for (const field of ['sale_price', 'retail_price'] as const) {
    if (!only.has(field)) continue
    const value = live[field]
    ops.push(value === null ? {path: [field], remove: true} : {path: [field], value})
  }
  if (only.has('tiers')) {
    const tiers = live.tiers.map((tier) => ({
      quantity_min: tier.quantity_min,
      ...(tier.quantity_max ? {quantity_max: tier.quantity_max} : {}),
      type: tier.type,
      amount: tier.amount,
    }))
    ops.push(tiers.length > 0 ? {path: ['tiers'], value: tiers} : {path: ['tiers'], remove: true})
  }
  return ops
}

/** The key of `map` as the file spells it (SKUs match case-insensitively). */
function spelledKey(doc: Document, map: string, sku: string): string | undefined {
  const node = doc.get(map, true)
  if (!isMap(node)) return undefined
  for (const pair of node.items) {
    const key = String((pair.key as {value?: unknown} | null)?.value ?? pair.key)
    if (productMatchKey(key) === productMatchKey(sku)) return key
  }
  return undefined
}

function setSpelled(doc: Document, map: string, sku: string, value: unknown): void {
  doc.setIn([map, spelledKey(doc, map, sku) ?? sku], value)
}
