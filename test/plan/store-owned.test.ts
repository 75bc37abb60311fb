import {describe, expect, it} from 'vitest'

import {diff} from '../../src/plan/diff.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from './factories.js'

// Issue 8 "Field ownership": fields the store owns are never plan changes (so never drift, never written).
describe('store-owned fields', () => {
  const live = aProduct({description: '<p>Edited by merchandising.</p>', weight: 0.5, mapped: {upc: '111'}})
  const desired = aProduct({
    description: '<p>From the PIM.</p>',
    weight: 0.2,
    mapped: {upc: '222'},
    price: 30,
  })

  it('without store_owned_fields every difference is an update', () => {
    const plan = diff(aDesiredState([desired]), aLiveState([live]), diffOptions())
    expect(plan.changes[0]?.fields.map((field) => field.path).sort()).toEqual([
      'description',
      'mapped.upc',
      'price',
      'weight',
    ])
  })

  it('owned fields (catalog names: dimensions, status, template-mapped names) are never compared', () => {
    const plan = diff(
      aDesiredState([desired]),
      aLiveState([live]),
      diffOptions({storeOwned: ['description', 'upc', 'weight']}),
    )
    expect(plan.changes[0]?.fields).toEqual([{path: 'price', before: 24, after: 30}])
    expect(plan.changes[0]?.after).toMatchObject({
      description: '<p>Edited by merchandising.</p>',
      weight: 0.5,
    })
  })

  it('a product whose only differences are owned is unchanged', () => {
    const plan = diff(
      aDesiredState([aProduct({description: 'x', width: 3, is_visible: false})]),
      aLiveState([aProduct({description: 'y', width: 4})]),
      diffOptions({storeOwned: ['description', 'dimensions', 'status']}),
    )
    expect(plan.changes).toEqual([])
    expect(plan.summary.unchanged).toBe(1)
  })

  it('a create still carries the catalog value of an owned field', () => {
    const plan = diff(aDesiredState([desired]), aLiveState([]), diffOptions({storeOwned: ['description']}))
    const create = plan.changes.find((change) => change.kind === 'product')
    expect(create).toMatchObject({action: 'create', after: {description: '<p>From the PIM.</p>'}})
  })
})
