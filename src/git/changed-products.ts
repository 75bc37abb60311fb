import {readFile} from 'node:fs/promises'
import path from 'node:path'

import stringify from 'safe-stable-stringify'

import {parseYamlText} from '../catalog/read-source.js'
import {catalogRelative, filesChangedSince, type CatalogRepo} from './catalog-repo.js'
import {filesAtCommit} from './files-at-commit.js'

/** What changed in a catalog folder between a commit and the working tree, sorted into kinds. */
export interface CatalogChanges {
  /** Every changed file, catalog-relative (`products/tees.yaml`). */
  files: string[]
  /**
   * Product SKUs (as the catalog spells them) whose YAML differs: added, removed, or any field of the
   * product (variants included) changed. A file holding several products only names the ones that differ.
   */
  skus: string[]
  /** Changed files that shape every product: `catalogctl.yaml`, `categories.yaml`, `templates/**`. */
  settings: string[]
  /** Other changed files (`inventory/`, `price-lists/`, `schedules.yaml`): no product content. */
  other: string[]
  /** Changed product files (catalog-relative), deleted ones included. */
  productFiles: string[]
  /** Lower-cased product and variant SKUs the changed files declare now and did not before. */
  addedSkus: string[]
  /** Lower-cased product and variant SKUs the changed files declared before and no longer do. */
  removedSkus: string[]
  /** Names of the products added or renamed. */
  newNames: string[]
  /** Products in the changed files now, less before (a product moved between files counts 0). */
  productCountChange: number
}

/** What changed when nothing did: the start of `catalogChangesSince`, and a base for tests. */
export function noCatalogChanges(): CatalogChanges {
  return {
    files: [],
    skus: [],
    settings: [],
    other: [],
    productFiles: [],
    addedSkus: [],
    removedSkus: [],
    newNames: [],
    productCountChange: 0,
  }
}

/** Files whose change can alter how every product maps onto BigCommerce (the caller must read all). */
export function isSettingsFile(relative: string): boolean {
  return relative === 'catalogctl.yaml' || relative === 'categories.yaml' || relative.startsWith('templates/')
}

/** Stock and price-list files: their rows may name any product. */
export function isRowFile(relative: string): boolean {
  return /^(inventory|price-lists)\//.test(relative)
}

export function isProductFile(relative: string): boolean {
  return relative.startsWith('products/') && /\.ya?ml$/.test(relative)
}

/**
 * The catalog's changes from `ref` to the working tree (committed, staged, unstaged and untracked), with
 * product files compared product by product: the old file (`git show ref:path`) and the new one are
 * parsed and each SKU's product is compared as data, so reformatting a file or editing one product of a
 * list names only what really changed. A product moved between files is unchanged.
 */
export async function catalogChangesSince(repo: CatalogRepo, ref: string): Promise<CatalogChanges> {
  const changed = await filesChangedSince(repo, ref)
  const changes = noCatalogChanges()
  const before = new Map<string, ProductEntry>()
  const after = new Map<string, ProductEntry>()
  const productFiles: string[] = []
  for (const file of changed) {
    const relative = catalogRelative(repo, file)
    changes.files.push(relative)
    if (isSettingsFile(relative)) changes.settings.push(relative)
    else if (!isProductFile(relative)) changes.other.push(relative)
    else {
      productFiles.push(file)
      changes.productFiles.push(relative)
    }
  }
  const [oldTexts, newTexts] = await Promise.all([
    filesAtCommit(repo.root, ref, productFiles),
    Promise.all(productFiles.map((file) => readFile(path.join(repo.root, file), 'utf8').catch(() => null))),
  ])
  productFiles.forEach((file, index) => {
    collectProducts(oldTexts.get(file) ?? null, before)
    collectProducts(newTexts[index] ?? null, after)
  })
  const skus = new Map<string, string>()
  for (const [key, entry] of after) {
    if (before.get(key)?.json !== entry.json) skus.set(key, entry.sku)
  }
  for (const [key, entry] of before) if (!after.has(key)) skus.set(key, entry.sku)
  changes.skus = [...skus.values()].sort()
  const skusOf = (entries: Map<string, ProductEntry>): Set<string> =>
    new Set([...entries.values()].flatMap((entry) => entry.skus))
  const [skusBefore, skusAfter] = [skusOf(before), skusOf(after)]
  changes.addedSkus = [...skusAfter].filter((sku) => !skusBefore.has(sku)).sort()
  changes.removedSkus = [...skusBefore].filter((sku) => !skusAfter.has(sku)).sort()
  changes.newNames = [...after]
    .filter(([key, entry]) => entry.name !== null && before.get(key)?.name !== entry.name)
    .map(([, entry]) => entry.name as string)
  changes.productCountChange = after.size - before.size
  return changes
}

interface ProductEntry {
  sku: string
  json: string
  /** The product's and its variants' SKUs, lower-cased. */
  skus: string[]
  name: string | null
}

/**
 * The products of one file (a mapping is one product, a sequence a list), keyed by lower-cased SKU. A
 * file that does not parse contributes nothing here: the loader rejects the catalog (exit 4) before a
 * plan is made, and an unparseable old version only makes its products look added (read, not skipped).
 */
function collectProducts(text: string | null, into: Map<string, ProductEntry>): void {
  if (text === null) return
  // Parsed as the loader parses (js-yaml): the same values, and a delta after 1,000 edited files parses 2,000.
  const parsed = parseYamlText(text)
  if (!parsed.ok) return
  const value = parsed.data
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item !== 'object' || item === null) continue
    const sku = (item as Record<string, unknown>)['sku']
    if (typeof sku !== 'string' && typeof sku !== 'number') continue
    const spelled = String(sku).trim()
    const record = item as Record<string, unknown>
    const variants = Array.isArray(record['variants']) ? (record['variants'] as unknown[]) : []
    const variantSkus = variants
      .map((variant) =>
        typeof variant === 'object' && variant !== null ? (variant as Record<string, unknown>)['sku'] : null,
      )
      .filter((value): value is string | number => typeof value === 'string' || typeof value === 'number')
      .map((value) => String(value).trim().toLowerCase())
    into.set(spelled.toLowerCase(), {
      sku: spelled,
      json: stringify(item) ?? '',
      skus: [spelled.toLowerCase(), ...variantSkus],
      name: typeof record['name'] === 'string' ? record['name'] : null,
    })
  }
}
