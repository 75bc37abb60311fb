import {createHash} from 'node:crypto'
import {configure} from 'safe-stable-stringify'

import type {DesiredState} from '../model/desired.js'
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
 * The hash of the normalised desired state: apply of a saved plan refuses when the catalog changed.
 * Source locations are left out (moving a product to another file changes nothing in the store);
 * products are hashed in SKU order, so reordering files changes nothing either.
 */
export function catalogHash(desired: DesiredState): string {
  const products = desired.products
    .map((product) => product.model)
    .sort((a, b) =>
      a.sku.toLowerCase() < b.sku.toLowerCase() ? -1 : a.sku.toLowerCase() > b.sku.toLowerCase() ? 1 : 0,
    )
  return hashRecord({
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
  })
}
