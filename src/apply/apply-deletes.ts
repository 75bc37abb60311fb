import {productMatchKey} from '../model/kinds.js'
import type {DeleteChange} from '../plan/plan.js'
import {chunk, type ApplyContext} from './context.js'

/** `DELETE /v3/catalog/products?id:in=` takes at most 250 ids (bigcommerce-api.md §2). */
export const PRODUCT_DELETE_BATCH_SIZE = 250

/** Deletes run last (bottom-up); a product delete removes its images, custom fields and metafields. */
export async function applyProductDeletes(
  ctx: ApplyContext,
  changes: DeleteChange<'product'>[],
): Promise<void> {
  await Promise.all(
    chunk(changes, PRODUCT_DELETE_BATCH_SIZE).map((batch) =>
      ctx.limit(async () => {
        if (ctx.stopping) {
          for (const change of batch) ctx.skip(change, 'apply was interrupted before this change started')
          return
        }
        try {
          await ctx.api.request('DELETE', '/v3/catalog/products', {
            query: {
              'id:in': batch
                .map((change) => ctx.ids.products[productMatchKey(change.key)]?.id ?? change.id)
                .join(','),
            },
          })
          for (const change of batch) ctx.record(change, 'applied')
        } catch (error) {
          for (const change of batch) ctx.fail(change, error)
        }
      }),
    ),
  )
}
