import type {DesiredState} from '../model/desired.js'
import type {StoreApi} from './store-api.js'

import {
  READ_VARIANT_FIELDS,
  type BigCommerceVariantJson,
  type BigCommerceVariantMetafieldJson,
} from './map-variants.js'
import {PAGE_LIMIT} from './read-store.js'

export interface VariantSnapshot {
  variants: BigCommerceVariantJson[]
  metafields: BigCommerceVariantMetafieldJson[]
}

/** Whether a plan reads variants: only when the catalog declares some (otherwise none are managed). */
export function declaresVariants(desired: DesiredState): boolean {
  return (desired.variants?.length ?? 0) > 0
}

/**
 * Every variant of the store in pages of 250 (`GET /v3/catalog/variants`, S-V `getVariants`), only the
 * fields the model compares, and — when the template has `variant_metafield` rules and the scope reads
 * content — the variant metafields in those namespaces through the batch endpoint. Runs beside the product
 * read: ceil((simple products + variants) ÷ 250) requests, whatever the number of products.
 */
export async function readVariants(
  api: StoreApi,
  desired: DesiredState,
  options: {metafields: boolean},
): Promise<VariantSnapshot> {
  const namespaces = desired.variantMetafieldNamespaces ?? []
  const [variants, metafields] = await Promise.all([
    api.listAll<BigCommerceVariantJson>('/v3/catalog/variants', {
      query: {include_fields: READ_VARIANT_FIELDS.join(','), limit: PAGE_LIMIT},
    }),
    options.metafields && namespaces.length > 0
      ? api.listAll<BigCommerceVariantMetafieldJson>('/v3/catalog/variants/metafields', {
          query: {'namespace:in': namespaces.join(','), limit: PAGE_LIMIT},
        })
      : Promise.resolve([]),
  ])
  return {variants, metafields}
}
