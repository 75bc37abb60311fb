import {describe, expect, it} from 'vitest'

import {chunkListValues, MAX_LIST_CHARS, MAX_LIST_VALUES} from '../../src/delta/batched-lookups.js'

describe('chunkListValues', () => {
  it('puts up to 250 short values in one list (one page)', () => {
    const values = Array.from({length: 600}, (_, index) => `SKU-${index}`)
    const chunks = chunkListValues(values)
    expect(chunks.map((chunk) => chunk.length)).toEqual([MAX_LIST_VALUES, MAX_LIST_VALUES, 100])
    expect(chunks.flat()).toEqual(values)
  })

  it('keeps each list under the URL budget when values are long', () => {
    const values = Array.from({length: 100}, (_, index) => `${'X'.repeat(200)}-${index}`)
    const chunks = chunkListValues(values)
    expect(chunks.length).toBeGreaterThan(1)
    for (const chunk of chunks) {
      const encoded = chunk.map((value) => encodeURIComponent(value)).join('%2C')
      expect(encoded.length).toBeLessThanOrEqual(MAX_LIST_CHARS)
    }
    expect(chunks.flat()).toEqual(values)
  })

  it('gives an over-long single value a list of its own rather than dropping it', () => {
    const long = 'Y'.repeat(MAX_LIST_CHARS + 10)
    expect(chunkListValues(['A', long, 'B'])).toEqual([['A'], [long], ['B']])
  })
})
