import {describe, expect, it} from 'vitest'

import {diff} from '../../src/plan/diff.js'
import {estimateRequests} from '../../src/plan/estimate.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from './factories.js'

describe('estimateRequests', () => {
  it('counts one create per product, 10 updates per PUT and batched metafields', () => {
    const live = Array.from({length: 25}, (_, i) => aProduct({sku: `U-${i}`}))
    const desired = [
      ...live.map((p) => ({...p, price: 99})),
      ...Array.from({length: 3}, (_, i) => aProduct({sku: `C-${i}`})),
    ]
    const plan = diff(aDesiredState(desired), aLiveState(live), diffOptions())
    // 3 creates + ceil(25/10) PUTs + 1 metafield batch (3 ownership markers)
    expect(plan.estimate.writes).toBe(3 + 3 + 1)
    // 1 SKU look-up page for the creates + 1 re-read page for the updates
    expect(plan.estimate.reads).toBe(2)
  })

  it('counts image adds and removals one by one and rewrites the marker', () => {
    const live = aProduct({images: [{url: 'https://a', alt: ''}]})
    const desired = aProduct({
      images: [
        {url: 'https://b', alt: ''},
        {url: 'https://c', alt: ''},
      ],
    })
    const plan = diff(aDesiredState([desired]), aLiveState([live]), diffOptions())
    // images[0].url → remove + add, images[1] → add, marker update → 1 metafield batch
    expect(plan.estimate.writes).toBe(4)
  })

  it('converts requests into seconds at the quota less a 10 % reserve', () => {
    const changes = diff(
      aDesiredState(Array.from({length: 270}, (_, i) => aProduct({sku: `C-${i}`}))),
      aLiveState([]),
      diffOptions(),
    ).changes
    const estimate = estimateRequests(changes, {requestsPerWindow: 150, windowMs: 30_000})
    // brand 1 + categories 2 + creates 270 + markers ceil(270/50)=6 → 279 writes; reads ceil(270/50)=6
    expect(estimate).toEqual({reads: 6, writes: 279, seconds: Math.ceil(((285 / 135) * 30_000) / 100) / 10})
  })
})
