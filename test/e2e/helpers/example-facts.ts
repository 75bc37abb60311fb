import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'

import YAML from 'yaml'

/** What a catalog folder declares, read straight from its YAML: the expectations of a full create. */
export interface CatalogFacts {
  skus: string[]
  brands: string[]
  /** Every category path with its ancestors (auto_create creates parents first). */
  categoryPaths: string[]
  imageCount: Record<string, number>
  /** catalogctl.yaml `locations` keys, and those given by `id` (they exist: updated, never created). */
  locationKeys: string[]
  locationsById: string[]
  /**
   * `SKU@location` of every inventory row (the stock catalogctl syncs): variant SKUs of products with
   * variants and SKUs of products without.
   */
  stock: string[]
  /**
   * price-lists/: the customer groups, lists and assignments they declare, and their records (for SKUs of
   * products without variants and for variant SKUs alike).
   */
  pricing: {groups: string[]; lists: string[]; assignments: number; records: number}
  /** SKUs of every variant, and the number of options (distinct option names per product). */
  variantSkus: string[]
  optionCount: number
}

/** Changes a full create plans for variants: one per option and one per variant (they ride the product create). */
export function variantCreates(facts: CatalogFacts): number {
  return facts.variantSkus.length + facts.optionCount
}

/** Changes a full create plans for price lists: groups, lists, assignments and records. */
export function pricingCreates(facts: CatalogFacts): number {
  const {groups, lists, assignments, records} = facts.pricing
  return groups.length + lists.length + assignments + records
}

interface ProductYaml {
  sku: string
  variants?: {sku: string; options: Record<string, unknown>}[]
  brand?: string
  categories?: string[]
  images?: unknown[]
}

export async function exampleCatalogFacts(dir: string): Promise<CatalogFacts> {
  const files = (await readdir(path.join(dir, 'products'), {recursive: true})).filter((file) =>
    /\.ya?ml$/.test(file),
  )
  const products: ProductYaml[] = []
  for (const file of files) {
    const value = YAML.parse(await readFile(path.join(dir, 'products', file), 'utf8')) as
      ProductYaml | ProductYaml[]
    products.push(...(Array.isArray(value) ? value : [value]))
  }
  const categoriesFile = YAML.parse(await readFile(path.join(dir, 'categories.yaml'), 'utf8')) as {
    categories?: string[]
  }
  const paths = new Set<string>()
  for (const leaf of [...(categoriesFile.categories ?? []), ...products.flatMap((p) => p.categories ?? [])]) {
    const parts = leaf.split('/')
    for (let depth = 1; depth <= parts.length; depth++) paths.add(parts.slice(0, depth).join('/'))
  }
  const config = YAML.parse(await readFile(path.join(dir, 'catalogctl.yaml'), 'utf8')) as {
    locations?: Record<string, {id?: number}>
  }
  const locations = Object.entries(config.locations ?? {})
  const rows: Array<[string, string]> = []
  const inventoryDir = path.join(dir, 'inventory')
  for (const file of (await readdir(inventoryDir).catch(() => [])).sort()) {
    const text = await readFile(path.join(inventoryDir, file), 'utf8')
    if (file.endsWith('.csv')) {
      for (const line of text.split('\n').slice(1)) {
        const [sku, location] = line.trim().split(',')
        if (sku && location) rows.push([sku, location])
      }
    } else if (/\.ya?ml$/.test(file)) {
      const value = YAML.parse(text) as {location: string; stock: Record<string, number>}
      for (const sku of Object.keys(value.stock)) rows.push([sku, value.location])
    }
  }
  const listFiles = (await readdir(path.join(dir, 'price-lists')).catch(() => [] as string[])).filter((f) =>
    /\.ya?ml$/.test(f),
  )
  const pricing: CatalogFacts['pricing'] = {groups: [], lists: [], assignments: 0, records: 0}
  for (const file of listFiles) {
    const list = YAML.parse(await readFile(path.join(dir, 'price-lists', file), 'utf8')) as {
      name: string
      customer_groups?: string[]
      prices: Record<string, unknown>
    }
    pricing.lists.push(list.name)
    pricing.assignments += list.customer_groups?.length ?? 0
    for (const group of list.customer_groups ?? [])
      if (!pricing.groups.includes(group)) pricing.groups.push(group)
    pricing.records += Object.keys(list.prices).length
  }
  return {
    variantSkus: products.flatMap((product) => (product.variants ?? []).map((variant) => variant.sku)),
    optionCount: products
      .map(
        (product) =>
          new Set((product.variants ?? []).flatMap((variant) => Object.keys(variant.options))).size,
      )
      .reduce((a, b) => a + b, 0),
    pricing,
    locationKeys: locations.map(([key]) => key),
    locationsById: locations.filter(([, location]) => location.id !== undefined).map(([key]) => key),
    stock: [...new Set(rows.map(([sku, at]) => `${sku}@${at}`))],
    skus: products.map((product) => product.sku),
    brands: [...new Set(products.flatMap((product) => (product.brand ? [product.brand] : [])))],
    categoryPaths: [...paths],
    imageCount: Object.fromEntries(products.map((product) => [product.sku, product.images?.length ?? 0])),
  }
}
