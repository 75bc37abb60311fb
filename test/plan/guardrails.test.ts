import {describe, expect, it} from 'vitest'

import {diff} from '../../src/plan/diff.js'
import {checkGuardrails} from '../../src/plan/guardrails.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from './factories.js'

const managed = Array.from({length: 10}, (_, i) => aProduct({sku: `SKU-${i}`}))

describe('checkGuardrails', () => {
  it('passes 3 changes out of 10 managed products at the default 30 %', () => {
    const desired = managed.map((p, i) => (i < 3 ? {...p, price: 1} : p))
    const verdict = checkGuardrails(diff(aDesiredState(desired), aLiveState(managed), diffOptions()))
    expect(verdict).toMatchObject({ok: true, managed: 10, changed: 3, changeShare: 0.3})
  })

  it('refuses 4 changes out of 10 and says why', () => {
    const desired = managed.map((p, i) => (i < 4 ? {...p, price: 1} : p))
    const verdict = checkGuardrails(diff(aDesiredState(desired), aLiveState(managed), diffOptions()))
    expect(verdict.ok).toBe(false)
    expect(verdict.reasons).toEqual([
      'the plan changes 4 of 10 managed products (40 %), more than guardrails.max_change_share (30 %)',
    ])
  })

  it('counts prune deletes and hides against max_delete_share', () => {
    const plan = diff(
      aDesiredState(managed.slice(0, 8)),
      aLiveState(managed),
      diffOptions({prune: {products: 'hide'}}),
    )
    expect(checkGuardrails(plan, {max_delete_share: 0.1})).toMatchObject({
      ok: false,
      deleted: 2,
      deleteShare: 0.2,
    })
    expect(checkGuardrails(plan, {max_delete_share: 0.2}).ok).toBe(true)
  })

  it('never counts creates or adoptions, and passes when nothing is managed', () => {
    const plan = diff(
      aDesiredState([...managed, aProduct({sku: 'NEW'})]),
      aLiveState(managed.map((model) => ({model, managed: false}))),
      diffOptions(),
    )
    expect(checkGuardrails(plan, {max_change_share: 0})).toMatchObject({ok: true, managed: 0, changed: 0})
  })
})
