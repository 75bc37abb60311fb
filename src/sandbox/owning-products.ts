import type {SandboxStore} from './store.js'
import type {ProductRecord} from './state.js'

export interface OwnerFilters {
  productIds?: Set<number> | undefined
  variantIds?: Set<number> | undefined
  skus?: readonly string[] | undefined
}

/**
 * The products a filtered listing of variants or inventory items can draw from, in id order: those owning
 * every filter's ids and SKUs (through the store's indexes), or all of them without a filter. The caller
 * still filters the items themselves.
 */
export function owningProducts(store: SandboxStore, filters: OwnerFilters): Iterable<ProductRecord> {
  let owners = filters.productIds
  const narrow = (found: Iterable<number | undefined>): void => {
    const next = new Set<number>()
    for (const id of found) if (id !== undefined && (!owners || owners.has(id))) next.add(id)
    owners = next
  }
  if (filters.variantIds) narrow([...filters.variantIds].map((id) => store.variantOwner.get(id)))
  if (filters.skus) narrow(filters.skus.map((sku) => store.skuOwner(sku)?.productId))
  if (!owners) return store.products.values()
  return [...owners].sort((a, b) => a - b).flatMap((id) => store.products.get(id) ?? [])
}
