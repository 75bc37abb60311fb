import {describe, expect, it} from 'vitest'

import {appendAll} from '../../src/collections/append-all.js'

describe('appendAll', () => {
  it('appends 600,000 items, where push(...items) overflows the call stack', () => {
    const rows = Array.from({length: 600_000}, (_, index) => index)
    expect(() => [0].push(...rows)).toThrow(RangeError)
    const target = [-1]
    expect(appendAll(target, rows)).toBe(target)
    expect(target).toHaveLength(600_001)
    expect(target[600_000]).toBe(599_999)
  })
})
