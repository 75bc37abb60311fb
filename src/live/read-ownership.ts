import type {LiveState} from '../model/live-state.js'
import type {StockModel} from '../model/product.js'
import type {Plan} from '../plan/plan.js'
import type {StoreApi} from './store-api.js'

import {productMatchKey} from '../model/kinds.js'
import {OWNERSHIP_KEY, OWNERSHIP_NAMESPACE} from '../model/ownership.js'

/** products_catalog.v3.yml `LimitParam`: at most 250 metafields a page. */
const MARKER_PAGE_LIMIT = 250

/**
 * The provisional marker id of a product whose ownership a scoped plan has not read yet: the diff treats
 * it as managed (so it can tell which products the scoped change would touch); `readOwnershipMarkers`
 * replaces it with the real id, or null, before a plan is shown or applied. Metafield ids start at 1.
 */
export const UNREAD_OWNERSHIP = 0

interface MarkerJson {
  id: number
  resource_id?: number
  namespace: string
  key: string
}

interface MarkerPage {
  data: MarkerJson[]
  meta?: {pagination?: {total_pages?: number}}
}

/**
 * Marks the catalog's products as "ownership not read" (a scoped read skips the 40-page marker list of a
 * 10,000-product store). Products the catalog does not declare stay unmanaged: a scoped plan never
 * prunes, so they are only counted.
 */
export function deferOwnership(live: LiveState, declaredKeys: Iterable<string>): void {
  const unread = new Set<string>()
  for (const key of declaredKeys) {
    const ids = live.ids.products[key]
    if (!ids) continue
    ids.ownershipMetafieldId = UNREAD_OWNERSHIP
    unread.add(key)
  }
  live.unreadOwnership = unread
}

/**
 * Lower-cased SKUs of the products a plan would write to: product updates and stock lines. Price-list
 * records belong to their list, not to the product, so they need no marker.
 */
export function productKeysWritten(plan: Plan): Set<string> {
  const keys = new Set<string>()
  for (const change of plan.changes) {
    if (change.kind === 'product') keys.add(productMatchKey(change.key))
    if (change.kind === 'stock') {
      const stock = (change.after ?? change.before) as StockModel
      keys.add(productMatchKey(stock.product ?? stock.sku))
    }
  }
  return keys
}

/**
 * Reads the ownership marker of the given products (those a scoped plan would change) and records the
 * real marker id, or null for an unmanaged product. Requests: page 1 of the batch marker list (it resolves
 * every product when the store has one page of markers); then, for the products still unknown, one
 * per-product read each (`GET /catalog/products/{id}/metafields`, namespace + key filters) when that is
 * fewer requests than the remaining pages, else the remaining pages. The batch list has no
 * `resource_id:in` filter in products_catalog.v3.yml, so it cannot be narrowed to the products wanted.
 * Returns whether anything was resolved (the caller diffs again).
 */
export async function readOwnershipMarkers(
  api: StoreApi,
  live: LiveState,
  keys: Iterable<string>,
): Promise<boolean> {
  const unread = live.unreadOwnership
  if (!unread) return false
  const wanted = new Map<number, string>()
  for (const key of keys) {
    const ids = live.ids.products[key]
    if (unread.has(key) && ids) wanted.set(ids.id, key)
  }
  if (wanted.size === 0) return false

  const query = {namespace: OWNERSHIP_NAMESPACE, key: OWNERSHIP_KEY, limit: MARKER_PAGE_LIMIT}
  const first = await api.request<MarkerPage>('GET', '/v3/catalog/products/metafields', {
    query: {...query, page: 1},
  })
  const markerByProduct = new Map<number, number>()
  const record = (markers: readonly MarkerJson[]): void => {
    for (const marker of markers) {
      if (marker.namespace !== OWNERSHIP_NAMESPACE || marker.key !== OWNERSHIP_KEY) continue
      if (marker.resource_id !== undefined) markerByProduct.set(marker.resource_id, marker.id)
    }
  }
  record(first.body.data)
  const pages = first.body.meta?.pagination?.total_pages ?? 1
  const everyMarkerRead = pages <= 1
  const missing = [...wanted.keys()].filter((id) => !markerByProduct.has(id))
  if (!everyMarkerRead && missing.length > 0) {
    if (missing.length <= pages - 1) {
      const answers = await Promise.all(
        missing.map((id) =>
          api.request<MarkerPage>('GET', '/v3/catalog/products/{product_id}/metafields', {
            params: {product_id: id},
            query: {namespace: OWNERSHIP_NAMESPACE, key: OWNERSHIP_KEY},
          }),
        ),
      )
      missing.forEach((id, index) => {
        const marker = answers[index]?.body.data.find(
          (item) => item.namespace === OWNERSHIP_NAMESPACE && item.key === OWNERSHIP_KEY,
        )
        if (marker) markerByProduct.set(id, marker.id)
      })
    } else {
      const rest = await Promise.all(
        Array.from({length: pages - 1}, (_, index) =>
          api.request<MarkerPage>('GET', '/v3/catalog/products/metafields', {
            query: {...query, page: index + 2},
          }),
        ),
      )
      for (const page of rest) record(page.body.data)
    }
  }

  // With every marker page read, every unread product is resolved (one page settles a small store whole).
  const resolved = everyMarkerRead ? [...unread] : [...wanted.values()]
  for (const key of resolved) {
    const ids = live.ids.products[key]
    if (!ids) continue
    ids.ownershipMetafieldId = markerByProduct.get(ids.id) ?? null
    unread.delete(key)
  }
  return true
}
