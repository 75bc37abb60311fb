import {describe, expect, it} from 'vitest'

import {groupBy} from '../../src/collections/group-by.js'

describe('groupBy', () => {
  it('groups in first-seen order of keys and items, passing each item its index', () => {
    const groups = groupBy(
      ['b1', 'a1', 'b2', 'c1', 'a2'],
      (item, index) => `${item[0]}${index > 3 ? '!' : ''}`,
    )
    expect([...groups.entries()]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1']],
      ['c', ['c1']],
      ['a!', ['a2']],
    ])
  })

  it('grows each group in place: 200,000 records in one group', () => {
    const records = Array.from({length: 200_000}, (_, index) => ({list: 'Wholesale', index}))
    const groups = groupBy(records, (record) => record.list)
    expect(groups.get('Wholesale')).toHaveLength(200_000)
    expect(groups.get('Wholesale')?.[199_999]?.index).toBe(199_999)
  })
})
