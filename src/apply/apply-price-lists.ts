import type {LivePricingIds, PriceRecordModel} from '../model/price-list.js'
import type {Change, CreateChange, DeleteChange, UpdateChange} from '../plan/plan.js'
import type {ApplyContext} from './context.js'

import {customerGroupMatchKey, priceListMatchKey} from '../model/price-list.js'
import {PRICING_BATCH_SIZES} from '../plan/estimate-pricing.js'
import {chunk} from './context.js'
import {describeFailure, isAmbiguous} from './failure.js'
import {groupBy} from '../collections/group-by.js'

interface PriceListData {
  id: number
  name: string
  active?: boolean
}

export interface PricingChanges {
  groups: CreateChange<'customer_group'>[]
  lists: {create: CreateChange<'price_list'>[]; update: UpdateChange<'price_list'>[]}
  assignments: {
    create: CreateChange<'price_list_assignment'>[]
    delete: DeleteChange<'price_list_assignment'>[]
  }
  records: {
    upsert: (CreateChange<'price_record'> | UpdateChange<'price_record'>)[]
    delete: DeleteChange<'price_record'>[]
  }
}

function pricingIds(ctx: ApplyContext): LivePricingIds {
  ctx.ids.pricing ??= {priceLists: {}, customerGroups: {}}
  return ctx.ids.pricing
}

/**
 * Price lists first (level 5: `POST /v3/pricelists` one per call, a 409 on the name → look it up and
 * reuse it; `PUT /v3/pricelists/{id}` for `active`), then per list its assignments (`POST
 * /v3/pricelists/assignments`, ≤ 25 per call) and records (`PUT /v3/pricelists/{id}/records`, ≤ 1,000 per
 * call, one call at a time: bigcommerce-api.md §9). A list that could not be created skips its
 * assignments and records.
 */
export async function applyPricingUpserts(ctx: ApplyContext, changes: PricingChanges): Promise<void> {
  const ids = pricingIds(ctx)
  await Promise.all(changes.groups.map((change) => ctx.schedule(change, () => createGroup(ctx, ids, change))))
  await Promise.all([
    ...changes.lists.create.map((change) => ctx.schedule(change, () => createList(ctx, ids, change))),
    ...changes.lists.update.map((change) =>
      ctx.schedule(change, async () => {
        const id = ids.priceLists[priceListMatchKey(change.after.name)] ?? change.id
        await ctx.api.request('PUT', '/v3/pricelists/{price_list_id}', {
          params: {price_list_id: id},
          body: {name: change.after.name, active: change.after.active},
        })
        ctx.record(change, 'applied')
      }),
    ),
  ])
  await createAssignments(ctx, ids, changes.assignments.create)
  await upsertRecords(ctx, ids, changes.records.upsert)
}

/** Deletes, bottom-up: records the catalog no longer declares, then assignments to undeclared groups. */
export async function applyPricingDeletes(ctx: ApplyContext, changes: PricingChanges): Promise<void> {
  const ids = pricingIds(ctx)
  const byList = groupBy(
    changes.records.delete,
    (change) => `${change.before.price_list}\u0000${change.before.currency}`,
  )
  for (const group of byList.values()) {
    const first = group[0] as DeleteChange<'price_record'>
    const id = listId(ctx, ids, first.before.price_list, group)
    if (id === undefined) continue
    for (const batch of chunk(group, PRICING_BATCH_SIZES.recordDelete)) {
      await ctx.limit(async () => {
        try {
          await ctx.api.request('DELETE', '/v3/pricelists/{price_list_id}/records', {
            params: {price_list_id: id},
            query: {
              'sku:in': batch.map((change) => change.before.sku).join(','),
              currency: first.before.currency,
            },
          })
          for (const change of batch) ctx.record(change, 'applied')
        } catch (error) {
          for (const change of batch) ctx.fail(change, error)
        }
      })
    }
  }
  const assignments = groupBy(changes.assignments.delete, (change) =>
    priceListMatchKey(change.before.price_list),
  )
  for (const group of assignments.values()) {
    const first = group[0] as DeleteChange<'price_list_assignment'>
    const id = listId(ctx, ids, first.before.price_list, group)
    if (id === undefined) continue
    const groupIds = group.map(
      (change) => ids.customerGroups[customerGroupMatchKey(change.before.customer_group)],
    )
    await ctx.limit(async () => {
      try {
        await ctx.api.request('DELETE', '/v3/pricelists/assignments', {
          query: {price_list_id: id, 'customer_group_id:in': groupIds.join(',')},
        })
        for (const change of group) ctx.record(change, 'applied')
      } catch (error) {
        for (const change of group) ctx.fail(change, error)
      }
    })
  }
}

interface CustomerGroupData {
  id: number
  name: string
}

/**
 * `POST /v2/customer_groups` with the name only (bigcommerce-api.md §9); a 409 (the name exists) or an
 * ambiguous failure is resolved by looking the group up by name. A 207 means the group was created and
 * only a discount update failed — there are none in the body, so it is applied.
 */
async function createGroup(ctx: ApplyContext, ids: LivePricingIds, change: CreateChange<'customer_group'>) {
  const {name} = change.after
  try {
    const response = await ctx.api.request<CustomerGroupData>('POST', '/v2/customer_groups', {body: {name}})
    ids.customerGroups[customerGroupMatchKey(name)] = response.body.id
    ctx.record(change, 'applied')
  } catch (error) {
    const failure = describeFailure(error)
    if (failure.status !== 409 && !isAmbiguous(failure)) throw error
    const groups = await ctx.api.listAll<CustomerGroupData>('/v2/customer_groups', {query: {name}})
    const existing = groups.find((group) => customerGroupMatchKey(group.name) === customerGroupMatchKey(name))
    if (!existing) throw error
    ids.customerGroups[customerGroupMatchKey(name)] = existing.id
    ctx.record(change, 'applied', {
      message: `customer group "${name}" already existed; reused id ${existing.id}`,
    })
  }
}

async function createList(ctx: ApplyContext, ids: LivePricingIds, change: CreateChange<'price_list'>) {
  const {name, active} = change.after
  try {
    const response = await ctx.api.request<{data: PriceListData}>('POST', '/v3/pricelists', {
      body: {name, active},
    })
    ids.priceLists[priceListMatchKey(name)] = response.body.data.id
    ctx.record(change, 'applied')
  } catch (error) {
    const failure = describeFailure(error)
    if (failure.status !== 409 && !isAmbiguous(failure)) throw error
    const lists = await ctx.api.listAll<PriceListData>('/v3/pricelists', {query: {name}})
    const existing = lists.find((list) => priceListMatchKey(list.name) === priceListMatchKey(name))
    if (!existing) throw error
    ids.priceLists[priceListMatchKey(name)] = existing.id
    if ((existing.active ?? true) !== active) {
      await ctx.api.request('PUT', '/v3/pricelists/{price_list_id}', {
        params: {price_list_id: existing.id},
        body: {name: existing.name, active},
      })
    }
    ctx.record(change, 'applied', {message: `price list "${name}" already existed; reused id ${existing.id}`})
  }
}

async function createAssignments(
  ctx: ApplyContext,
  ids: LivePricingIds,
  changes: CreateChange<'price_list_assignment'>[],
): Promise<void> {
  const ready: {
    change: CreateChange<'price_list_assignment'>
    body: {price_list_id: number; customer_group_id: number}
  }[] = []
  for (const change of changes) {
    const id = listId(ctx, ids, change.after.price_list, [change])
    if (id === undefined) continue
    const group = ids.customerGroups[customerGroupMatchKey(change.after.customer_group)]
    if (group === undefined) {
      ctx.record(change, 'failed', {
        message: `customer group "${change.after.customer_group}" is not in the store`,
      })
      continue
    }
    ready.push({change, body: {price_list_id: id, customer_group_id: group}})
  }
  await Promise.all(
    chunk(ready, PRICING_BATCH_SIZES.assignmentCreate).map((batch) =>
      ctx.limit(async () => {
        try {
          await ctx.api.request('POST', '/v3/pricelists/assignments', {body: batch.map((item) => item.body)})
          for (const {change} of batch) ctx.record(change, 'applied')
        } catch (error) {
          for (const {change} of batch) ctx.fail(change, error)
        }
      }),
    ),
  )
}

type UpsertChange = CreateChange<'price_record'> | UpdateChange<'price_record'>

/** The record body of `PUT /v3/pricelists/{id}/records`: null clears a sale or retail price. */
export function recordBody(record: PriceRecordModel): Record<string, unknown> {
  return {
    sku: record.sku,
    currency: record.currency,
    price: record.price,
    sale_price: record.sale_price,
    retail_price: record.retail_price,
    bulk_pricing_tiers: record.tiers.map((tier) => ({
      quantity_min: tier.quantity_min,
      quantity_max: tier.quantity_max,
      type: tier.type,
      amount: tier.amount,
    })),
  }
}

/**
 * Upserts, ≤ 1,000 per call and strictly one call at a time (the API answers 429 to a second concurrent
 * bulk upsert). A 422 with `batch_errors` is a per-record partial failure ("non-strict mode"): the named
 * records failed with their field errors, the rest of the batch was saved.
 */
async function upsertRecords(ctx: ApplyContext, ids: LivePricingIds, changes: UpsertChange[]): Promise<void> {
  const byList = groupBy(changes, (change) => priceListMatchKey(change.after.price_list))
  for (const group of byList.values()) {
    const first = group[0] as UpsertChange
    const id = listId(ctx, ids, first.after.price_list, group)
    if (id === undefined) continue
    for (const batch of chunk(group, PRICING_BATCH_SIZES.recordUpsert)) {
      if (ctx.stopping) {
        for (const change of batch) ctx.skip(change, 'apply was interrupted before this change started')
        continue
      }
      await ctx.limit(async () => {
        try {
          await ctx.api.request('PUT', '/v3/pricelists/{price_list_id}/records', {
            params: {price_list_id: id},
            body: batch.map((change) => recordBody(change.after)),
          })
          for (const change of batch) ctx.record(change, 'applied')
        } catch (error) {
          recordBatchFailure(ctx, batch, error)
        }
      })
    }
  }
}

interface BatchError {
  data?: {sku?: string; currency?: string; variant_id?: number}
  field_errors?: Record<string, string>
}

/** Maps a 422's `batch_errors` to their records; without them, the whole batch failed. */
export function recordBatchFailure(ctx: ApplyContext, batch: readonly UpsertChange[], error: unknown): void {
  const failure = describeFailure(error)
  const errors = (failure.body as {batch_errors?: BatchError[]} | null)?.batch_errors
  if (failure.status !== 422 || !Array.isArray(errors)) {
    for (const change of batch) ctx.fail(change, error)
    return
  }
  const bySku = new Map<string, BatchError>()
  for (const item of errors) {
    const sku = item.data?.sku
    if (typeof sku === 'string')
      bySku.set(`${sku.toLowerCase()}\u0000${(item.data?.currency ?? '').toLowerCase()}`, item)
  }
  for (const change of batch) {
    const item = bySku.get(`${change.after.sku.toLowerCase()}\u0000${change.after.currency.toLowerCase()}`)
    if (!item) {
      ctx.record(change, 'applied')
      continue
    }
    const fields = Object.entries(item.field_errors ?? {}).map(([field, message]) => `${field}: ${message}`)
    ctx.record(change, 'failed', {
      message: fields.length > 0 ? fields.join('; ') : 'rejected by the store',
      response: {status: 422, body: item},
    })
  }
}

/** The list's id (created or live), or skips the changes when the list could not be created. */
function listId(
  ctx: ApplyContext,
  ids: LivePricingIds,
  name: string,
  changes: readonly Change[],
): number | undefined {
  const id = ids.priceLists[priceListMatchKey(name)]
  if (id === undefined) for (const change of changes) ctx.skip(change, `price list "${name}" was not created`)
  return id
}
