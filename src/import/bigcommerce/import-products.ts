import path from 'node:path'

import {isMap, isSeq, type Document} from 'yaml'

import type {LoadedProduct} from '../../catalog/index.js'
import type {Product, TemplateFile} from '../../catalog/generated/index.js'
import type {ProductModel} from '../../model/product.js'
import type {CatalogEdits} from '../../writeback/catalog-edits.js'
import type {ReverseTemplate} from '../../writeback/reverse-template.js'
import type {VariantJson} from './read-store-export.js'

import {productMatchKey} from '../../model/kinds.js'
import {listByKeyPatch} from '../../writeback/plain-patch.js'
import {productPatch, type PatchOp} from '../../writeback/product-patch.js'
import {productFileName} from '../../writeback/sku-file-name.js'
import {applyOps} from '../../writeback/yaml-edit.js'
import {variantsOf} from './variant-yaml.js'

export type ProductLayout = 'one-per-file' | 'single-file'

/** Key order of a product file written new (the example catalog's order). */
const PRODUCT_KEY_ORDER = [
  'sku',
  'name',
  'type',
  'brand',
  'description',
  'price',
  'sale_price',
  'cost_price',
  'retail_price',
  'weight',
  'dimensions',
  'status',
  'availability',
  'categories',
  'images',
  'attributes',
  'option_order',
  'variants',
]

export interface ProductImportInput {
  edits: CatalogEdits
  dir: string
  layout: ProductLayout
  reverse: ReverseTemplate
  template: TemplateFile
  /** Live products to write (the --sku selection applied), with their raw variants. */
  live: {model: ProductModel; id: number}[]
  variantsByProduct: ReadonlyMap<number, VariantJson[]>
  /** The catalog's products today (empty for a first import). */
  existing: readonly LoadedProduct[]
  /** Catalog products the selection covers that the store no longer has. */
  prune: boolean
  selects(sku: string): boolean
}

export interface ProductImportResult {
  created: number
  updated: number
  unchanged: number
  pruned: number
  /** Catalog products not in the store, kept (no --prune). */
  missing: string[]
  warnings: string[]
  /** Lower-cased SKUs of products with variants (their stock and prices are per variant). */
  withVariants: Set<string>
  /** Lower-cased SKUs of every product and variant the catalog holds after the import. */
  catalogSkus: Set<string>
  /** Lower-cased SKUs of products removed by --prune. */
  prunedSkus: Set<string>
}

/**
 * Writes the live products into the catalog: a product the catalog has is patched in its own file (only
 * the values that differ), a new one gets its own file named from its SKU (src/writeback/sku-file-name.ts)
 * or joins products/products.yaml (`--layout single-file`). Catalog products the store lacks are kept and
 * listed, or removed with --prune (the file, or the item of a list file).
 */
export async function importProducts(input: ProductImportInput): Promise<ProductImportResult> {
  const result: ProductImportResult = {
    created: 0,
    updated: 0,
    unchanged: 0,
    pruned: 0,
    missing: [],
    warnings: [],
    withVariants: new Set(),
    catalogSkus: new Set(),
    prunedSkus: new Set(),
  }
  const existingByKey = new Map(input.existing.map((product) => [productMatchKey(product.sku), product]))
  const liveKeys = new Set<string>()
  const usedFiles = new Set<string>()

  for (const {model, id} of input.live) {
    const key = productMatchKey(model.sku)
    liveKeys.add(key)
    const variants = variantsOf(input.variantsByProduct.get(id) ?? [])
    if (variants.length > 0) result.withVariants.add(key)
    const found = existingByKey.get(key)
    const patchOf = (current: Product): PatchOp[] => {
      const patch = productPatch(current, model, {reverse: input.reverse, template: input.template})
      return [
        ...patch.ops,
        ...listByKeyPatch(
          current.variants as Record<string, unknown>[] | undefined,
          variants as unknown as Record<string, unknown>[],
          ['variants'],
          'sku',
        ),
      ]
    }
    // Cheap first look with the loaded product: most products of a re-import are unchanged, and parsing
    // 10,000 files into Documents costs more than the rest of the import.
    if (found && patchOf(withoutSource(found)).length === 0) {
      result.unchanged++
      continue
    }
    const file = found ? path.resolve(found.source.file) : undefined
    const doc = file ? await input.edits.existing(file) : null
    const base = found && doc ? productBase(doc, found.sku) : undefined
    if (found && (!doc || base === undefined)) {
      result.warnings.push(`${found.sku}: not found again in ${found.source.file}; left as it is`)
      continue
    }
    // The product as written (the loader fills schema defaults in; a patch must compare with the file).
    const current: Product =
      doc && base ? (nodeValue(doc, base) as Product) : {sku: model.sku, name: model.name, price: model.price}
    result.warnings.push(
      ...productPatch(current, model, {reverse: input.reverse, template: input.template}).warnings,
    )
    const ops = patchOf(current)
    if (doc && base) {
      if (ops.length === 0) result.unchanged++
      else {
        applyOps(doc, base, ops)
        result.updated++
      }
    } else {
      await writeNewProduct(input, current, ops, usedFiles)
      result.created++
    }
  }

  for (const product of input.existing) {
    const key = productMatchKey(product.sku)
    if (liveKeys.has(key) || !input.selects(product.sku)) {
      result.catalogSkus.add(key)
      for (const variant of product.variants ?? []) result.catalogSkus.add(productMatchKey(variant.sku))
      if ((product.variants?.length ?? 0) > 0) result.withVariants.add(key)
      continue
    }
    if (!input.prune) {
      result.missing.push(product.sku)
      result.catalogSkus.add(key)
      for (const variant of product.variants ?? []) result.catalogSkus.add(productMatchKey(variant.sku))
      continue
    }
    await pruneProduct(input.edits, product)
    result.pruned++
    result.prunedSkus.add(key)
    for (const variant of product.variants ?? []) result.prunedSkus.add(productMatchKey(variant.sku))
  }
  for (const {model, id} of input.live) {
    result.catalogSkus.add(productMatchKey(model.sku))
    for (const json of input.variantsByProduct.get(id) ?? []) {
      if (json.sku && (json.option_values ?? []).length > 0) result.catalogSkus.add(productMatchKey(json.sku))
    }
  }
  return result
}

async function writeNewProduct(
  input: ProductImportInput,
  skeleton: Product,
  ops: readonly PatchOp[],
  usedFiles: Set<string>,
): Promise<void> {
  const productsDir = path.join(input.dir, 'products')
  if (input.layout === 'single-file') {
    const doc = await input.edits.open(path.join(productsDir, 'products.yaml'), 'product', () => [])
    if (!isSeq(doc.contents)) throw new Error('products/products.yaml does not hold a list of products')
    const index = doc.contents.items.length
    doc.contents.items.push(doc.createNode(skeleton))
    applyOps(doc, [index], ops)
    orderKeys(doc, [index])
    return
  }
  // Names are unique by construction; the suffix only guards against a hand-made file of the same name.
  const first = productFileName(skeleton.sku)
  let name = first
  for (let n = 2; usedFiles.has(name) || (await input.edits.existing(path.join(productsDir, name))); n++) {
    if (n > 1000) throw new Error(`no free file name for ${skeleton.sku}`)
    name = first.replace(/\.yaml$/, `-${n}.yaml`)
  }
  usedFiles.add(name)
  const doc = await input.edits.open(path.join(productsDir, name), 'product', () => skeleton)
  applyOps(doc, [], ops)
  orderKeys(doc, [])
}

/** The path of a product's node in its file: `[]` for a one-product file, `[index]` in a list. */
export function productBase(doc: Document, sku: string): (string | number)[] | undefined {
  const key = productMatchKey(sku)
  if (isMap(doc.contents)) return productMatchKey(String(doc.contents.get('sku'))) === key ? [] : undefined
  if (!isSeq(doc.contents)) return undefined
  const index = doc.contents.items.findIndex(
    (item) => isMap(item) && productMatchKey(String(item.get('sku'))) === key,
  )
  return index === -1 ? undefined : [index]
}

async function pruneProduct(edits: CatalogEdits, product: LoadedProduct): Promise<void> {
  const file = path.resolve(product.source.file)
  const doc = await edits.existing(file)
  if (!doc) return
  const base = productBase(doc, product.sku)
  if (base === undefined) return
  if (base.length === 0) {
    edits.remove(file)
    return
  }
  doc.deleteIn(base)
  if (isSeq(doc.contents) && doc.contents.items.length === 0) edits.remove(file)
}

function orderKeys(doc: Document, base: (string | number)[]): void {
  const node = base.length === 0 ? doc.contents : doc.getIn(base, true)
  if (!isMap(node)) return
  const rank = (key: unknown): number => {
    const index = PRODUCT_KEY_ORDER.indexOf(String(key))
    return index === -1 ? PRODUCT_KEY_ORDER.length : index
  }
  node.items.sort((a, b) => rank(isScalarKey(a.key)) - rank(isScalarKey(b.key)))
}

function isScalarKey(key: unknown): unknown {
  return typeof key === 'object' && key !== null && 'value' in key ? (key as {value: unknown}).value : key
}

function nodeValue(doc: Document, base: (string | number)[]): unknown {
  return base.length === 0 ? doc.toJS() : (doc.getIn(base, true) as {toJSON(): unknown}).toJSON()
}

function withoutSource(product: LoadedProduct): Product {
  const {source: _source, ...rest} = product
  return rest
}
