import {createHash, type Hash} from 'node:crypto'
import {configure} from 'safe-stable-stringify'

import type {DesiredState} from '../model/desired.js'
import {productMatchKey} from '../model/kinds.js'
import type {Fingerprint, Kind, KindRecord} from './plan.js'

const stableStringify = configure({deterministic: true, bigint: false})

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** sha256 of the stable-stringified record (keys sorted), `sha256:<hex>`. */
export function hashRecord(record: unknown): string {
  return `sha256:${sha256(stableStringify(record) ?? 'null')}`
}

/**
 * `hashRecord` of a value too large to stringify at once — a 100,000-product catalog with its price records
 * is a rope of millions of strings. Arrays and objects down to `depth` are fed to the hash piece by piece,
 * exactly as `stableStringify` would write them, so the hash is the same.
 */
export function hashLargeRecord(record: unknown, depth = 3): string {
  const hash = createHash('sha256')
  feedStable(hash, record, depth)
  return `sha256:${hash.digest('hex')}`
}

function feedStable(hash: Hash, value: unknown, depth: number): void {
  if (depth === 0 || value === null || typeof value !== 'object') {
    hash.update(stableStringify(value) ?? 'null')
    return
  }
  if (Array.isArray(value)) {
    hash.update('[')
    value.forEach((item: unknown, index) => {
      if (index > 0) hash.update(',')
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') hash.update('null')
      else feedStable(hash, item, depth - 1)
    })
    hash.update(']')
    return
  }
  hash.update('{')
  let first = true
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key]
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue
    hash.update(`${first ? '' : ','}${JSON.stringify(key)}:`)
    first = false
    feedStable(hash, item, depth - 1)
  }
  hash.update('}')
}

/**
 * The fingerprint of a live record a plan touches. Apply re-reads the record, maps it with the same
 * functions and compares: any difference means the store changed since planning. A planned create is
 * fingerprinted as "no such record" (id, date_modified and hash null), so a record created meanwhile is
 * detected too.
 */
export function fingerprintRecord<K extends Kind>(
  kind: K,
  key: string,
  live: {record: KindRecord[K]; id: number; date_modified?: string | null} | null,
): Fingerprint {
  if (live === null) return {kind, key, id: null, date_modified: null, hash: null}
  return {kind, key, id: live.id, date_modified: live.date_modified ?? null, hash: hashRecord(live.record)}
}

/** Whether a fresh fingerprint matches the saved one (ids and content; date_modified when both have it). */
export function sameFingerprint(saved: Fingerprint, fresh: Fingerprint): boolean {
  if (saved.id !== fresh.id || saved.hash !== fresh.hash) return false
  return (
    saved.date_modified === null ||
    fresh.date_modified === null ||
    saved.date_modified === fresh.date_modified
  )
}

/**
 * The hash of a narrow delta's partial catalog (src/delta/narrow-catalog.ts): the loaded products, their
 * stock, and the price records of their SKUs — not the 1.2 million records of every list. Such a plan is
 * never saved (`plan --out` loads the whole catalog), so nothing compares it with a whole catalog's hash.
 */
export function partialCatalogHash(desired: DesiredState): string {
  const skus = new Set(desired.products.map((product) => productMatchKey(product.model.sku)))
  for (const variant of desired.variants ?? []) skus.add(productMatchKey(variant.model.sku))
  const priceLists = (desired.priceLists ?? []).map((list) => ({
    ...list,
    records: list.records.filter((record) => skus.has(productMatchKey(record.sku))),
  }))
  return catalogHash({...desired, priceLists})
}

/**
 * The hash of the normalised desired state: apply of a saved plan refuses when the catalog changed.
 * Source locations are left out (moving a product to another file changes nothing in the store);
 * products are hashed in SKU order, so reordering files changes nothing either.
 */
export function catalogHash(desired: DesiredState): string {
  // Depth 4 reaches each price record: at depth 3 the 1.2 million records of a 100,000-product catalog's
  // price lists were stringified as one rope of 2.6 million strings (measured in a heap snapshot).
  const hash = hashLargeRecord(catalogHashInput(desired), 4)
  // Catalogs without locations or stock keep the hash they always had.
  if (desired.locations.length === 0 && desired.stock.length === 0) return hash
  // Locations and stock levels too: a saved plan must not write yesterday's quantities after today's feed.
  // Stock rows are fed one line each (1.8 million at 100,000 products), sorted as the desired state is.
  const sha = createHash('sha256').update(hash)
  for (const location of desired.locations) sha.update(`\nL${stableStringify(location) ?? ''}`)
  for (const {model} of desired.stock)
    sha.update(`\nS${JSON.stringify([model.location, model.sku, model.quantity, model.product ?? null])}`)
  return `sha256:${sha.digest('hex')}`
}

/** What `catalogHash` hashes. */
export function catalogHashInput(desired: DesiredState): Record<string, unknown> {
  const products = desired.products
    .map((product) => product.model)
    .sort((a, b) =>
      a.sku.toLowerCase() < b.sku.toLowerCase() ? -1 : a.sku.toLowerCase() > b.sku.toLowerCase() ? 1 : 0,
    )
  return {
    products,
    brands: desired.brands.map((brand) => brand.name.toLowerCase()).sort(),
    categories: desired.categories.map((category) => category.path).sort(),
    categoryMode: desired.categoryMode,
    categoryTreeId: desired.categoryTreeId,
    staticCategories: desired.staticCategories,
    metafieldNamespaces: desired.metafieldNamespaces,
    mappedFields: desired.mappedFields,
    // Only when the catalog has price lists, so catalogs without them keep their hash.
    ...(desired.priceLists && desired.priceLists.length > 0
      ? {priceLists: desired.priceLists.map(({source: _source, ...list}) => list)}
      : {}),
  }
}
