import {describe, expect, it} from 'vitest'

import {diff} from '../../src/plan/diff.js'
import {checkGuardrails} from '../../src/plan/guardrails.js'
import {checkPriceDrops, formatPriceChange, priceChangeShare} from '../../src/plan/price-drop.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from './factories.js'
import {aPriceList, aRecord, withLivePricing} from './pricing-factories.js'

const tee = aProduct({sku: 'TEE-CLASSIC', price: 24, sale_price: 20, cost_price: 8})

function productPlan(changed: Partial<Parameters<typeof aProduct>[0]>) {
  return diff(aDesiredState([{...tee, ...changed}]), aLiveState([tee]), diffOptions({scope: 'pricing'}))
}

function recordPlan(desired: ReturnType<typeof aRecord>[], live: ReturnType<typeof aRecord>[]) {
  const lists = [aPriceList('Wholesale', desired)]
  const state = withLivePricing(aLiveState([tee]), {
    priceLists: [{name: 'Wholesale', active: true}],
    assignments: [{price_list: 'Wholesale', customer_group: 'Wholesale'}],
    records: live,
  })
  return {
    plan: diff(aDesiredState([tee], {priceLists: lists}), state, diffOptions({scope: 'pricing'})),
    state,
  }
}

describe('price changes', () => {
  it('are shares of the old price, shown with one decimal and a true minus sign', () => {
    expect(priceChangeShare(24, 19)).toBeCloseTo(-0.2083, 4)
    expect(formatPriceChange(-0.20833)).toBe('\u221220.8 %')
    expect(formatPriceChange(0.05)).toBe('+5.0 %')
    expect(priceChangeShare(0, 5)).toBeNull()
    expect(priceChangeShare(null, 5)).toBeNull()
  })
})

describe('checkPriceDrops', () => {
  it('passes a drop of exactly the limit and refuses a larger one, naming SKU, field, old → new and %', () => {
    expect(checkPriceDrops(productPlan({price: 12})).ok).toBe(true)
    const verdict = checkPriceDrops(productPlan({price: 2.4}))
    expect(verdict.ok).toBe(false)
    expect(verdict.reasons).toEqual(['TEE-CLASSIC price: 24.00 → 2.40 (\u221290.0 %)'])
    expect(checkPriceDrops(productPlan({price: 2.4}), {max_price_drop: 0.95}).ok).toBe(true)
  })

  it('guards sale prices, but clearing one (0 = none) is not a drop; cost prices are not guarded', () => {
    expect(checkPriceDrops(productPlan({sale_price: 5})).drops).toMatchObject([
      {key: 'TEE-CLASSIC', field: 'sale_price', before: 20, after: 5, drop: 0.75},
    ])
    expect(checkPriceDrops(productPlan({sale_price: 0})).ok).toBe(true)
    expect(checkPriceDrops(productPlan({cost_price: 1})).ok).toBe(true)
    expect(checkPriceDrops(productPlan({price: 240})).ok).toBe(true)
  })

  it("does not guard an adoption: the old price was never catalogctl's", () => {
    const plan = diff(
      aDesiredState([{...tee, price: 2}]),
      aLiveState([{model: tee, managed: false}]),
      diffOptions(),
    )
    expect(plan.changes[0]).toMatchObject({adopt: true})
    expect(checkPriceDrops(plan).ok).toBe(true)
  })

  it('guards price-list record prices, not their deletes or creates', () => {
    const dropped = recordPlan([aRecord({price: 1.4})], [aRecord({price: 14})]).plan
    expect(checkPriceDrops(dropped).reasons).toEqual([
      'price record Wholesale TEE-CLASSIC USD price: 14.00 → 1.40 (\u221290.0 %)',
    ])
    const deleted = recordPlan([], [aRecord({price: 14})]).plan
    expect(deleted.changes.map((change) => change.action)).toContain('delete')
    expect(checkPriceDrops(deleted).ok).toBe(true)
  })
})

describe('checkGuardrails and price-list record deletes', () => {
  const live = ['A', 'B', 'C', 'D'].map((sku) => aRecord({sku}))

  it('counts record deletes against max_delete_share over the live records', () => {
    const {plan} = recordPlan(live.slice(0, 2), live)
    expect(checkGuardrails(plan, {}, undefined, live.length)).toMatchObject({
      ok: false,
      recordsDeleted: 2,
      liveRecords: 4,
      recordDeleteShare: 0.5,
    })
    expect(checkGuardrails(plan, {}, undefined, live.length).reasons).toEqual([
      'the plan deletes 2 of 4 price-list records (50 %), more than guardrails.max_delete_share (30 %)',
    ])
    expect(checkGuardrails(plan, {max_delete_share: 0.5}, undefined, live.length).ok).toBe(true)
  })

  it('one record deleted of four passes; unknown live records refuse any delete', () => {
    const {plan} = recordPlan(live.slice(0, 3), live)
    expect(checkGuardrails(plan, {}, undefined, 4).ok).toBe(true)
    expect(checkGuardrails(plan, {}).ok).toBe(false)
  })
})
