import pLimit from 'p-limit'

import {assertNever} from '../errors/user-error.js'
import type {LiveIds} from '../model/live-ids.js'
import type {Change, CreateChange, DeleteChange, Kind, Plan, UpdateChange} from '../plan/plan.js'
import type {StoreApi} from '../live/store-api.js'
import {applyBrandCreates} from './apply-brands.js'
import {applyCategoryCreates} from './apply-categories.js'
import {applyLocationChanges} from './apply-locations.js'
import {applyStockChanges} from './apply-stock.js'
import {applyProductDeletes} from './apply-deletes.js'
import {applyPricingDeletes, applyPricingUpserts, type PricingChanges} from './apply-price-lists.js'
import {applyProductChanges, type FoundProduct} from './apply-products.js'
import {applyVariantChanges} from './apply-variants.js'
import {productMatchKey} from '../model/kinds.js'
import type {VariantModel} from '../model/variant.js'
import {ApplyContext} from './context.js'
import {MetafieldBatcher} from './metafield-batcher.js'
import type {RecordResult} from './result.js'

export interface ExecuteOptions {
  api: StoreApi
  plan: Plan
  /** Live ids read right before applying (never the plan's: a saved plan may be hours old). */
  ids: LiveIds
  treeId: number
  /** Concurrent batches; the client's rate limiter paces them against the store's quota. */
  concurrency: number
  findProductBySku(sku: string): Promise<FoundProduct | undefined>
  onResult?: (result: RecordResult) => void
  /** Aborting stops new batches from starting; batches in flight finish. */
  signal?: AbortSignal
}

type ChangesOf<K extends Kind> = {
  create: CreateChange<K>[]
  update: UpdateChange<K>[]
  delete: DeleteChange<K>[]
}

function changesOf<K extends Kind>(plan: Plan, kind: K): ChangesOf<K> {
  const groups: ChangesOf<K> = {create: [], update: [], delete: []}
  for (const change of plan.changes) {
    if (change.kind !== kind) continue
    const typed = change as Change<K>
    switch (typed.action) {
      case 'create':
        groups.create.push(typed)
        break
      case 'update':
        groups.update.push(typed)
        break
      case 'delete':
        groups.delete.push(typed)
        break
      default:
        assertNever(typed, 'action')
    }
  }
  return groups
}

/**
 * Executes a plan by levels — brands → categories → locations → products (with their images, custom
 * fields and metafields) → stock → customer groups → price lists → assignments and records; deletes
 * last, bottom-up — in the API's batch sizes, and returns one result per change in the plan's order. A failure never stops independent work; a change whose dependency failed is skipped.
 */
export async function executePlan(options: ExecuteOptions): Promise<RecordResult[]> {
  const ids: LiveIds = structuredClone(options.ids)
  const ctx = new ApplyContext(
    options.api,
    ids,
    options.treeId,
    pLimit(Math.max(1, options.concurrency)),
    options.onResult,
    options.signal,
  )
  const brands = changesOf(options.plan, 'brand')
  const categories = changesOf(options.plan, 'category')
  const products = changesOf(options.plan, 'product')
  const locations = changesOf(options.plan, 'location')
  const stock = changesOf(options.plan, 'stock')
  for (const change of [
    ...brands.update,
    ...brands.delete,
    ...categories.update,
    ...categories.delete,
    ...locations.delete,
    ...stock.delete,
  ]) {
    ctx.skip(
      change,
      `catalogctl does not ${change.action} ${change.kind === 'stock' ? 'stock' : `${change.kind}s`}`,
    )
  }
  await applyBrandCreates(ctx, brands.create)
  await applyCategoryCreates(ctx, categories.create)
  await applyLocationChanges(ctx, locations.create, locations.update)
  const options_ = changesOf(options.plan, 'option')
  const variants = changesOf(options.plan, 'variant')
  const createdProducts = new Set(products.create.map((change) => productMatchKey(change.key)))
  const inlineVariants = new Map<string, VariantModel[]>()
  for (const change of variants.create) {
    const key = productMatchKey(change.after.product)
    if (!createdProducts.has(key)) continue
    const list = inlineVariants.get(key)
    if (list) list.push(change.after)
    else inlineVariants.set(key, [change.after])
  }
  const valuePositions = optionValuePositions(options_.create)
  for (const list of inlineVariants.values()) sortByValueOrder(list, valuePositions)
  const postedProducts = new Set<string>()
  await applyProductChanges(ctx, products.create, products.update, {
    metafields: new MetafieldBatcher(),
    findBySku: options.findProductBySku,
    inlineVariants,
    created: postedProducts,
  })
  await applyVariantChanges(ctx, {
    options: [...options_.create, ...options_.update, ...options_.delete],
    variants: [...variants.create, ...variants.update, ...variants.delete],
    createdProducts,
    postedProducts,
  })
  await applyStockChanges(ctx, [...stock.create, ...stock.update], {
    products: [...products.create, ...products.update],
    locations: [...locations.create, ...locations.update],
    variants: [...variants.create, ...variants.update],
  })
  const groups = changesOf(options.plan, 'customer_group')
  const lists = changesOf(options.plan, 'price_list')
  const assignments = changesOf(options.plan, 'price_list_assignment')
  const records = changesOf(options.plan, 'price_record')
  for (const change of [...groups.update, ...groups.delete, ...lists.delete, ...assignments.update]) {
    ctx.skip(change, `catalogctl does not ${change.action} ${change.kind}s`)
  }
  const pricing: PricingChanges = {
    groups: groups.create,
    lists: {create: lists.create, update: lists.update},
    assignments: {create: assignments.create, delete: assignments.delete},
    records: {upsert: [...records.create, ...records.update], delete: records.delete},
  }
  await applyPricingUpserts(ctx, pricing)
  await applyPricingDeletes(ctx, pricing)
  await applyProductDeletes(ctx, products.delete)
  return options.plan.changes.map(
    (change) =>
      ctx.results.get(change) ?? {
        kind: change.kind,
        key: change.key,
        action: change.action,
        status: 'skipped',
        message: 'not attempted',
      },
  )
}

/**
 * Each created option value's position in its option, by `product\u0000option\u0000label`: built once
 * per apply (per product it was quadratic: 10,000 new products with variants took minutes).
 */
function optionValuePositions(options: readonly CreateChange<'option'>[]): Map<string, number> {
  const position = new Map<string, number>()
  for (const option of options) {
    option.after.values.forEach((label, index) =>
      position.set(`${productMatchKey(option.after.product)}\u0000${option.after.name}\u0000${label}`, index),
    )
  }
  return position
}

/**
 * BigCommerce auto-creates option values in the order the inline variants name them (D-CAT "Creating
 * products with variant options"): the plan lists variants by SKU, so they are sent ordered by their values'
 * positions in the catalog's options instead, giving the catalog's value order on the storefront.
 */
function sortByValueOrder(variants: VariantModel[], position: ReadonlyMap<string, number>): void {
  const rank = (variant: VariantModel): number[] =>
    Object.entries(variant.options).map(
      ([name, label]) => position.get(`${productMatchKey(variant.product)}\u0000${name}\u0000${label}`) ?? 0,
    )
  variants.sort((a, b) => {
    const x = rank(a)
    const y = rank(b)
    for (let index = 0; index < Math.min(x.length, y.length); index++) {
      const difference = (x[index] ?? 0) - (y[index] ?? 0)
      if (difference !== 0) return difference
    }
    return 0
  })
}
