import {readFile} from 'node:fs/promises'
import path from 'node:path'

import stringify from 'safe-stable-stringify'
import YAML from 'yaml'

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
}

/** Files whose change can alter how every product maps onto BigCommerce (the caller must read all). */
export function isSettingsFile(relative: string): boolean {
  return relative === 'catalogctl.yaml' || relative === 'categories.yaml' || relative.startsWith('templates/')
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
  const changes: CatalogChanges = {files: [], skus: [], settings: [], other: []}
  const before = new Map<string, ProductEntry>()
  const after = new Map<string, ProductEntry>()
  const productFiles: string[] = []
  for (const file of changed) {
    const relative = catalogRelative(repo, file)
    changes.files.push(relative)
    if (isSettingsFile(relative)) changes.settings.push(relative)
    else if (!isProductFile(relative)) changes.other.push(relative)
    else productFiles.push(file)
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
  return changes
}

interface ProductEntry {
  sku: string
  json: string
}

/**
 * The products of one file (a mapping is one product, a sequence a list), keyed by lower-cased SKU. A
 * file that does not parse contributes nothing here: the loader rejects the catalog (exit 4) before a
 * plan is made, and an unparseable old version only makes its products look added (read, not skipped).
 */
function collectProducts(text: string | null, into: Map<string, ProductEntry>): void {
  if (text === null) return
  let value: unknown
  try {
    value = YAML.parse(text)
  } catch {
    return
  }
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item !== 'object' || item === null) continue
    const sku = (item as Record<string, unknown>)['sku']
    if (typeof sku !== 'string' && typeof sku !== 'number') continue
    const spelled = String(sku).trim()
    into.set(spelled.toLowerCase(), {sku: spelled, json: stringify(item) ?? ''})
  }
}
