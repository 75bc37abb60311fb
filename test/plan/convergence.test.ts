import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import type {LiveState} from '../../src/model/live-state.js'
import type {ProductModel} from '../../src/model/product.js'
import type {Plan} from '../../src/plan/plan.js'

import {brandMatchKey, productMatchKey} from '../../src/model/kinds.js'
import {diff} from '../../src/plan/diff.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from './factories.js'

/** A perfect in-memory apply: every change lands exactly as planned (the executor's contract). */
function applyInMemory(plan: Plan, live: LiveState): LiveState {
  const next: LiveState = structuredClone(live)
  let nextId = 10_000
  for (const change of plan.changes) {
    if (change.kind === 'brand' && change.action === 'create')
      next.ids.brands[brandMatchKey(change.key)] = nextId++
    if (change.kind === 'category' && change.action === 'create') next.ids.categories[change.key] = nextId++
    if (change.kind !== 'product') continue
    const key = productMatchKey(change.key)
    next.products = next.products.filter((product) => productMatchKey(product.sku) !== key)
    if (change.action === 'delete') {
      delete next.ids.products[key]
      continue
    }
    next.products.push(change.after as ProductModel)
    const id = next.ids.products[key]?.id ?? nextId++
    next.ids.products[key] = {
      id,
      date_modified: 'now',
      imageIds: [],
      customFieldIds: {},
      metafieldIds: {},
      ownershipMetafieldId: 1,
    }
  }
  return next
}

const product = fc
  .record({
    sku: fc.constantFrom('A-1', 'a-2', 'B-1', 'C-9', 'D-4'),
    name: fc.constantFrom('One', 'Two'),
    price: fc.constantFrom(0, 9.5, 24),
    brand: fc.constantFrom('Acme', 'ACME', null, 'Globex'),
    categories: fc.subarray(['Apparel/Tops', 'Kitchen', 'Home/Decor/Lamps']),
    custom_fields: fc.subarray([
      {name: 'Material', value: 'Cotton'},
      {name: 'Material', value: 'Linen'},
      {name: 'Fit', value: 'Slim'},
    ]),
    images: fc.subarray([
      {url: 'https://img/1', alt: ''},
      {url: 'https://img/2', alt: 'two'},
    ]),
    is_visible: fc.boolean(),
  })
  .map((fields) => aProduct(fields))
const products = fc.uniqueArray(product, {selector: (p) => productMatchKey(p.sku), maxLength: 5})

describe('convergence', () => {
  it('re-plans empty after the plan is applied, for any desired and live state (property)', () => {
    fc.assert(
      fc.property(
        products,
        products,
        fc.array(fc.boolean(), {minLength: 5, maxLength: 5}),
        fc.constantFrom('off', 'hide', 'delete' as const),
        (desired, liveProducts, marks, prune) => {
          const live = aLiveState(
            liveProducts.map((model, i) => ({model, managed: marks[i] ?? true})),
            {brands: ['Acme'], categories: ['Kitchen']},
          )
          const options = diffOptions({prune: {products: prune}})
          const plan = diff(aDesiredState(desired), live, options)
          const replan = diff(aDesiredState(desired), applyInMemory(plan, live), options)
          expect(replan.changes).toEqual([])
        },
      ),
      {numRuns: 200},
    )
  })

  it('never plans a create or delete for a key present on both sides', () => {
    fc.assert(
      fc.property(products, (desired) => {
        const live = aLiveState(desired.map((model) => ({...model, price: model.price + 1})))
        const plan = diff(aDesiredState(desired), live, diffOptions({prune: {products: 'delete'}}))
        expect(plan.changes.filter((c) => c.kind === 'product' && c.action !== 'update')).toEqual([])
      }),
    )
  })
})
