import {createHash} from 'node:crypto'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {isDeepStrictEqual} from 'node:util'

import type {Document} from 'yaml'

import type {LoadedCatalog} from '../../catalog/index.js'
import type {CatalogDocuments} from './catalog-documents.js'
import type {FieldValue, ImportBatch, ImportedProduct, ImportedVariant, RowProblem} from './import-batch.js'
import {appendItem, findItem, isMap, isSeq, setValue, YAMLSeq} from './yaml-edit.js'
import type {YAMLMap} from './yaml-edit.js'

export type ImportMode = 'merge' | 'update' | 'replace-stock' | 'replace-prices'

export interface ProductCounts {
  created: number
  updated: number
  unchanged: number
  variantsCreated: number
}

/** Where each SKU of the catalog lives: products by SKU, variants by their product's SKU (lower case). */
export interface CatalogIndex {
  absDir: string
  /** The loaded (js-yaml parsed) products by SKU: compared first, so unchanged files are never re-parsed. */
  products: Map<string, LoadedCatalog['products'][number]>
  productFile: Map<string, string>
  variantParent: Map<string, string>
  /** Every SKU (products and variants, lower case), including those this import creates. */
  known: Set<string>
}

const productOrder = [
  'sku',
  'name',
  'type',
  'description',
  'brand',
  'price',
  'sale_price',
  'cost_price',
  'retail_price',
  'weight',
]
const dimensionFields = new Set(['width', 'height', 'depth'])

export function indexCatalog(loaded: LoadedCatalog, absDir: string): CatalogIndex {
  const productFile = new Map<string, string>()
  const variantParent = new Map<string, string>()
  const known = new Set<string>()
  const products = new Map<string, LoadedCatalog['products'][number]>()
  for (const product of loaded.products) {
    const key = product.sku.toLowerCase()
    products.set(key, product)
    productFile.set(key, toRel(absDir, product.source.file))
    known.add(key)
    for (const variant of product.variants ?? []) {
      variantParent.set(variant.sku.toLowerCase(), key)
      known.add(variant.sku.toLowerCase())
    }
  }
  return {absDir, products, productFile, variantParent, known}
}

export function toRel(absDir: string, displayFile: string): string {
  return path.relative(absDir, path.resolve(displayFile)).split(path.sep).join('/')
}

/**
 * Merges the feed's products and variants into the catalog: existing products get only the fields the
 * feed maps (in their own file, comments kept); new ones get a file of their own (merge mode), or are
 * reported (update mode). Returns the category paths the imported products use.
 */
export function mergeProducts(
  batch: ImportBatch,
  mode: 'merge' | 'update',
  index: CatalogIndex,
  docs: CatalogDocuments,
  options: {
    layout: string
    modeline: (rel: string) => string
    columnOf: (field: string) => string | undefined
  },
): {counts: ProductCounts; problems: RowProblem[]; categories: Set<string>} {
  const counts: ProductCounts = {created: 0, updated: 0, unchanged: 0, variantsCreated: 0}
  const problems: RowProblem[] = []
  const categories = new Set<string>()
  const touched = new Map<string, boolean>()
  const note = (sku: string, changed: boolean): void => {
    touched.set(sku.toLowerCase(), (touched.get(sku.toLowerCase()) ?? false) || changed)
  }
  const unknown = (row: number, sku: string, what: string): void => {
    problems.push({
      row,
      sku,
      ...column('sku'),
      reason: `${what} ${sku} is not in the catalog (update mode changes existing products only)`,
    })
  }
  const column = (field: string): {column?: string} => {
    const name = options.columnOf(field)
    return name ? {column: name} : {}
  }

  for (const product of batch.products) {
    for (const category of (product.fields.categories as string[] | undefined) ?? []) categories.add(category)
    const key = product.sku.toLowerCase()
    const file = index.productFile.get(key)
    if (file) {
      const current = index.products.get(key)
      if (current && !docs.has(file) && !productDiffers(current, product, mode)) {
        note(product.sku, false)
        continue
      }
      const {doc, node} = productNode(docs, file, product.sku)
      if (node && mode === 'update')
        for (const variant of product.variants.filter((v) => !variantNode(node, v.sku)))
          unknown(variant.row, variant.sku, 'variant SKU')
      const changed = node ? updateProduct(doc, node, product, counts, mode) : false
      if (changed) docs.markDirty(file)
      docs.settle(file)
      note(product.sku, changed)
      continue
    }
    const parent = index.variantParent.get(key)
    if (parent) {
      // A feed that lists variant SKUs as plain rows (stock or price feeds often do): update the variant.
      const parentFile = index.productFile.get(parent) ?? ''
      const {doc, node} = productNode(docs, parentFile, parent)
      const variant = node ? variantNode(node, product.sku) : undefined
      const changed = variant
        ? setFields(doc, variant, variantOnly(product.fields), product.attributes)
        : false
      if (changed) docs.markDirty(parentFile)
      note(parent, changed)
      continue
    }
    if (mode === 'update') {
      unknown(product.row, product.sku, 'SKU')
      continue
    }
    const missing = ['name', 'price'].filter((field) => product.fields[field] === undefined)
    if (missing.length > 0) {
      for (const field of missing)
        problems.push({
          row: product.row,
          sku: product.sku,
          ...column(field),
          reason: `a new product needs a ${field}, and the cell is empty`,
        })
      continue
    }
    const rel = newProductFile(product.sku, options.layout, docs)
    docs.createProduct(rel, buildProduct(product), options.modeline(rel))
    index.productFile.set(key, rel)
    index.known.add(key)
    for (const variant of product.variants) index.known.add(variant.sku.toLowerCase())
    counts.created++
  }

  for (const variant of batch.orphanVariants) {
    const parentKey = variant.parentSku.toLowerCase()
    const file = index.productFile.get(parentKey)
    if (!file) {
      problems.push({
        row: variant.row,
        sku: variant.sku,
        ...column('parent_sku'),
        reason: `parent SKU ${variant.parentSku} is neither a product row of the file nor a product of the catalog`,
      })
      continue
    }
    const {doc, node} = productNode(docs, file, variant.parentSku)
    if (!node) continue
    const exists = variantNode(node, variant.sku) !== undefined
    if (!exists && mode === 'update') {
      unknown(variant.row, variant.sku, 'variant SKU')
      continue
    }
    const changed = mergeVariant(doc, node, variant, counts)
    if (changed) docs.markDirty(file)
    if (!exists) index.known.add(variant.sku.toLowerCase())
    note(variant.parentSku, changed)
  }
  for (const changed of touched.values()) {
    if (changed) counts.updated++
    else counts.unchanged++
  }
  return {counts, problems, categories}
}

/**
 * Whether merging would change anything, judged on the loaded product (schema defaults applied, so a feed
 * saying `status: active` to a file that leaves it out changes nothing). A nightly feed mostly repeats
 * what the catalog has: only the products that differ are parsed with the (slower) Document API.
 */
function productDiffers(
  current: LoadedCatalog['products'][number],
  product: ImportedProduct,
  mode: 'merge' | 'update',
): boolean {
  if (fieldsDiffer(current, product.fields, product.attributes)) return true
  return product.variants.some((variant) => {
    const existing = current.variants?.find((v) => v.sku.toLowerCase() === variant.sku.toLowerCase())
    if (!existing) return mode === 'merge'
    if (Object.entries(variant.options).some(([option, value]) => String(existing.options[option]) !== value))
      return true
    return fieldsDiffer(existing, variant.fields, variant.attributes)
  })
}

function fieldsDiffer(
  current: object,
  fields: Record<string, unknown>,
  attributes: Record<string, FieldValue>,
): boolean {
  const record = current as Record<string, unknown> & {
    dimensions?: Record<string, unknown>
    attributes?: Record<string, unknown>
  }
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'images') {
      const urls = (Array.isArray(record.images) ? (record.images as Array<{url?: string}>) : []).map(
        (image) => image.url,
      )
      if (
        !isDeepStrictEqual(
          urls,
          (value as Array<{url: string}>).map((image) => image.url),
        )
      )
        return true
    } else if (
      !isDeepStrictEqual(dimensionFields.has(field) ? record.dimensions?.[field] : record[field], value)
    )
      return true
  }
  return Object.entries(attributes).some(([name, value]) => record.attributes?.[name] !== value)
}

function productNode(
  docs: CatalogDocuments,
  rel: string,
  sku: string,
): {doc: Document; node: YAMLMap | undefined} {
  const doc = docs.open(rel)
  const contents = doc.contents
  if (isMap(contents)) return {doc, node: contents}
  if (isSeq(contents)) return {doc, node: findItem(contents, 'sku', sku)}
  return {doc, node: undefined}
}

function variantNode(product: YAMLMap, sku: string): YAMLMap | undefined {
  const variants = product.get('variants', true)
  return isSeq(variants) ? findItem(variants, 'sku', sku) : undefined
}

function updateProduct(
  doc: Document,
  node: YAMLMap,
  product: ImportedProduct,
  counts: ProductCounts,
  mode: 'merge' | 'update',
): boolean {
  let changed = setFields(doc, node, product.fields, product.attributes)
  for (const variant of product.variants)
    if (mode === 'merge' || variantNode(node, variant.sku))
      changed = mergeVariant(doc, node, variant, counts) || changed
  return changed
}

function mergeVariant(
  doc: Document,
  product: YAMLMap,
  variant: ImportedVariant,
  counts: ProductCounts,
): boolean {
  const existing = variantNode(product, variant.sku)
  if (existing) {
    // Only the options the feed maps: a feed with a Size column leaves Color alone.
    let changed = false
    for (const [option, value] of Object.entries(variant.options))
      changed = setValue(doc, existing, ['options', option], value) || changed
    return setFields(doc, existing, variant.fields, variant.attributes) || changed
  }
  const current: unknown = product.get('variants', true)
  let variants: YAMLSeq
  if (isSeq(current)) variants = current
  else {
    variants = new YAMLSeq()
    product.set('variants', variants)
  }
  appendItem(doc, variants, buildVariant(variant))
  counts.variantsCreated++
  return true
}

/** Sets the given fields on a product or variant node; images keep the alt text of URLs they already had. */
function setFields(
  doc: Document,
  node: YAMLMap,
  fields: Record<string, unknown>,
  attributes: Record<string, FieldValue>,
): boolean {
  let changed = false
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'images') changed = setImages(doc, node, value as Array<{url: string}>) || changed
    else
      changed =
        setValue(doc, node, dimensionFields.has(field) ? ['dimensions', field] : [field], value) || changed
  }
  for (const [name, value] of Object.entries(attributes))
    changed = setValue(doc, node, ['attributes', name], value) || changed
  return changed
}

function setImages(doc: Document, node: YAMLMap, images: Array<{url: string}>): boolean {
  const current = (node.get('images', true) as {toJSON?: () => unknown} | undefined)?.toJSON?.()
  const byUrl = new Map(
    (Array.isArray(current) ? (current as Array<{url?: string}>) : []).map((image) => [image.url, image]),
  )
  return setValue(
    doc,
    node,
    ['images'],
    images.map((image) => byUrl.get(image.url) ?? image),
  )
}

function variantOnly(fields: Record<string, unknown>): Record<string, unknown> {
  const allowed = new Set([
    'price',
    'sale_price',
    'cost_price',
    'retail_price',
    'weight',
    'width',
    'height',
    'depth',
    'gtin',
    'upc',
    'mpn',
  ])
  return Object.fromEntries(Object.entries(fields).filter(([field]) => allowed.has(field)))
}

/** A new product in the catalog's field order. */
export function buildProduct(product: ImportedProduct): Record<string, unknown> {
  const out: Record<string, unknown> = {sku: product.sku}
  for (const field of productOrder)
    if (product.fields[field] !== undefined && field !== 'sku') out[field] = product.fields[field]
  const dimensions = pickDimensions(product.fields)
  if (dimensions) out.dimensions = dimensions
  for (const field of ['status', 'availability', 'categories', 'images'])
    if (product.fields[field] !== undefined) out[field] = product.fields[field]
  if (Object.keys(product.attributes).length > 0) out.attributes = product.attributes
  if (product.variants.length > 0) out.variants = product.variants.map(buildVariant)
  return out
}

function buildVariant(variant: ImportedVariant): Record<string, unknown> {
  const out: Record<string, unknown> = {sku: variant.sku, options: variant.options}
  for (const [field, value] of Object.entries(variant.fields))
    if (!dimensionFields.has(field)) out[field] = value
  const dimensions = pickDimensions(variant.fields)
  if (dimensions) out.dimensions = dimensions
  if (Object.keys(variant.attributes).length > 0) out.attributes = variant.attributes
  return out
}

function pickDimensions(fields: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(fields).filter(([field]) => dimensionFields.has(field))
  return entries.length > 0 ? Object.fromEntries(entries) : undefined
}

/**
 * A file name for a new product, safe for any SKU: lower case, characters other than letters, digits,
 * `.`, `_` and `-` become `-`. When that loses information (`A/B` and `A-B`), or the name is taken, a
 * short hash of the SKU keeps names apart.
 */
export function newProductFile(sku: string, layout: string, docs: CatalogDocuments): string {
  const lower = sku.toLowerCase()
  let safe = lower.replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '')
  const hash = createHash('sha256').update(sku).digest('hex').slice(0, 8)
  if (safe !== lower || safe === '') safe = safe === '' ? hash : `${safe}-${hash}`
  let rel = `products/${layout.replaceAll('{sku}', safe)}`
  if (docs.has(rel) || existsSync(path.join(docs.absDir, rel)))
    rel = `products/${layout.replaceAll('{sku}', `${safe}-${hash}`)}`
  return rel
}
