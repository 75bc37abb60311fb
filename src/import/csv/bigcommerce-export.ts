import type {FieldValue, ImportBatch, ImportedProduct, ImportedVariant, RowProblem} from './import-batch.js'
import {emptyBatch} from './import-batch.js'
import type {FeedTable} from './read-feed.js'
import {toNumber} from './transforms.js'

/**
 * BigCommerce's own product CSV exports, read without a mapping file (support.bigcommerce.com "Supported
 * Product Fields", "Complex Attributes", "Updating via Import"; ../shared/docs/ecosystem.md §C):
 *
 * - current layout: an `Item` column with `Product`, `Variant`, `Image` (and `Video`) rows; variant
 *   options as `Type=…|Name=Size|Value=M` groups joined by `;`; custom fields as `name=value;…`;
 * - legacy layout: `Item Type` with `Product`, `SKU` and `Rule` rows; SKU options in `Product Name` as
 *   `[RB]Size=S,[RT]Color=Navy`; a Rule row's `Price` `[FIXED]30` or `[ADD]2` sets a variant price.
 *
 * Variant, Image, SKU and Rule rows belong to the Product row above them. Ids (product, brand,
 * category ids) mean nothing outside their store and are not imported.
 */
export type ExportLayout = 'bigcommerce-current' | 'bigcommerce-legacy'

export function detectExportLayout(header: string[]): ExportLayout | undefined {
  if (header.includes('Item') && header.includes('SKU') && header.includes('Name'))
    return 'bigcommerce-current'
  if (header.includes('Item Type') && header.includes('Product Code/SKU') && header.includes('Product Name'))
    return 'bigcommerce-legacy'
  return undefined
}

interface Columns {
  item: string
  sku: string
  name: string
  type: string
  description: string
  brand: string[]
  price: string
  salePrice: string
  costPrice: string
  retailPrice: string
  weight: string
  width: string
  height: string
  depth: string
  visible: string
  stock: string
  categories: string
  customFields: string
  upc: string
  mpn: string
  gtin: string
}

const current: Columns = {
  item: 'Item',
  sku: 'SKU',
  name: 'Name',
  type: 'Type',
  description: 'Description',
  brand: ['Brand', 'Brand Name'],
  price: 'Price',
  salePrice: 'Sale Price',
  costPrice: 'Cost Price',
  retailPrice: 'Retail Price',
  weight: 'Weight',
  width: 'Width',
  height: 'Height',
  depth: 'Depth',
  visible: 'Is Visible',
  stock: 'Current Stock',
  categories: 'Categories',
  customFields: 'Custom Fields',
  upc: 'UPC/EAN',
  mpn: 'Manufacturer Part Number',
  gtin: 'Global Trade Number',
}

const legacy: Columns = {
  item: 'Item Type',
  sku: 'Product Code/SKU',
  name: 'Product Name',
  type: 'Product Type',
  description: 'Product Description',
  brand: ['Brand Name'],
  price: 'Price',
  salePrice: 'Sale Price',
  costPrice: 'Cost Price',
  retailPrice: 'Retail Price',
  weight: 'Product Weight',
  width: 'Product Width',
  height: 'Product Height',
  depth: 'Product Depth',
  visible: 'Product Visible?',
  stock: 'Current Stock Level',
  categories: 'Category',
  customFields: 'Product Custom Fields',
  upc: 'Product UPC/EAN',
  mpn: 'Manufacturer Part Number',
  gtin: 'GPS Global Trade Item Number',
}

/** Which column a catalog field came from, for row messages. */
export function exportColumnOf(layout: ExportLayout, field: string): string | undefined {
  const columns = layout === 'bigcommerce-current' ? current : legacy
  const byField: Record<string, string | undefined> = {
    sku: columns.sku,
    name: columns.name,
    price: columns.price,
    parent_sku: columns.item,
  }
  return byField[field]
}

/**
 * Converts an export into an ImportBatch. `stockLocation` is the catalog location key that BigCommerce's
 * single `Current Stock` column is written to (the location with id 1, the store's default), or
 * undefined to leave stock out.
 */
export function mapExport(
  table: FeedTable,
  layout: ExportLayout,
  stockLocation: string | undefined,
): ImportBatch {
  const c = layout === 'bigcommerce-current' ? current : legacy
  const batch = emptyBatch(layout)
  if (stockLocation) batch.locations = [stockLocation]
  const at = new Map(table.header.map((name, i) => [name, i]))
  let product: (ImportedProduct & {stock?: {quantity: number; row: number}}) | undefined
  let skipping = false
  const products: Array<typeof product & object> = []
  const seen = new Map<string, number>()

  for (const {line, cells} of table.rows) {
    batch.rows++
    const cell = (column: string): string => (cells[at.get(column) ?? -1] ?? '').trim()
    const problems: RowProblem[] = []
    const number = (column: string): number | undefined => {
      const text = cell(column)
      if (text === '') return undefined
      const parsed = toNumber(text, false)
      if (parsed.ok && typeof parsed.value === 'number' && parsed.value >= 0) return parsed.value
      problems.push({row: line, column, reason: `${JSON.stringify(text)} is not a number ≥ 0`})
      return undefined
    }
    const kind = cell(c.item)
    if (kind === 'Product') {
      const sku = cell(c.sku)
      skipping = false
      if (!sku) {
        batch.problems.push({
          row: line,
          column: c.sku,
          reason: 'the product has no SKU; catalogctl keys products by SKU',
        })
        skipping = true
        continue
      }
      const fields: Record<string, unknown> = {}
      const put = (field: string, value: unknown): void => {
        if (value !== undefined && value !== '') fields[field] = value
      }
      put('name', cell(c.name))
      put('type', productType(cell(c.type)))
      put('description', cell(c.description))
      put(
        'brand',
        c.brand.map(cell).find((value) => value !== ''),
      )
      put('price', number(c.price))
      put('sale_price', positive(number(c.salePrice)))
      put('cost_price', positive(number(c.costPrice)))
      put('retail_price', positive(number(c.retailPrice)))
      put('weight', number(c.weight))
      put('width', positive(number(c.width)))
      put('height', positive(number(c.height)))
      put('depth', positive(number(c.depth)))
      const visible = cell(c.visible)
      if (visible !== '') put('status', /^(y|yes|true|1)$/i.test(visible) ? 'active' : 'inactive')
      const categories = categoryPaths(cell(c.categories), layout)
      if (categories.length > 0) put('categories', categories)
      const images = legacyImages(cells, table.header)
      if (images.length > 0) put('images', images)
      const stock = number(c.stock)
      if (problems.length > 0) {
        batch.problems.push(...problems.map((p) => ({...p, sku})))
        skipping = true
        continue
      }
      const first = seen.get(sku.toLowerCase())
      if (first !== undefined) {
        batch.problems.push({row: line, column: c.sku, sku, reason: `SKU ${sku} is also on row ${first}`})
        skipping = true
        continue
      }
      seen.set(sku.toLowerCase(), line)
      product = {sku, row: line, fields, attributes: customFields(cell(c.customFields)), variants: []}
      if (stock !== undefined) product.stock = {quantity: Math.trunc(stock), row: line}
      products.push(product)
      continue
    }
    if (kind === 'Variant' || kind === 'SKU' || kind === 'Rule' || kind === 'Image' || kind === 'Video') {
      if (skipping) {
        batch.problems.push({
          row: line,
          column: c.item,
          reason: `skipped with its product row above, which failed`,
        })
        continue
      }
      if (!product) {
        batch.problems.push({row: line, column: c.item, reason: `a ${kind} row must follow its Product row`})
        continue
      }
    }
    if (!product) {
      batch.problems.push({
        row: line,
        column: c.item,
        reason: `unknown ${c.item} ${JSON.stringify(kind)} (expected Product, ${layout === 'bigcommerce-current' ? 'Variant or Image' : 'SKU or Rule'})`,
      })
      continue
    }
    if (kind === 'Image') {
      const url = cell('Image URL (Import)') || cell('Internal Image URL (Export)')
      if (!url) continue
      const alt = cell('Image Description')
      const images = (product.fields.images as Array<{url: string; alt?: string}> | undefined) ?? []
      const image = alt ? {url, alt} : {url}
      if (/^(true|yes|y|1)$/i.test(cell('Image is Thumbnail'))) images.unshift(image)
      else images.push(image)
      product.fields.images = images
      continue
    }
    if (kind === 'Video') continue
    if (kind === 'Variant' || kind === 'SKU') {
      const sku = cell(c.sku)
      const options = kind === 'Variant' ? currentOptions(cell('Options')) : legacyOptions(cell(c.name))
      if (!sku) problems.push({row: line, column: c.sku, reason: 'the variant has no SKU'})
      if (Object.keys(options).length === 0)
        problems.push({
          row: line,
          column: kind === 'Variant' ? 'Options' : c.name,
          reason: 'the variant has no option values',
        })
      const fields: Record<string, unknown> = {}
      const put = (field: string, value: FieldValue | undefined): void => {
        if (value !== undefined && value !== '') fields[field] = value
      }
      if (kind === 'Variant') {
        put('price', number(c.price))
        put('sale_price', positive(number(c.salePrice)))
        put('cost_price', positive(number(c.costPrice)))
        put('retail_price', positive(number(c.retailPrice)))
        put('weight', number(c.weight))
      }
      put('upc', cell(c.upc))
      put('mpn', cell(c.mpn))
      put('gtin', cell(c.gtin))
      const stock = number(c.stock)
      const first = seen.get(sku.toLowerCase())
      if (sku && first !== undefined)
        problems.push({row: line, column: c.sku, reason: `SKU ${sku} is also on row ${first}`})
      if (problems.length > 0) {
        batch.problems.push(...problems.map((p) => ({...p, ...(sku ? {sku} : {})})))
        continue
      }
      seen.set(sku.toLowerCase(), line)
      const variant: ImportedVariant = {sku, row: line, options, fields, attributes: {}}
      product.variants.push(variant)
      if (stock !== undefined && stockLocation)
        batch.stock.push({sku, location: stockLocation, quantity: Math.trunc(stock), row: line})
      continue
    }
    if (kind === 'Rule') {
      const options = legacyOptions(cell(c.name))
      const variant = product.variants.find((v) => sameOptions(v.options, options))
      const rule = /^\[(FIXED|ADD|REMOVE)\]\s*([\d.]+)$/i.exec(cell(c.price))
      if (!variant || !rule) {
        batch.problems.push({
          row: line,
          column: variant ? c.price : c.name,
          sku: product.sku,
          reason: variant
            ? `price rule ${JSON.stringify(cell(c.price))} is not [FIXED]n, [ADD]n or [REMOVE]n`
            : 'the rule matches no SKU row of its product',
        })
        continue
      }
      const base = (product.fields.price as number | undefined) ?? 0
      const amount = Number(rule[2])
      const kindOfRule = rule[1]?.toUpperCase()
      variant.fields.price =
        kindOfRule === 'FIXED'
          ? amount
          : Math.round((kindOfRule === 'ADD' ? base + amount : base - amount) * 1e4) / 1e4
    }
  }
  for (const p of products) {
    // Stock of a product with variants is kept per variant (the catalog rejects it on the parent).
    if (p.stock && stockLocation && p.variants.length === 0)
      batch.stock.push({sku: p.sku, location: stockLocation, quantity: p.stock.quantity, row: p.stock.row})
    delete p.stock
  }
  batch.products = products
  return batch
}

function positive(value: number | undefined): number | undefined {
  return value === undefined || value === 0 ? undefined : value
}

function productType(text: string): string | undefined {
  if (/^(physical|p)$/i.test(text)) return 'physical'
  if (/^(digital|d)$/i.test(text)) return 'digital'
  return undefined
}

/** Category ids (the current layout's `Categories` holds ids) mean nothing outside the store: names only. */
function categoryPaths(text: string, layout: ExportLayout): string[] {
  if (text === '') return []
  return text
    .split(';')
    .map((part) =>
      part
        .split('/')
        .map((segment) => segment.trim())
        .filter(Boolean)
        .join('/'),
    )
    .filter((part) => part !== '' && !(layout === 'bigcommerce-current' && /^\d+$/.test(part)))
}

function customFields(text: string): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {}
  for (const pair of text.split(';')) {
    const equals = pair.indexOf('=')
    if (equals <= 0) continue
    out[pair.slice(0, equals).trim()] = pair.slice(equals + 1).trim()
  }
  return out
}

/** `Type=Rectangle|Name=Size|Value=M;Type=Swatch|Name=Color|Value=Navy` → {Size: M, Color: Navy}. */
function currentOptions(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const group of text.split(';')) {
    const parts = Object.fromEntries(
      group
        .split('|')
        .map((part) => [part.slice(0, part.indexOf('=')).trim(), part.slice(part.indexOf('=') + 1).trim()]),
    )
    if (parts.Name && parts.Value) out[parts.Name] = parts.Value
  }
  return out
}

/** `[RB]Size=S,[RT]Color=Navy` → {Size: S, Color: Navy}. */
function legacyOptions(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of text.split(',')) {
    const match = /^\s*(?:\[[A-Z]+\])?([^=]+)=(.*)$/.exec(part)
    if (match?.[1] && match[2] !== undefined) out[match[1].trim()] = match[2].trim()
  }
  return out
}

function sameOptions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

/** Legacy `Product Image URL - N` / `Product Image File - N` (+ `Product Image Description - N`) columns. */
function legacyImages(cells: string[], header: string[]): Array<{url: string; alt?: string}> {
  const images: Array<{url: string; alt?: string}> = []
  for (let n = 1; n <= 50; n++) {
    const url = [`Product Image URL - ${n}`, `Product Image File - ${n}`]
      .map((name) => (cells[header.indexOf(name)] ?? '').trim())
      .find((value) => /^https?:\/\//i.test(value))
    if (!url) {
      if (!header.includes(`Product Image File - ${n}`) && !header.includes(`Product Image URL - ${n}`)) break
      continue
    }
    const alt = (cells[header.indexOf(`Product Image Description - ${n}`)] ?? '').trim()
    images.push(alt ? {url, alt} : {url})
  }
  return images
}
