import pLimit from 'p-limit'
import {describe, expect, it} from 'vitest'

import type {StoreApi, StoreRequest} from '../../src/live/store-api.js'
import type {CreateChange, UpdateChange} from '../../src/plan/plan.js'

import {applyPricingUpserts, recordBody} from '../../src/apply/apply-price-lists.js'
import {ApplyContext} from '../../src/apply/context.js'
import {aRecord} from '../plan/pricing-factories.js'

interface Sent {
  method: string
  path: string
  request: StoreRequest | undefined
}

/** A store that records requests, answers `answer`, and tracks how many record upserts ran at once. */
function fakeStore(answer: (sent: Sent) => unknown = () => ({data: {}})) {
  const sent: Sent[] = []
  let inFlight = 0
  let maxInFlight = 0
  const api: StoreApi = {
    storeHash: 'abc',
    async request<T>(method: string, path: string, request?: StoreRequest) {
      const entry = {method, path, request}
      sent.push(entry)
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      await new Promise((resolve) => setTimeout(resolve, 2))
      inFlight--
      const body = answer(entry)
      if (body instanceof Error) throw body
      return {status: 200, body: body as T}
    },
    listAll: async () => [],
  }
  return {api, sent, maxInFlight: () => maxInFlight}
}

function context(api: StoreApi) {
  return new ApplyContext(
    api,
    {
      products: {},
      brands: {},
      categories: {},
      locations: {},
      pricing: {priceLists: {wholesale: 7}, customerGroups: {}},
    },
    1,
    pLimit(8),
  )
}

function upsert(sku: string, price = 10): CreateChange<'price_record'> {
  const record = aRecord({sku, price})
  return {
    kind: 'price_record',
    action: 'create',
    key: sku,
    level: 6,
    reason: '',
    destructive: false,
    before: null,
    after: record,
    fields: [],
  }
}

const noChanges = {
  groups: [],
  lists: {create: [], update: []},
  assignments: {create: [], delete: []},
}

describe('price-list record upserts', () => {
  it('sends at most 1,000 records per PUT, one PUT at a time', async () => {
    const store = fakeStore()
    const ctx = context(store.api)
    const changes = Array.from({length: 2500}, (_, index) => upsert(`SKU-${index}`))
    await applyPricingUpserts(ctx, {...noChanges, records: {upsert: changes, delete: []}})
    const puts = store.sent.filter((entry) => entry.method === 'PUT')
    expect(puts.map((entry) => (entry.request?.body as unknown[]).length)).toEqual([1000, 1000, 500])
    expect(puts.every((entry) => entry.request?.params?.price_list_id === 7)).toBe(true)
    expect(store.maxInFlight()).toBe(1)
    expect([...ctx.results.values()].every((result) => result.status === 'applied')).toBe(true)
  })

  it('maps 422 batch_errors to their records; the rest of the batch applied', async () => {
    const error = Object.assign(new Error('422'), {
      status: 422,
      body: {
        batch_errors: [
          {
            data: {price_list_id: 7, sku: 'sku-2', currency: 'USD'},
            field_errors: {sku: 'SKU does not exist'},
          },
        ],
      },
    })
    const store = fakeStore(() => error)
    const ctx = context(store.api)
    const changes = [upsert('SKU-1'), upsert('SKU-2'), upsert('SKU-3')]
    await applyPricingUpserts(ctx, {...noChanges, records: {upsert: changes, delete: []}})
    expect(changes.map((change) => ctx.results.get(change)?.status)).toEqual(['applied', 'failed', 'applied'])
    expect(ctx.results.get(changes[1]!)?.message).toBe('sku: SKU does not exist')
  })

  it('a failure without batch_errors fails the whole batch', async () => {
    const store = fakeStore(() => Object.assign(new Error('boom'), {status: 500, body: null}))
    const ctx = context(store.api)
    const changes = [upsert('SKU-1'), upsert('SKU-2')]
    await applyPricingUpserts(ctx, {...noChanges, records: {upsert: changes, delete: []}})
    expect(changes.map((change) => ctx.results.get(change)?.status)).toEqual(['failed', 'failed'])
  })

  it('skips the records of a list that has no id', async () => {
    const store = fakeStore()
    const ctx = context(store.api)
    const change: UpdateChange<'price_record'> = {
      ...upsert('SKU-1'),
      action: 'update',
      before: aRecord({price_list: 'Retail'}),
      after: aRecord({price_list: 'Retail'}),
      adopt: false,
      id: 0,
    }
    await applyPricingUpserts(ctx, {...noChanges, records: {upsert: [change], delete: []}})
    expect(store.sent).toEqual([])
    expect(ctx.results.get(change)).toMatchObject({
      status: 'skipped',
      message: 'price list "Retail" was not created',
    })
  })
})

describe('recordBody', () => {
  it('sends null to clear a sale price and tiers in BigCommerce field names', () => {
    const body = recordBody(
      aRecord({sale_price: null, tiers: [{quantity_min: 10, quantity_max: 0, type: 'percent', amount: 5}]}),
    )
    expect(body).toEqual({
      sku: 'TEE-CLASSIC',
      currency: 'usd',
      price: 14,
      sale_price: null,
      retail_price: null,
      bulk_pricing_tiers: [{quantity_min: 10, quantity_max: 0, type: 'percent', amount: 5}],
    })
  })
})
