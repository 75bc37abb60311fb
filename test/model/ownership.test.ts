import {describe, expect, it} from 'vitest'

import {decodeOwnership, encodeOwnership, isOwnershipMetafield} from '../../src/model/ownership.js'

describe('ownership marker codec', () => {
  it('round-trips the remembered image URLs with ids in numeric order', () => {
    const value = encodeOwnership({10: 'https://b', 9: 'https://a'})
    expect(value).toBe('{"v":1,"images":{"9":"https://a","10":"https://b"}}')
    expect(decodeOwnership(value)).toEqual({v: 1, images: {9: 'https://a', 10: 'https://b'}})
  })

  it('decodes anything unreadable as managed with no remembered images', () => {
    for (const value of ['', null, 'yes', '[1]', '{"images":{"1":2}}']) {
      expect(decodeOwnership(value)).toEqual({v: 1, images: {}})
    }
  })

  it('recognises the marker by namespace and key', () => {
    expect(isOwnershipMetafield({namespace: 'catalogctl', key: 'managed'})).toBe(true)
    expect(isOwnershipMetafield({namespace: 'catalogctl', key: 'other'})).toBe(false)
  })
})
