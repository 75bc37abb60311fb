import {isUserError} from '../errors/user-error.js'
import {productMatchKey} from '../model/kinds.js'
import type {LiveProductIds} from '../model/live-ids.js'
import {
  encodeOwnership,
  OWNERSHIP_KEY,
  OWNERSHIP_NAMESPACE,
  OWNERSHIP_PERMISSION,
} from '../model/ownership.js'
import type {ProductModel} from '../model/product.js'
import type {VariantModel} from '../model/variant.js'
import {inlineVariantBody} from './variant-bodies.js'
import {
  customFieldOperations,
  imageOperations,
  metafieldOperations,
  productCreateBody,
  productUpdateBody,
  type BodyContext,
} from '../live/map-product-body.js'
import {compareRecords} from '../plan/compare-fields.js'
import type {CreateChange, UpdateChange} from '../plan/plan.js'
import {chunk, type ApplyContext} from './context.js'
import {describeFailure, isAmbiguous, responseOf} from './failure.js'
import type {MetafieldBatcher} from './metafield-batcher.js'

/** `PUT /v3/catalog/products` takes at most 10 products (413 beyond; bigcommerce-api.md §2). */
export const PRODUCT_UPDATE_BATCH_SIZE = 10
/** Tries of a create whose outcome was unknown and whose SKU was then not found in the store. */
const CREATE_TRIES = 3

interface ProductData {
  id: number
  images?: {id: number; sort_order?: number; is_thumbnail?: boolean}[]
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
  /** Variants created inline with their product (lower-cased product SKU → variants in catalog order). */
  inlineVariants?: ReadonlyMap<string, readonly VariantModel[]>
  /** Filled with the lower-cased SKUs of the products a POST created (not those found and adopted). */
  created?: Set<string>
}

/** Per product: what went wrong or needs saying, for its one final result. */
interface ProductJob {
  change: CreateChange<'product'> | UpdateChange<'product'>
  problems: string[]
  warnings: string[]
  response?: {status: number; body: unknown}
}

/** An update to run: the plan's, or one made on the spot for a product a create found already there. */
interface UpdateTask {
  job: ProductJob
  update: UpdateChange<'product'>
  ids: LiveProductIds
  body: Record<string, unknown> | null
}

function bodyContext(ctx: ApplyContext): BodyContext {
  return {brandIdByKey: ctx.ids.brands, categoryIdByPath: ctx.ids.categories}
}

/**
 * Creates (one per call, images and custom fields inline) and updates (10 per call) products, then their
 * custom field removals, images and metafields. A product's result is final only when all of its parts
 * were written.
 */
export async function applyProductChanges(
  ctx: ApplyContext,
  creates: CreateChange<'product'>[],
  updates: UpdateChange<'product'>[],
  options: ProductStepOptions,
): Promise<void> {
  const created = await Promise.all(creates.map((change) => createOne(ctx, change, options)))
  const tasks: UpdateTask[] = created.flatMap((outcome) => (outcome && 'update' in outcome ? [outcome] : []))
  for (const update of updates) {
    const task = prepareUpdate(ctx, {change: update, problems: [], warnings: []}, update)
    if (task) tasks.push(task)
  }
  await runUpdates(ctx, tasks, options.metafields)
  await options.metafields.flush(ctx)
  const jobs = [
    ...created.flatMap((outcome) => (outcome ? [outcome.job] : [])),
    ...tasks.map((task) => task.job),
  ]
  for (const job of new Set(jobs)) finish(ctx, job, options.metafields.failures.get(job.change))
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

/**
 * One create. A 409, or a failure that leaves the outcome unknown, is resolved by looking the SKU up:
 * when the product is there it is adopted and updated instead — never created twice.
 */
async function createOne(
  ctx: ApplyContext,
  change: CreateChange<'product'>,
  options: ProductStepOptions,
): Promise<{job: ProductJob} | UpdateTask | undefined> {
  let outcome: {job: ProductJob} | UpdateTask | undefined
  await ctx.schedule(change, async () => {
    let body: Record<string, unknown>
    try {
      body = productCreateBody(change.after, bodyContext(ctx))
      // One create with every variant inline (bigcommerce-api.md §2: options and values auto-created).
      const variants = options.inlineVariants?.get(productMatchKey(change.after.sku)) ?? []
      if (variants.length > 0) body.variants = variants.map(inlineVariantBody)
    } catch (error) {
      if (isUserError(error)) return ctx.skip(change, error.message)
      throw error
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await ctx.api.request<{data: ProductData; errors?: unknown}>(
          'POST',
          '/v3/catalog/products',
          {body},
        )
        options.created?.add(productMatchKey(change.after.sku))
        outcome = {job: await afterCreate(ctx, change, response.body.data, response, options.metafields)}
        return
      } catch (error) {
        const failure = describeFailure(error)
        if (failure.status !== 409 && !isAmbiguous(failure)) throw error
        const existing = await options.findBySku(change.after.sku)
        if (existing) {
          const job: ProductJob = {
            change,
            problems: [],
            warnings: [`SKU ${change.after.sku} already existed in the store; adopted and updated it`],
          }
          outcome = prepareUpdate(ctx, job, adoptionOf(change, existing), existing.ids) ?? {job}
          return
        }
        if (failure.status === 409 || attempt >= CREATE_TRIES) throw error
      }
    }
  })
  return outcome
}

/** The update that turns a product found in the store into the catalog's, marking it as ours. */
function adoptionOf(change: CreateChange<'product'>, existing: FoundProduct): UpdateChange<'product'> {
  return {
    ...change,
    action: 'update',
    before: existing.model,
    fields: compareRecords('product', existing.model, change.after, 'all'),
    adopt: existing.ids.ownershipMetafieldId === null,
    id: existing.ids.id,
  }
}

async function afterCreate(
  ctx: ApplyContext,
  change: CreateChange<'product'>,
  product: ProductData,
  response: {status: number; body: {errors?: unknown}},
  metafields: MetafieldBatcher,
): Promise<ProductJob> {
  const job: ProductJob = {change, problems: [], warnings: []}
  // Later steps (variants, stock) find the new product by SKU without reading it again.
  ctx.ids.products[productMatchKey(change.after.sku)] ??= {
    id: product.id,
    date_modified: '',
    imageIds: [],
    customFieldIds: {},
    metafieldIds: {},
    ownershipMetafieldId: null,
  }
  if (response.status === 207)
    job.warnings.push(`saved with a partial failure: ${JSON.stringify(response.body.errors)}`)
  const images =
    product.images ??
    (
      await ctx.api.request<{data: NonNullable<ProductData['images']>}>(
        'GET',
        '/v3/catalog/products/{product_id}/images',
        {
          params: {product_id: product.id},
        },
      )
    ).body.data
  const ordered = [...images].sort(
    (a, b) =>
      Number(Boolean(b.is_thumbnail)) - Number(Boolean(a.is_thumbnail)) ||
      (a.sort_order ?? 0) - (b.sort_order ?? 0) ||
      a.id - b.id,
  )
  const sources = Object.fromEntries(
    ordered.map((image, index) => [image.id, change.after.images[index]?.url ?? '']),
  )
  metafields.create(change, ownershipBody(product.id, sources))
  const templateFields = metafieldOperations(product.id, [], {metafieldIds: {}}, change.after.metafields)
  for (const body of templateFields.create) metafields.create(change, body)
  return job
}

function ownershipBody(productId: number, images: Record<number, string>) {
  return {
    resource_id: productId,
    namespace: OWNERSHIP_NAMESPACE,
    key: OWNERSHIP_KEY,
    value: encodeOwnership(images),
    permission_set: OWNERSHIP_PERMISSION,
  }
}

function prepareUpdate(
  ctx: ApplyContext,
  job: ProductJob,
  update: UpdateChange<'product'>,
  knownIds?: LiveProductIds,
): UpdateTask | undefined {
  const ids = knownIds ?? ctx.ids.products[productMatchKey(update.key)]
  if (!ids) {
    ctx.skip(job.change, `product ${update.key} is no longer in the store; run plan again`)
    return undefined
  }
  try {
    return {job, update, ids, body: productUpdateBody(update, ids, bodyContext(ctx))}
  } catch (error) {
    if (!isUserError(error)) throw error
    ctx.skip(job.change, error.message)
    return undefined
  }
}

async function runUpdates(
  ctx: ApplyContext,
  tasks: UpdateTask[],
  metafields: MetafieldBatcher,
): Promise<void> {
  const withBody = tasks.filter((task) => task.body !== null)
  await Promise.all(chunk(withBody, PRODUCT_UPDATE_BATCH_SIZE).map((batch) => putBatch(ctx, batch)))
  await Promise.all(
    tasks
      .filter((task) => task.job.problems.length === 0)
      .map((task) => ctx.limit(() => writeProductParts(ctx, task, metafields))),
  )
}

/**
 * One batch PUT. When BigCommerce refuses the batch as a whole (one bad item fails all), each product is
 * sent alone, so one failure never stops the others.
 */
async function putBatch(ctx: ApplyContext, batch: UpdateTask[]): Promise<void> {
  await ctx.limit(async () => {
    try {
      const response = await ctx.api.request<{errors?: unknown}>('PUT', '/v3/catalog/products', {
        body: batch.map((task) => task.body),
      })
      if (response.status === 207) {
        const note = `saved with a partial failure: ${JSON.stringify(response.body.errors)}`
        for (const task of batch) task.job.warnings.push(note)
      }
      return
    } catch (error) {
      const failure = describeFailure(error)
      if (batch.length === 1 || failure.status === null || failure.status >= 500) {
        for (const task of batch) charge(task.job, error)
        return
      }
    }
    for (const task of batch) {
      try {
        await ctx.api.request('PUT', '/v3/catalog/products/{product_id}', {
          params: {product_id: task.ids.id},
          body: task.body,
        })
      } catch (error) {
        charge(task.job, error)
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
async function writeProductParts(
  ctx: ApplyContext,
  task: UpdateTask,
  metafields: MetafieldBatcher,
): Promise<void> {
  const {update, ids, job} = task
  const productId = ids.id
  try {
    const fields = customFieldOperations(update.before.custom_fields, ids, update.after.custom_fields)
    for (const id of fields.remove) {
      await ctx.api.request('DELETE', '/v3/catalog/products/{product_id}/custom-fields/{custom_field_id}', {
        params: {product_id: productId, custom_field_id: id},
      })
    }
    const images = imageOperations(update.before.images, ids, update.after.images)
    for (const id of images.remove) {
      await ctx.api.request('DELETE', '/v3/catalog/products/{product_id}/images/{image_id}', {
        params: {product_id: productId, image_id: id},
      })
    }
    for (const image of images.update) {
      await ctx.api.request('PUT', '/v3/catalog/products/{product_id}/images/{image_id}', {
        params: {product_id: productId, image_id: image.id},
        body: image.body,
      })
    }
    const sources: Record<number, string> = {...images.kept}
    for (const image of images.add) {
      const response = await ctx.api.request<{data: {id: number}}>(
        'POST',
        '/v3/catalog/products/{product_id}/images',
        {
          params: {product_id: productId},
          body: image.body,
        },
      )
      sources[response.body.data.id] = image.url
    }
    const template = metafieldOperations(productId, update.before.metafields, ids, update.after.metafields)
    for (const body of template.create) metafields.create(job.change, body)
    for (const body of template.update) metafields.update(job.change, body)
    for (const id of template.remove) metafields.delete(job.change, id)
    const imagesChanged = images.add.length + images.remove.length > 0
    if (ids.ownershipMetafieldId === null) metafields.create(job.change, ownershipBody(productId, sources))
    else if (imagesChanged || update.adopt) {
      metafields.update(job.change, {id: ids.ownershipMetafieldId, value: encodeOwnership(sources)})
    }
  } catch (error) {
    charge(job, error)
  }
}
