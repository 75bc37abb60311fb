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
}

interface ProductYaml {
  sku: string
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
  return {
    skus: products.map((product) => product.sku),
    brands: [...new Set(products.flatMap((product) => (product.brand ? [product.brand] : [])))],
    categoryPaths: [...paths],
    imageCount: Object.fromEntries(products.map((product) => [product.sku, product.images?.length ?? 0])),
  }
}
