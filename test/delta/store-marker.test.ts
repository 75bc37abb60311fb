import {describe, expect, it} from 'vitest'

import {decodeMarker} from '../../src/delta/store-marker.js'

const valid = {
  v: 1,
  scope: 'all',
  commit: 'a'.repeat(40),
  started_at: '2026-12-03T10:00:00.000Z',
  store_time: '2026-12-03T10:05:00.000Z',
  catalogctl_version: '0.1.0',
  failed_skus: ['SKU-1'],
  product_count: 12,
  max_product_id: 40,
}

describe('decodeMarker', () => {
  it('reads what writeStoreMarker writes', () => {
    expect(decodeMarker(JSON.stringify(valid), 'products')).toEqual({...valid, scope: 'products'})
  })

  it.each([
    ['not JSON', '{'],
    ['another version', JSON.stringify({...valid, v: 2})],
    ['no commit', JSON.stringify({...valid, commit: undefined})],
    ['a commit that is not a hash', JSON.stringify({...valid, commit: 'main'})],
    ['no store time', JSON.stringify({...valid, store_time: 'yesterday'})],
    ['no product count', JSON.stringify({...valid, product_count: '12'})],
  ])('refuses a value with %s (delta then reads in full and says why)', (_, value) => {
    expect(decodeMarker(value, 'all')).toBeNull()
  })

  it('keeps the reason a full read is required', () => {
    const marker = decodeMarker(JSON.stringify({...valid, full_read_required: 'too many failures'}), 'all')
    expect(marker?.full_read_required).toBe('too many failures')
  })
})
