import type {CreateChange} from '../plan/plan.js'
import {chunk, type ApplyContext} from './context.js'
import {groupBy} from '../collections/group-by.js'

/** Not stated by BigCommerce for `/catalog/trees/categories` (bigcommerce-api.md §6); conservative. */
export const CATEGORY_BATCH_SIZE = 50

interface CreatedCategory {
  category_id: number
  parent_id: number
  name: string
}

interface CategoryBatchResponse {
  data?: CreatedCategory[]
  errors?: unknown
}

function parentPath(path: string): string | null {
  const cut = path.lastIndexOf('/')
  return cut < 0 ? null : path.slice(0, cut)
}

function leafName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/**
 * Creates missing category paths parents first: one batch per depth, so every item's `parent_id` is
 * known. A child of a category that failed is skipped with the reason. 201 and 207 (partial) both
 * return the created categories in `data`; whatever is absent there failed (bigcommerce-api.md §6).
 */
export async function applyCategoryCreates(
  ctx: ApplyContext,
  changes: CreateChange<'category'>[],
): Promise<void> {
  const byDepth = groupBy(changes, (change) => change.after.path.split('/').length)
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    const ready: {change: CreateChange<'category'>; parentId: number}[] = []
    for (const change of byDepth.get(depth) ?? []) {
      const parent = parentPath(change.after.path)
      const parentId = parent === null ? 0 : ctx.ids.categories[parent]
      if (parentId === undefined) ctx.skip(change, `its parent category "${parent}" was not created`)
      else ready.push({change, parentId})
    }
    await Promise.all(chunk(ready, CATEGORY_BATCH_SIZE).map((batch) => createBatch(ctx, batch)))
  }
}

async function createBatch(
  ctx: ApplyContext,
  batch: {change: CreateChange<'category'>; parentId: number}[],
): Promise<void> {
  const first = batch[0]
  if (!first) return
  await ctx.schedule(first.change, async () => {
    const body = batch.map(({change, parentId}) => ({
      name: leafName(change.after.path),
      tree_id: ctx.treeId,
      parent_id: parentId,
    }))
    let response: {status: number; body: CategoryBatchResponse}
    try {
      response = await ctx.api.request<CategoryBatchResponse>('POST', '/v3/catalog/trees/categories', {body})
    } catch (error) {
      for (const {change} of batch) ctx.fail(change, error)
      return
    }
    const created = response.body.data ?? []
    for (const {change, parentId} of batch) {
      const match = created.find((c) => c.name === leafName(change.after.path) && c.parent_id === parentId)
      if (match) {
        ctx.ids.categories[change.after.path] = match.category_id
        ctx.record(change, 'applied')
      } else {
        ctx.record(change, 'failed', {
          message: 'BigCommerce did not create this category (207 Multi-Status)',
          response: {status: response.status, body: response.body.errors ?? null},
        })
      }
    }
  })
}
