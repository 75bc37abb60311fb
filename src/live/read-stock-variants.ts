import type {DesiredState} from '../model/desired.js'
import type {LiveProductIds, LiveVariantIds} from '../model/live-ids.js'
import type {LiveInventory} from './read-inventory.js'
import type {StoreApi} from './store-api.js'

import {productMatchKey} from '../model/kinds.js'
import {PAGE_LIMIT} from './read-store.js'

/** Product ids per `GET /v3/catalog/variants?product_id:in=` read (products_catalog.v3.yml limit 250). */
const PRODUCTS_PER_READ = 250

/**
 * The variant ids an inventory plan needs to address variant stock, without reading every variant. The
 * items of a product tracked by variant name its variants (`identity.variant_id`, read-inventory.ts); the
 * variants of a product the items do not list that way — still tracked by product (it switches to
 * variant tracking with this plan) or lacking a variant the catalog stocks — are read by `product_id:in`
 * (product-variants_catalog.v3.yml `GET /catalog/variants`), only for those products. A variant neither
 * read finds is not in the store: the plan leaves its stock to the products plan that creates it.
 */
export async function readStockVariantIds(
  api: StoreApi,
  desired: DesiredState,
  inventory: LiveInventory,
  products: Readonly<Record<string, LiveProductIds>>,
): Promise<Record<string, LiveVariantIds>> {
  const ids: Record<string, LiveVariantIds> = {}
  const unlisted = new Set<number>()
  for (const {model} of desired.stock) {
    if (model.product === undefined) continue
    const key = productMatchKey(model.sku)
    const listed = inventory.variantIdBySku.get(key)
    if (listed) ids[key] = {id: listed.id, product_id: listed.product_id, metafieldIds: {}}
    else {
      const owner = products[productMatchKey(model.product)]
      if (owner) unlisted.add(owner.id)
    }
  }
  const productIds = [...unlisted].sort((a, b) => a - b)
  for (let start = 0; start < productIds.length; start += PRODUCTS_PER_READ) {
    const variants = await api.listAll<{id: number; product_id?: number; sku?: string}>(
      '/v3/catalog/variants',
      {
        query: {
          'product_id:in': productIds.slice(start, start + PRODUCTS_PER_READ).join(','),
          include_fields: 'product_id,sku',
        },
        limit: PAGE_LIMIT,
      },
    )
    for (const variant of variants) {
      if (!variant.sku || variant.product_id === undefined) continue
      ids[productMatchKey(variant.sku)] ??= {id: variant.id, product_id: variant.product_id, metafieldIds: {}}
    }
  }
  return ids
}
