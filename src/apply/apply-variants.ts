import type {LiveOptionIds} from '../model/live-ids.js'
import type {OptionModel, VariantModel} from '../model/variant.js'
import type {Change, CreateChange, DeleteChange, UpdateChange} from '../plan/plan.js'

import {productMatchKey} from '../model/kinds.js'
import {chunk, type ApplyContext} from './context.js'
import {describeFailure, responseOf} from './failure.js'
import {MetafieldBatcher} from './metafield-batcher.js'
import {variantFields, variantUpdateFields} from './variant-bodies.js'

/** `PUT /v3/catalog/variants`: "Currently the limit is 50 variants" (S-V `updateVariantsBatch`). */
export const VARIANT_BATCH_SIZE = 50
/** Re-sends of a batch after BigCommerce named the items it refused (bounded). */
const BATCH_ROUNDS = 3

type OptionChange = CreateChange<'option'> | UpdateChange<'option'> | DeleteChange<'option'>
type VariantChange = CreateChange<'variant'> | UpdateChange<'variant'> | DeleteChange<'variant'>

export interface VariantStepInput {
  options: OptionChange[]
  variants: VariantChange[]
  /** Lower-cased SKUs of products the plan creates (their options and variants ride the create). */
  createdProducts: ReadonlySet<string>
  /** Those a POST did create: a product found in the store and adopted instead did not get them. */
  postedProducts: ReadonlySet<string>
}

interface OptionJson {
  id: number
  display_name: string
  option_values: {id: number; label: string}[]
}

/** One item of a `PUT /v3/catalog/variants` batch and the change it carries. */
interface BatchItem {
  change: VariantChange
  body: Record<string, unknown>
  /** False when only the variant's metafields change: nothing to send to `/catalog/variants`. */
  send: boolean
}

interface BatchErrorJson {
  status?: number
  title?: string
  instance?: string
  errors?: Record<string, unknown>
}

/**
 * Options and variants of existing products, after the products step (src/apply/apply-products.ts created
 * new products with their variants inline):
 * 1. per product with a replace: its replaced and removed variants are deleted, removed options deleted;
 * 2. per product with option or variant creates: its options are read once (ids), missing options and
 *    values are created, renamed values relabelled in place;
 * 3. variant creates (product_id + sku + option value ids) and updates (by id) go through
 *    `PUT /v3/catalog/variants` in fifties; a 422 `batch_errors` fails the items it names (`instance` =
 *    the item's index) and the rest are sent again, so one bad variant never stops the others;
 * 4. variant metafields through `/v3/catalog/variants/metafields`; prune deletes last.
 */
export async function applyVariantChanges(ctx: ApplyContext, input: VariantStepInput): Promise<void> {
  const inline = (change: Change): boolean => {
    const record = (change.after ?? change.before) as OptionModel | VariantModel
    return change.action === 'create' && input.createdProducts.has(productMatchKey(record.product))
  }
  const metafields = new MetafieldBatcher('/v3/catalog/variants/metafields')
  const newVariants = input.variants.filter(inline) as CreateChange<'variant'>[]
  for (const change of input.options.filter(inline)) {
    if (settleWithProduct(ctx, change, ownerOf(change), input.postedProducts)) ctx.record(change, 'applied')
  }
  await settleInlineVariants(ctx, newVariants, metafields, input.postedProducts)

  const byProduct = new Map<string, {options: OptionChange[]; variants: VariantChange[]}>()
  const groupOf = (sku: string) => {
    const key = productMatchKey(sku)
    let group = byProduct.get(key)
    if (!group) byProduct.set(key, (group = {options: [], variants: []}))
    return group
  }
  for (const change of input.options) if (!inline(change)) groupOf(ownerOf(change)).options.push(change)
  for (const change of input.variants) if (!inline(change)) groupOf(ownerOf(change)).variants.push(change)

  const items: BatchItem[] = []
  const prunes: DeleteChange<'variant'>[] = []
  await Promise.all(
    [...byProduct].map(([key, group]) => ctx.limit(() => prepareProduct(ctx, key, group, items, prunes))),
  )
  await sendBatches(ctx, items)
  for (const item of items) queueMetafields(ctx, item.change, metafields)
  await metafields.flush(ctx)
  for (const item of items) {
    const problem = metafields.failures.get(item.change)
    if (problem) ctx.record(item.change, 'failed', {message: problem})
    else ctx.record(item.change, 'applied')
  }
  await Promise.all(prunes.map((change) => ctx.schedule(change, () => deleteVariant(ctx, change))))
}

function ownerOf(change: Change): string {
  return ((change.after ?? change.before) as OptionModel | VariantModel).product
}

/** An option or variant that rode its product's create ends as the product did. */
function settleWithProduct(
  ctx: ApplyContext,
  change: Change,
  product: string,
  posted: ReadonlySet<string>,
): boolean {
  if (posted.has(productMatchKey(product))) return true
  const outcome = [...ctx.results.values()].find(
    (result) => result.kind === 'product' && productMatchKey(result.key) === productMatchKey(product),
  )
  if (outcome && (outcome.status === 'applied' || outcome.status === 'warning'))
    ctx.skip(change, `product ${product} was found in the store and adopted, not created; run plan again`)
  else ctx.skip(change, `product ${product} was not created${outcome?.message ? `: ${outcome.message}` : ''}`)
  return false
}

/** Variants created inline: their metafields need the new variant ids (one read per 50 products). */
async function settleInlineVariants(
  ctx: ApplyContext,
  changes: CreateChange<'variant'>[],
  metafields: MetafieldBatcher,
  posted: ReadonlySet<string>,
): Promise<void> {
  const ok = changes.filter((change) => settleWithProduct(ctx, change, change.after.product, posted))
  const needing = ok.filter((change) => change.after.metafields.length > 0)
  if (needing.length > 0) {
    const productIds = [
      ...new Set(needing.map((change) => ctx.ids.products[productMatchKey(change.after.product)]?.id)),
    ].filter((id): id is number => id !== undefined)
    const idBySku = new Map<string, number>()
    for (const ids of chunk(productIds, 50)) {
      const variants = await ctx.api.listAll<{id: number; sku: string}>('/v3/catalog/variants', {
        query: {'product_id:in': ids.join(','), include_fields: 'sku'},
      })
      for (const variant of variants) idBySku.set(productMatchKey(variant.sku), variant.id)
    }
    for (const change of needing) {
      const id = idBySku.get(productMatchKey(change.after.sku))
      if (id === undefined) continue
      for (const field of change.after.metafields) metafields.create(change, {resource_id: id, ...field})
    }
    await metafields.flush(ctx)
  }
  for (const change of ok) {
    const problem = metafields.failures.get(change)
    if (problem) ctx.record(change, 'failed', {message: problem})
    else ctx.record(change, 'applied')
  }
}

/**
 * One existing product: replaced variants and removed options go first (BigCommerce cannot change a
 * variant's options in place), then options and values, then the batch items of its variants.
 */
async function prepareProduct(
  ctx: ApplyContext,
  key: string,
  group: {options: OptionChange[]; variants: VariantChange[]},
  items: BatchItem[],
  prunes: DeleteChange<'variant'>[],
): Promise<void> {
  const productId = ctx.ids.products[key]?.id
  if (productId === undefined) {
    for (const change of [...group.options, ...group.variants])
      ctx.skip(change, `product ${ownerOf(change)} is not in the store`)
    return
  }
  const variantIds = ctx.ids.variants ?? {}
  const replacing = group.variants.filter((change) => change.replace !== undefined)
  try {
    for (const change of replacing) {
      const id = variantIds[productMatchKey(change.key)]?.id
      if (id === undefined) continue
      await ctx.api.request('DELETE', '/v3/catalog/products/{product_id}/variants/{variant_id}', {
        params: {product_id: productId, variant_id: id},
      })
      if (change.action === 'delete') ctx.record(change, 'applied')
    }
  } catch (error) {
    for (const change of [...group.options, ...group.variants])
      ctx.fail(change, error, 'replacing variants: ')
    return
  }
  for (const change of group.variants) {
    if (change.action === 'delete' && change.replace === undefined) prunes.push(change)
  }
  const needsOptions =
    group.options.length > 0 ||
    group.variants.some((change) => change.action === 'create' || change.replace !== undefined)
  let options: Map<string, LiveOptionIds> = new Map()
  if (needsOptions) {
    try {
      options = await syncOptions(ctx, productId, group.options)
    } catch (error) {
      for (const change of [...group.options, ...group.variants]) ctx.fail(change, error, 'options: ')
      return
    }
  }
  for (const change of group.variants) {
    if (change.action === 'delete') continue
    if (change.action === 'create' || change.replace !== undefined) {
      const optionValues: {id: number; option_id: number}[] = []
      const missing: string[] = []
      for (const [name, label] of Object.entries(change.after.options)) {
        const option = options.get(name)
        const value = option?.values[label]
        if (option && value !== undefined) optionValues.push({id: value, option_id: option.id})
        else missing.push(`${name}: ${label}`)
      }
      if (missing.length > 0) {
        ctx.skip(change, `option values ${missing.join(', ')} are not in the store`)
        continue
      }
      items.push({
        change,
        body: {
          product_id: productId,
          sku: change.after.sku,
          option_values: optionValues,
          ...variantFields(change.after),
        },
        send: true,
      })
      continue
    }
    const id = variantIds[productMatchKey(change.key)]?.id
    if (id === undefined) {
      ctx.skip(change, `variant ${change.key} is no longer in the store; run plan again`)
      continue
    }
    const fields = variantUpdateFields(change.after, change.fields)
    items.push({change, body: {id, ...fields}, send: Object.keys(fields).length > 0})
  }
}

/**
 * Reads the product's options (one request), deletes removed ones, creates missing options with their
 * values, adds missing values and relabels renamed ones. Returns option name → ids after the changes.
 */
async function syncOptions(
  ctx: ApplyContext,
  productId: number,
  changes: OptionChange[],
): Promise<Map<string, LiveOptionIds>> {
  const base = '/v3/catalog/products/{product_id}/options'
  const listed = await ctx.api.listAll<OptionJson>(base, {params: {product_id: productId}})
  const options = new Map<string, LiveOptionIds>()
  for (const option of listed) {
    options.set(option.display_name, {
      id: option.id,
      product_id: productId,
      values: Object.fromEntries(option.option_values.map((value) => [value.label, value.id])),
    })
  }
  for (const change of changes) {
    try {
      if (change.action === 'delete') {
        const found = options.get(change.before.name)
        if (found)
          await ctx.api.request('DELETE', `${base}/{option_id}`, {
            params: {product_id: productId, option_id: found.id},
          })
        options.delete(change.before.name)
      } else if (change.action === 'create') {
        const found = options.get(change.after.name)
        if (!found) {
          const response = await ctx.api.request<{data: OptionJson}>('POST', base, {
            params: {product_id: productId},
            body: {
              display_name: change.after.name,
              // S-O createProductVariantOption: `type` is required; radio buttons are BigCommerce's default
              // for options auto-created from variants (D-CAT), so both paths give the same storefront.
              type: 'radio_buttons',
              option_values: change.after.values.map((label, index) => ({label, sort_order: index})),
            },
          })
          const option = response.body.data
          options.set(option.display_name, {
            id: option.id,
            product_id: productId,
            values: Object.fromEntries(option.option_values.map((value) => [value.label, value.id])),
          })
        } else {
          await addValues(ctx, productId, found, change.after.values)
        }
      } else {
        const found = options.get(change.after.name)
        if (!found) throw new Error(`option ${change.after.name} is no longer in the store; run plan again`)
        for (const field of change.fields) {
          if (field.before === null) continue
          const from = String(field.before)
          const to = String(field.after)
          const valueId = found.values[from]
          if (valueId === undefined || found.values[to] !== undefined) continue
          await ctx.api.request('PUT', `${base}/{option_id}/values/{value_id}`, {
            params: {product_id: productId, option_id: found.id, value_id: valueId},
            body: {label: to},
          })
          delete found.values[from]
          found.values[to] = valueId
        }
        await addValues(
          ctx,
          productId,
          found,
          change.fields.filter((field) => field.before === null).map((field) => String(field.after)),
        )
      }
      ctx.record(change, 'applied')
    } catch (error) {
      ctx.fail(change, error)
    }
  }
  return options
}

async function addValues(
  ctx: ApplyContext,
  productId: number,
  option: LiveOptionIds,
  labels: readonly string[],
): Promise<void> {
  let sortOrder = Object.keys(option.values).length
  for (const label of labels) {
    if (option.values[label] !== undefined) continue
    const response = await ctx.api.request<{data: {id: number; label: string}}>(
      'POST',
      '/v3/catalog/products/{product_id}/options/{option_id}/values',
      {params: {product_id: productId, option_id: option.id}, body: {label, sort_order: sortOrder++}},
    )
    option.values[label] = response.body.data.id
  }
}

/**
 * The batches, fifty items each, concurrently under the run's limit. A 422 with `batch_errors` names the
 * refused items by `instance` (their index in the batch): those fail with BigCommerce's own words and the
 * others are sent again (BigCommerce may have applied them already; an update is idempotent and a
 * create of an existing SKU on the same product counts as done). Without usable indexes the items go alone.
 */
async function sendBatches(ctx: ApplyContext, items: BatchItem[]): Promise<void> {
  const sending = items.filter((item) => item.send)
  await Promise.all(chunk(sending, VARIANT_BATCH_SIZE).map((batch) => ctx.limit(() => sendBatch(ctx, batch))))
}

async function sendBatch(ctx: ApplyContext, batch: BatchItem[]): Promise<void> {
  let pending = batch
  for (let round = 1; pending.length > 0; round++) {
    try {
      const response = await ctx.api.request<{data?: {id: number; sku: string}[]}>(
        'PUT',
        '/v3/catalog/variants',
        {
          body: pending.map((item) => item.body),
        },
      )
      rememberCreated(ctx, response.body.data ?? [])
      return
    } catch (error) {
      const failure = describeFailure(error)
      const errors = batchErrorsOf(failure.body)
      const failed = new Set<number>()
      for (const entry of errors) {
        const index = Number(entry.instance)
        const item = Number.isInteger(index) ? pending[index] : undefined
        if (!item) continue
        failed.add(index)
        await failItem(ctx, item, entry, failure)
      }
      if (failed.size === 0 || round >= BATCH_ROUNDS) {
        if (pending.length === 1 || round >= BATCH_ROUNDS) {
          for (const item of pending) ctx.fail(item.change, error)
          return
        }
        // No usable per-item errors: each item alone, so one bad item never sinks the others.
        await Promise.all(pending.map((item) => sendBatch(ctx, [item])))
        return
      }
      pending = pending.filter((_item, index) => !failed.has(index))
    }
  }
}

function batchErrorsOf(body: unknown): BatchErrorJson[] {
  const errors = (body as {batch_errors?: unknown} | null)?.batch_errors
  return Array.isArray(errors) ? (errors as BatchErrorJson[]) : []
}

/** A refused item: BigCommerce's message; a 409 on a SKU names the product that owns it. */
async function failItem(
  ctx: ApplyContext,
  item: BatchItem,
  entry: BatchErrorJson,
  failure: ReturnType<typeof describeFailure>,
): Promise<void> {
  const details = Object.entries(entry.errors ?? {})
    .map(([field, message]) => `${field}: ${String(message)}`)
    .join('; ')
  let message = `BigCommerce refused the variant (${entry.status ?? failure.status ?? '?'}): ${entry.title ?? 'error'}${details ? ` — ${details}` : ''}`
  const sku = (item.change.after ?? item.change.before) as VariantModel
  if (entry.status === 409 && item.change.action === 'create') {
    const owner = await ownerOfSku(ctx, sku.sku).catch(() => undefined)
    if (owner !== undefined && productMatchKey(owner) !== productMatchKey(sku.product))
      message = `SKU ${sku.sku} already belongs to product ${owner}; not created (SKUs are unique across products and variants). ${message}`
  }
  const response = responseOf(failure)
  ctx.record(item.change, 'failed', {message, ...(response ? {response} : {})})
}

/** The SKU of the product that owns a variant or product SKU (`GET /v3/catalog/variants?sku=`). */
async function ownerOfSku(ctx: ApplyContext, sku: string): Promise<string | undefined> {
  const response = await ctx.api.request<{data: {product_id: number}[]}>('GET', '/v3/catalog/variants', {
    query: {sku, include_fields: 'product_id'},
  })
  const productId = response.body.data[0]?.product_id
  if (productId === undefined) return undefined
  const product = await ctx.api.request<{data: {sku: string}}>('GET', '/v3/catalog/products/{product_id}', {
    params: {product_id: productId},
    query: {include_fields: 'sku'},
  })
  return product.body.data.sku
}

function rememberCreated(
  ctx: ApplyContext,
  data: readonly {id: number; sku: string; product_id?: number}[],
): void {
  ctx.ids.variants ??= {}
  for (const variant of data) {
    const key = productMatchKey(variant.sku)
    const known = ctx.ids.variants[key]
    if (!known)
      ctx.ids.variants[key] = {id: variant.id, product_id: variant.product_id ?? 0, metafieldIds: {}}
  }
}

/** Variant metafield writes of a change whose variant now has an id. */
function queueMetafields(ctx: ApplyContext, change: VariantChange, metafields: MetafieldBatcher): void {
  if (ctx.results.has(change) || change.action === 'delete') return
  const ids = ctx.ids.variants?.[productMatchKey(change.after.sku)]
  if (!ids) return
  const before = change.action === 'update' && change.replace === undefined ? change.before.metafields : []
  const keyOf = (field: {namespace: string; key: string}) => `${field.namespace}\u0000${field.key}`
  const old = new Map(before.map((field) => [keyOf(field), field]))
  const next = new Map(change.after.metafields.map((field) => [keyOf(field), field]))
  for (const [key, field] of next) {
    const existing = old.get(key)
    const id = ids.metafieldIds[key]
    if (!existing || id === undefined) metafields.create(change, {resource_id: ids.id, ...field})
    else if (existing.value !== field.value || existing.permission_set !== field.permission_set)
      metafields.update(change, {id, value: field.value, permission_set: field.permission_set})
  }
  for (const key of old.keys()) {
    const id = ids.metafieldIds[key]
    if (!next.has(key) && id !== undefined) metafields.delete(change, id)
  }
}

async function deleteVariant(ctx: ApplyContext, change: DeleteChange<'variant'>): Promise<void> {
  const ids = ctx.ids.variants?.[productMatchKey(change.key)]
  if (!ids) return ctx.record(change, 'applied', {message: 'already gone from the store'})
  await ctx.api.request('DELETE', '/v3/catalog/products/{product_id}/variants/{variant_id}', {
    params: {product_id: ids.product_id, variant_id: ids.id},
  })
  ctx.record(change, 'applied')
}
