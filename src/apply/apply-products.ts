import {brandMatchKey, productMatchKey} from '../model/kinds.js'
import type {LiveProductIds} from '../model/live-ids.js'
import type {ProductModel} from '../model/product.js'
import {encodeOwnership, OWNERSHIP_KEY, OWNERSHIP_NAMESPACE} from '../model/ownership.js'
import type {Change, CreateChange, UpdateChange} from '../plan/plan.js'
import {chunk, type ApplyContext} from './context.js'
import {describeFailure, isAmbiguous, responseOf} from './failure.js'
import type {MetafieldBatcher} from './metafield-batcher.js'
import {
  changedTopFields,
  createProductBody,
  topField,
  updateProductItem,
  type IdResolver,
} from './product-payload.js'
import {planCustomFieldWrites, planImageWrites, planMetafieldWrites} from './sub-resources.js'

/** `PUT /v3/catalog/products` takes at most 10 products (413 beyond; bigcommerce-api.md §2). */
export const PRODUCT_UPDATE_BATCH_SIZE = 10
/** Tries of a create whose outcome was unknown and whose SKU was then not found in the store. */
const CREATE_TRIES = 3

interface ProductData {
  id: number
  sku: string
  date_modified?: string
  images?: {id: number; sort_order?: number}[]
}

/** A live product looked up by SKU, mapped into the model (the caller owns the mapping). */
export interface FoundProduct {
  model: ProductModel
  ids: LiveProductIds
}

export interface ProductStepOptions {
  metafields: MetafieldBatcher
  /** Looks a product up by SKU in the store (for 409s and ambiguous creates). */
  findBySku(sku: string): Promise<FoundProduct | undefined>
}

class MissingDependency extends Error {}

function idResolver(ctx: ApplyContext): IdResolver {
  return {
    brandId(name) {
      const id = ctx.ids.brands[brandMatchKey(name)]
      if (id === undefined) throw new MissingDependency(`brand "${name}" does not exist in the store`)
      return id
    },
    categoryId(path) {
      const id = ctx.ids.categories[path]
      if (id === undefined) throw new MissingDependency(`category "${path}" does not exist in the store`)
      return id
    },
  }
}

/** Per product, what is still to be written after its main request, and what went wrong so far. */
interface ProductJob {
  change: CreateChange<'product'> | UpdateChange<'product'>
  productId: number
  problems: string[]
  warnings: string[]
  response?: {status: number; body: unknown}
}

/**
 * Creates (one per call, with images and custom fields inline) and updates (10 per call) products, then
 * their images, custom field removals and metafields. A product's result is final only when all of
 * its parts were written.
 */
export async function applyProductChanges(
  ctx: ApplyContext,
  creates: CreateChange<'product'>[],
  updates: UpdateChange<'product'>[],
  options: ProductStepOptions,
): Promise<void> {
  const jobs: ProductJob[] = []
  const createJobs = await Promise.all(creates.map((change) => createOne(ctx, change, options)))
  jobs.push(...createJobs.flat())
  jobs.push(
    ...(await updateAll(
      ctx,
      updates.map((change) => ({change, before: change.before})),
      options.metafields,
    )),
  )
  await options.metafields.flush(ctx)
  for (const job of jobs) finish(ctx, job, options.metafields.failures.get(job.change))
}

function finish(ctx: ApplyContext, job: ProductJob, metafieldProblem: string | undefined): void {
  const problems = metafieldProblem ? [...job.problems, metafieldProblem] : job.problems
  if (problems.length > 0) {
    ctx.record(job.change, 'failed', {
      message: problems.join('; '),
      ...(job.response ? {response: job.response} : {}),
    })
  } else if (job.warnings.length > 0) {
    ctx.record(job.change, 'warning', {message: job.warnings.join('; ')})
  } else {
    ctx.record(job.change, 'applied')
  }
}

async function createOne(
  ctx: ApplyContext,
  change: CreateChange<'product'>,
  options: ProductStepOptions,
): Promise<ProductJob[]> {
  const jobs: ProductJob[] = []
  await ctx.schedule(change, async () => {
    let body: Record<string, unknown>
    try {
      body = createProductBody(change.after, idResolver(ctx))
    } catch (error) {
      if (error instanceof MissingDependency) return ctx.skip(change, error.message)
      throw error
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await ctx.api.request<{data: ProductData; errors?: unknown}>(
          'POST',
          '/v3/catalog/products',
          {
            body,
          },
        )
        jobs.push(await afterCreate(ctx, change, response.body.data, response, options))
        return
      } catch (error) {
        const failure = describeFailure(error)
        if (failure.status !== 409 && !isAmbiguous(failure)) throw error
        const existing = await options.findBySku(change.after.sku)
        if (existing) {
          const note = `SKU ${change.after.sku} already existed in the store (${failure.status ?? 'no answer'}); adopted and updated`
          const [job] = await updateAll(
            ctx,
            [{change, before: existing.model, ids: existing.ids, adopt: true}],
            options.metafields,
          )
          if (job) jobs.push({...job, warnings: [note, ...job.warnings]})
          return
        }
        if (failure.status === 409 || attempt >= CREATE_TRIES) throw error
      }
    }
  })
  return jobs
}

async function afterCreate(
  ctx: ApplyContext,
  change: CreateChange<'product'>,
  product: ProductData,
  response: {status: number; body: {errors?: unknown}},
  options: ProductStepOptions,
): Promise<ProductJob> {
  const job: ProductJob = {change, productId: product.id, problems: [], warnings: []}
  if (response.status === 207) {
    job.warnings.push(`saved with a partial failure: ${JSON.stringify(response.body.errors)}`)
  }
  const images =
    product.images ??
    (
      await ctx.api.request<{data: {id: number; sort_order?: number}[]}>(
        'GET',
        '/v3/catalog/products/{product_id}/images',
        {params: {product_id: product.id}},
      )
    ).body.data
  const imageIds = [...images]
    .sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0))
    .map((image) => image.id)
  const sources = Object.fromEntries(
    imageIds.map((id, index) => [String(id), change.after.images[index]?.url ?? '']),
  )
  options.metafields.create(change, ownershipBody(product.id, sources))
  for (const field of change.after.metafields) {
    options.metafields.create(change, {resource_id: product.id, ...field, permission_set: 'app_only'})
  }
  return job
}

function ownershipBody(productId: number, images: Record<string, string>) {
  return {
    resource_id: productId,
    namespace: OWNERSHIP_NAMESPACE,
    key: OWNERSHIP_KEY,
    value: encodeOwnership(images),
    permission_set: 'app_only' as const,
  }
}

interface UpdateTask {
  change: CreateChange<'product'> | UpdateChange<'product'>
  before: ProductModel
  /** Ids of the live product; defaults to the run's side table. */
  ids?: LiveProductIds
  adopt?: boolean
}

async function updateAll(
  ctx: ApplyContext,
  tasks: UpdateTask[],
  metafields: MetafieldBatcher,
): Promise<ProductJob[]> {
  const prepared: {
    task: UpdateTask
    ids: LiveProductIds
    item: Record<string, unknown> | null
    job: ProductJob
  }[] = []
  for (const task of tasks) {
    const ids = task.ids ?? ctx.ids.products[productMatchKey(task.change.key)]
    if (!ids) {
      ctx.skip(task.change, `product ${task.change.key} is no longer in the store; run plan again`)
      continue
    }
    const after = task.change.after
    const changed =
      task.change.action === 'update'
        ? new Set(task.change.fields.map((field) => topField(field.path)))
        : changedTopFields(task.before, after)
    let item: Record<string, unknown> | null
    try {
      item = updateProductItem(ids.id, after, changed, idResolver(ctx))
    } catch (error) {
      if (error instanceof MissingDependency) {
        ctx.skip(task.change, error.message)
        continue
      }
      throw error
    }
    if (changed.has('custom_fields')) {
      const writes = planCustomFieldWrites(task.before.custom_fields, ids.customFieldIds, after.custom_fields)
      if (writes.upserts.length > 0) item = {...(item ?? {id: ids.id}), custom_fields: writes.upserts}
    }
    prepared.push({
      task,
      ids,
      item,
      job: {change: task.change, productId: ids.id, problems: [], warnings: []},
    })
  }
  const withItems = prepared.filter((entry) => entry.item !== null)
  await Promise.all(chunk(withItems, PRODUCT_UPDATE_BATCH_SIZE).map((batch) => putBatch(ctx, batch)))
  await Promise.all(
    prepared
      .filter((entry) => entry.job.problems.length === 0)
      .map((entry) => ctx.limit(() => writeExtras(ctx, entry.task, entry.ids, entry.job, metafields))),
  )
  return prepared.map((entry) => entry.job)
}

/**
 * One batch PUT; when BigCommerce refuses the batch as a whole (one bad item fails all), each product is
 * sent alone so that one failure never stops the others.
 */
async function putBatch(ctx: ApplyContext, batch: {item: Record<string, unknown> | null; job: ProductJob}[]) {
  await ctx.limit(async () => {
    try {
      const response = await ctx.api.request<{errors?: unknown}>('PUT', '/v3/catalog/products', {
        body: batch.map((entry) => entry.item),
      })
      if (response.status === 207) {
        for (const entry of batch)
          entry.job.warnings.push(`partial failure: ${JSON.stringify(response.body.errors)}`)
      }
      return
    } catch (error) {
      const failure = describeFailure(error)
      if (batch.length === 1 || failure.status === null || failure.status >= 500) {
        for (const entry of batch) charge(entry.job, error)
        return
      }
    }
    for (const entry of batch) {
      try {
        await ctx.api.request('PUT', '/v3/catalog/products/{product_id}', {
          params: {product_id: entry.job.productId},
          body: entry.item,
        })
      } catch (error) {
        charge(entry.job, error)
      }
    }
  })
}

function charge(job: ProductJob, error: unknown): void {
  const failure = describeFailure(error)
  job.problems.push(failure.message)
  const response = responseOf(failure)
  if (response) job.response = response
}

/** Custom field removals, images and metafields: their own endpoints, after the product itself. */
async function writeExtras(
  ctx: ApplyContext,
  task: UpdateTask,
  ids: LiveProductIds,
  job: ProductJob,
  metafields: MetafieldBatcher,
) {
  const {before} = task
  const after = task.change.after
  const productId = ids.id
  try {
    const fieldWrites = planCustomFieldWrites(before.custom_fields, ids.customFieldIds, after.custom_fields)
    for (const id of fieldWrites.deletes) {
      await ctx.api.request('DELETE', '/v3/catalog/products/{product_id}/custom-fields/{custom_field_id}', {
        params: {product_id: productId, custom_field_id: id},
      })
    }
    const images = planImageWrites(before.images, ids.imageIds, after.images)
    for (const id of images.deletes) {
      await ctx.api.request('DELETE', '/v3/catalog/products/{product_id}/images/{image_id}', {
        params: {product_id: productId, image_id: id},
      })
    }
    for (const update of images.updates) {
      await ctx.api.request('PUT', '/v3/catalog/products/{product_id}/images/{image_id}', {
        params: {product_id: productId, image_id: update.imageId},
        body: update.body,
      })
    }
    const imageIds = new Map(images.keptIds)
    for (const create of images.creates) {
      const response = await ctx.api.request<{data: {id: number}}>(
        'POST',
        '/v3/catalog/products/{product_id}/images',
        {
          params: {product_id: productId},
          body: create.body,
        },
      )
      imageIds.set(create.index, response.body.data.id)
    }
    const metafieldWrites = planMetafieldWrites(before.metafields, ids.metafieldIds, after.metafields)
    for (const field of metafieldWrites.creates) {
      metafields.create(task.change, {resource_id: productId, ...field, permission_set: 'app_only'})
    }
    for (const update of metafieldWrites.updates) metafields.update(task.change, update.id, update.value)
    for (const id of metafieldWrites.deletes) metafields.delete(task.change, id)
    const imagesTouched = images.creates.length + images.deletes.length + images.updates.length > 0
    const sources = Object.fromEntries(
      [...imageIds].map(([index, id]) => [String(id), after.images[index]?.url ?? '']),
    )
    const adopt = task.adopt === true || (task.change.action === 'update' && task.change.adopt)
    if (ids.ownershipMetafieldId === null) {
      metafields.create(task.change, ownershipBody(productId, sources))
    } else if (imagesTouched || adopt) {
      metafields.update(task.change, ids.ownershipMetafieldId, encodeOwnership(sources))
    }
  } catch (error) {
    charge(job, error)
  }
}
