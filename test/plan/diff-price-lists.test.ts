import {describe, expect, it} from 'vitest'

import {diff} from '../../src/plan/diff.js'
import {estimatePricingWrites} from '../../src/plan/estimate-pricing.js'
import {sameFingerprint} from '../../src/plan/fingerprint.js'
import {freshPricingFingerprint, pricingFingerprint} from '../../src/plan/fingerprint-pricing.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from './factories.js'
import {aPriceList, aRecord, withLivePricing} from './pricing-factories.js'

const tee = aProduct({sku: 'TEE-CLASSIC'})
const mug = aProduct({sku: 'MUG-01', categories: ['Kitchen']})

function plan(
  lists: ReturnType<typeof aPriceList>[],
  pricing: Parameters<typeof withLivePricing>[1] | undefined,
  options: {scope?: 'pricing' | 'products' | 'all'; variantSkus?: string[]; groups?: string[]} = {},
) {
  const desired = aDesiredState([tee, mug], {priceLists: lists, variantSkus: options.variantSkus ?? []})
  const base = aLiveState([tee, mug])
  const live = pricing === undefined ? base : withLivePricing(base, pricing, options.groups)
  return diff(desired, live, diffOptions({scope: options.scope ?? 'pricing'}))
}

describe('diff of price lists', () => {
  it('creates a missing list, its assignment and its records', () => {
    const result = plan([aPriceList('Wholesale', [aRecord(), aRecord({sku: 'MUG-01', price: 9})])], {})
    expect(result.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([
      'create price_list Wholesale',
      'create price_list_assignment Wholesale → Wholesale',
      'create price_record Wholesale MUG-01 USD',
      'create price_record Wholesale TEE-CLASSIC USD',
    ])
    expect(result.changes[0]?.level).toBeLessThan(result.changes[2]?.level ?? 0)
  })

  it('is empty when the store holds exactly the catalog, and ignores undeclared data', () => {
    const record = aRecord({tiers: [{quantity_min: 24, quantity_max: 0, type: 'price', amount: 1}]})
    const result = plan([aPriceList('Wholesale', [record])], {
      priceLists: [{name: 'Wholesale', active: true}],
      assignments: [{price_list: 'Wholesale', customer_group: 'Wholesale'}],
      records: [record],
    })
    expect(result.changes).toEqual([])
    // Pricing records are not managed products: the guardrails' denominator stays the product count.
    expect(result.summary.unchanged).toBe(2)
  })

  it('updates a changed price, a cleared sale price and a changed tier field by field', () => {
    const live = aRecord({
      sale_price: 12,
      tiers: [{quantity_min: 24, quantity_max: 95, type: 'price', amount: 1}],
    })
    const wanted = aRecord({
      price: 15,
      sale_price: null,
      tiers: [{quantity_min: 24, quantity_max: 95, type: 'price', amount: 1.5}],
    })
    const result = plan([aPriceList('Wholesale', [wanted])], {
      priceLists: [{name: 'Wholesale', active: true}],
      assignments: [{price_list: 'Wholesale', customer_group: 'Wholesale'}],
      records: [live],
    })
    expect(result.changes).toHaveLength(1)
    expect(result.changes[0]).toMatchObject({kind: 'price_record', action: 'update', id: 1})
    expect(result.changes[0]?.fields).toEqual([
      {path: 'price', before: 14, after: 15},
      {path: 'sale_price', before: 12, after: null},
      {path: 'tiers[24].amount', before: 1, after: 1.5},
    ])
  })

  it('deletes records and assignments the catalog no longer declares for a managed list only', () => {
    const result = plan([aPriceList('Wholesale', [aRecord()])], {
      priceLists: [{name: 'Wholesale', active: false}],
      assignments: [
        {price_list: 'Wholesale', customer_group: 'Wholesale'},
        {price_list: 'Wholesale', customer_group: 'VIP'},
      ],
      records: [aRecord(), aRecord({sku: 'MUG-01'}), aRecord({price_list: 'Retail', sku: 'MUG-01'})],
    })
    expect(result.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([
      'update price_list Wholesale',
      'delete price_list_assignment Wholesale → VIP',
      'delete price_record Wholesale MUG-01 USD',
    ])
    expect(result.changes[0]?.fields).toEqual([{path: 'active', before: false, after: true}])
  })

  it("without the store's variants read, leaves records of variant SKUs alone and says why", () => {
    const result = plan(
      [aPriceList('Wholesale', [aRecord(), aRecord({sku: 'TEE-CLASSIC-M'})])],
      {
        priceLists: [{name: 'Wholesale', active: true}],
        assignments: [{price_list: 'Wholesale', customer_group: 'Wholesale'}],
        records: [aRecord(), aRecord({sku: 'TEE-CLASSIC-L'})],
      },
      {variantSkus: ['tee-classic-m', 'tee-classic-l']},
    )
    expect(result.changes).toEqual([])
    expect(result.notes.join('\n')).toMatch(
      /1 price-list record\(s\) name variant SKUs, left alone by this plan: it did not read the store's variants/,
    )
  })

  it('creates a customer group declared by name that the store lacks, before the list', () => {
    const result = plan([aPriceList('Gold', [])], {}, {groups: ['Wholesale']})
    expect(result.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([
      'create customer_group Gold',
      'create price_list Gold',
      'create price_list_assignment Gold → Gold',
    ])
  })

  it('is a clear planning error naming the group and the file when a declared group id is missing', () => {
    const desired = aDesiredState([tee], {
      priceLists: [aPriceList('Gold', [])],
      customerGroupIds: {Gold: 99},
    })
    const live = withLivePricing(aLiveState([tee]), {}, ['Wholesale'])
    expect(() => diff(desired, live, diffOptions({scope: 'pricing'}))).toThrowError(
      /Customer group\(s\) not found in the store: "Gold" \(id 99\) named by price-lists\/gold.yaml/,
    )
  })

  it('a products plan never touches price lists', () => {
    const result = plan([aPriceList('Wholesale', [aRecord()])], {}, {scope: 'products'})
    expect(result.changes.filter((change) => change.kind.startsWith('price'))).toEqual([])
  })
})

describe('estimatePricingWrites', () => {
  it('counts record upserts in thousands per list, deletes in hundreds, assignments in 25s', () => {
    const records = Array.from({length: 2500}, (_, index) => aRecord({sku: `SKU-${index}`}))
    const result = plan([aPriceList('Wholesale', records)], {}, {})
    // SKUs not in the store are not planned: only the list and its assignment are.
    expect(estimatePricingWrites(result.changes)).toBe(2)
    const creates = records.map((record) => ({
      kind: 'price_record' as const,
      action: 'create' as const,
      key: record.sku,
      level: 6,
      reason: '',
      destructive: false,
      before: null,
      after: record,
      fields: [],
    }))
    expect(estimatePricingWrites(creates)).toBe(3)
    const deletes = creates
      .slice(0, 101)
      .map((change) => ({...change, action: 'delete' as const, before: change.after, after: null, id: 1}))
    expect(estimatePricingWrites(deletes)).toBe(2)
  })
})

describe('pricing fingerprints of a saved plan', () => {
  it('match a fresh read whatever the case of the SKU, and differ when the record changed', () => {
    const live = withLivePricing(aLiveState([tee]), {
      priceLists: [{name: 'Wholesale', active: true}],
      records: [aRecord({sku: 'tee-classic'})],
    })
    const saved = pricingFingerprint(
      'price_record',
      'Wholesale TEE-CLASSIC USD',
      aRecord({sku: 'tee-classic'}),
      live,
    )
    expect(sameFingerprint(saved, freshPricingFingerprint(saved, live))).toBe(true)
    const changed = withLivePricing(aLiveState([tee]), {
      priceLists: [{name: 'Wholesale', active: true}],
      records: [aRecord({sku: 'tee-classic', price: 13})],
    })
    expect(sameFingerprint(saved, freshPricingFingerprint(saved, changed))).toBe(false)
  })
})
