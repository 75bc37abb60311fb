import type {Product, TemplateFile} from '../catalog/generated/index.js'
import type {ProductModel} from '../model/product.js'

import {desiredProduct} from '../model/desired.js'
import {fieldOfPath, mappableField} from '../model/kinds.js'
import {stringifyAttribute} from '../model/normalise.js'
import {compareRecords, deepEqual} from '../plan/compare-fields.js'
import type {ReverseTemplate} from './reverse-template.js'

/** One edit of a YAML file, relative to the record's node: set a value, or remove the key. */
export type PatchOp = {path: (string | number)[]; value: unknown} | {path: (string | number)[]; remove: true}

export interface ProductPatch {
  ops: PatchOp[]
  /** The model fields the ops write (`price`, `custom_fields`…): what differed. */
  fields: string[]
  warnings: string[]
}

export interface ProductPatchOptions {
  /** The reverse of the template the catalog will have (additions included). */
  reverse: ReverseTemplate
  /** That template as data, to compute what the YAML exports today. */
  template: TemplateFile
  /** Only these model fields (drift --write writes back the drifted fields only); all when absent. */
  only?: ReadonlySet<string>
  /** Fields the store owns (catalogctl.yaml `store_owned_fields`): never written back. */
  skip?: ReadonlySet<string>
}

/** Where a core model field lives in a catalog product, when the template does not redirect it. */
const NATURAL_PATH: Record<string, (string | number)[]> = {
  name: ['name'],
  description: ['description'],
  brand: ['brand'],
  price: ['price'],
  sale_price: ['sale_price'],
  cost_price: ['cost_price'],
  retail_price: ['retail_price'],
  weight: ['weight'],
  width: ['dimensions', 'width'],
  height: ['dimensions', 'height'],
  depth: ['dimensions', 'depth'],
  availability: ['availability'],
}
/** Template `fields:` target of a core model field (src/model/desired.ts CORE_FIELD_OF_TARGET reversed). */
const TARGET_OF_FIELD: Record<string, string> = {brand: 'brand_name'}
const REQUIRED = new Set(['name', 'price'])
const DEFAULTS: Record<string, unknown> = {
  description: '',
  brand: null,
  sale_price: 0,
  cost_price: 0,
  retail_price: 0,
  weight: 0,
  width: 0,
  height: 0,
  depth: 0,
  availability: 'available',
}

/**
 * The edits that make a catalog product (as written in YAML) export what the store holds (`live`), through
 * the export template in reverse. Pure. Only fields whose exported value differs from live are touched,
 * and within them only the keys that differ (an attribute, a dimension), so a file's other values,
 * comments and order stay as they are. Used by `import bigcommerce` (a new product starts from a skeleton
 * of sku, name and price) and `drift --write` (restricted to the drifted fields).
 */
export function productPatch(
  current: Product,
  live: ProductModel,
  options: ProductPatchOptions,
): ProductPatch {
  const exported = desiredProduct(current, options.template)
  const differing = new Set(
    compareRecords('product', exported, live, 'all').map((change) => fieldOfPath(change.path)),
  )
  const ops: PatchOp[] = []
  const warnings: string[] = []
  const fields: string[] = []
  for (const field of differing) {
    if (options.only && !options.only.has(field)) continue
    if (options.skip?.has(field)) continue
    const before = ops.length
    writeField(field, current, live, options.reverse, ops, warnings)
    if (ops.length > before) fields.push(field)
  }
  return {ops, fields, warnings}
}

function writeField(
  field: string,
  current: Product,
  live: ProductModel,
  reverse: ReverseTemplate,
  ops: PatchOp[],
  warnings: string[],
): void {
  const attributes = (current.attributes ?? {}) as Record<string, unknown>
  switch (field) {
    case 'is_visible':
      if (!live.is_visible) ops.push({path: ['status'], value: 'inactive'})
      else if (current.status !== undefined) ops.push({path: ['status'], value: 'active'})
      return
    case 'type':
      if (live.type === 'digital') ops.push({path: ['type'], value: 'digital'})
      else if (current.type !== undefined) ops.push({path: ['type'], remove: true})
      return
    case 'categories': {
      const known = live.categories.filter((path) => !path.startsWith('#'))
      if (known.length < live.categories.length)
        warnings.push(`${live.sku}: categories ${unknownOf(live.categories)} are not in the category tree`)
      ops.push(known.length > 0 ? {path: ['categories'], value: known} : {path: ['categories'], remove: true})
      return
    }
    case 'images': {
      const images = live.images.map((image) => (image.alt === '' ? {url: image.url} : {...image}))
      ops.push(images.length > 0 ? {path: ['images'], value: images} : {path: ['images'], remove: true})
      return
    }
    case 'custom_fields':
      writeCustomFields(attributes, live, reverse, ops, warnings)
      return
    case 'metafields':
      writeMetafields(attributes, live, reverse, ops)
      return
    case 'mapped':
      for (const [target, value] of Object.entries(live.mapped)) {
        const source = reverse.fieldSource(target) ?? reverse.ensureMappedField(target)
        const path = source.split('.')
        const now = readPath(current, path)
        if (now !== undefined && String(now) === String(value)) continue
        if (value === mappableField(target).default) {
          if (now !== undefined) ops.push({path, remove: true})
        } else ops.push({path, value})
      }
      return
    case 'inventory_tracking':
      // Follows from inventory/ (stock for a product without variants sets it): nothing to write here.
      return
    default:
      writeCore(field, current, live, reverse, ops, warnings)
  }
}

function writeCore(
  field: string,
  current: Product,
  live: ProductModel,
  reverse: ReverseTemplate,
  ops: PatchOp[],
  warnings: string[],
): void {
  const value = (live as unknown as Record<string, unknown>)[field]
  if (field === 'brand' && typeof value === 'string' && value.startsWith('#')) {
    warnings.push(`${live.sku}: brand ${value} is not in the store's brand list; left as it is`)
    return
  }
  const source = reverse.fieldSource(TARGET_OF_FIELD[field] ?? field)
  const path = source !== undefined ? source.split('.') : NATURAL_PATH[field]
  if (!path) return
  if (!REQUIRED.has(field) && deepEqual(value, DEFAULTS[field])) {
    if (readPath(current, path) !== undefined) ops.push({path, remove: true})
    return
  }
  ops.push({path, value})
}

function writeCustomFields(
  attributes: Record<string, unknown>,
  live: ProductModel,
  reverse: ReverseTemplate,
  ops: PatchOp[],
  warnings: string[],
): void {
  const byName = new Map<string, string[]>()
  for (const field of live.custom_fields)
    byName.set(field.name, [...(byName.get(field.name) ?? []), field.value])
  const wanted = new Map<string, string>()
  for (const [name, values] of byName) {
    if (values.length > 1)
      warnings.push(
        `${live.sku}: custom field "${name}" has ${values.length} values; an attribute holds one, kept ${JSON.stringify(values[0])}`,
      )
    const attribute = reverse.customFieldAttribute(name) ?? reverse.ensureCustomField(name)
    wanted.set(attribute, values[0] ?? '')
  }
  for (const [attribute, value] of wanted) {
    const now = attributes[attribute]
    if (now !== undefined && now !== null && stringifyAttribute(now as string).trim() === value) continue
    ops.push({path: ['attributes', attribute], value: typedLike(now, value)})
  }
  for (const attribute of reverse.customFieldAttributes(attributes)) {
    if (wanted.has(attribute) || !(attribute in attributes)) continue
    if (exportsSomething(attributes[attribute])) ops.push({path: ['attributes', attribute], remove: true})
  }
}

function writeMetafields(
  attributes: Record<string, unknown>,
  live: ProductModel,
  reverse: ReverseTemplate,
  ops: PatchOp[],
): void {
  const wanted = new Map<string, string>()
  for (const metafield of live.metafields) {
    const attribute =
      reverse.metafieldAttribute(metafield.namespace, metafield.key) ??
      reverse.ensureMetafield(metafield.namespace, metafield.key, metafield.permission_set)
    wanted.set(attribute, metafield.value)
  }
  for (const [attribute, value] of wanted) {
    const now = attributes[attribute]
    if (now !== undefined && now !== null && stringifyAttribute(now as string).trim() === value.trim())
      continue
    ops.push({path: ['attributes', attribute], value: typedLike(now, value)})
  }
  for (const attribute of reverse.metafieldAttributes()) {
    if (wanted.has(attribute) || !(attribute in attributes)) continue
    if (exportsSomething(attributes[attribute])) ops.push({path: ['attributes', attribute], remove: true})
  }
}

/** Keeps a number a number (`warranty_years: 2` → 3, not '3') when the live text is that number. */
function typedLike(now: unknown, value: string): string | number | boolean {
  if (typeof now === 'number' && value.trim() !== '' && String(Number(value)) === value) return Number(value)
  if (typeof now === 'boolean' && (value === 'true' || value === 'false')) return value === 'true'
  return value
}

function exportsSomething(value: unknown): boolean {
  return value !== undefined && value !== null && stringifyAttribute(value as string).trim() !== ''
}

function readPath(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string | number, unknown>)[segment]
  }
  return current
}

function unknownOf(paths: readonly string[]): string {
  return paths.filter((path) => path.startsWith('#')).join(', ')
}
