import {describe, expect, it} from 'vitest'

import {
  catalogHash,
  catalogHashInput,
  fingerprintRecord,
  hashLargeRecord,
  hashRecord,
  sameFingerprint,
} from '../../src/plan/fingerprint.js'
import {aDesiredState, aProduct} from './factories.js'

describe('fingerprints', () => {
  it('hashes records independently of key order, and differently when a value changes', () => {
    const product = aProduct()
    const reordered = Object.fromEntries(Object.entries(product).reverse())
    expect(hashRecord(reordered)).toBe(hashRecord(product))
    expect(hashRecord({...product, price: 1})).not.toBe(hashRecord(product))
    expect(hashRecord(product)).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  it('hashes a large record piece by piece to the same hash as a whole stringify', () => {
    const values = [
      {b: [1, undefined, {z: 'x', a: null, skip: undefined}], a: 'é"\\n', c: {d: {e: {f: [true, 1.5]}}}},
      [],
      {},
      [[[[{deep: [1]}]]]],
      'text',
      null,
      {products: [aProduct(), aProduct({sku: 'B', price: 3})], none: [], nested: {list: [{}, []]}},
    ]
    for (const value of values) {
      for (const depth of [0, 1, 2, 3, 6]) expect(hashLargeRecord(value, depth)).toBe(hashRecord(value))
    }
    const desired = aDesiredState([aProduct(), aProduct({sku: 'B'})])
    expect(catalogHash(desired)).toBe(hashRecord(catalogHashInput(desired)))
  })

  it('changes the catalog hash when a stock level or a location changes, and only then', () => {
    const location = {
      model: {key: 'east', code: 'EAST', label: 'East', type: 'VIRTUAL' as const, enabled: true, address: {}},
      id: null,
    }
    const withStock = (quantity: number, label = 'East') => ({
      ...aDesiredState([aProduct()]),
      locations: [{...location, model: {...location.model, label}}],
      stock: [{model: {location: 'east', sku: 'TEE-1', quantity}}],
    })
    const plain = aDesiredState([aProduct()])
    expect(catalogHash(plain)).toBe(hashRecord(catalogHashInput(plain)))
    expect(catalogHash(withStock(5))).toBe(catalogHash(withStock(5)))
    expect(catalogHash(withStock(5))).not.toBe(catalogHash(plain))
    expect(catalogHash(withStock(6))).not.toBe(catalogHash(withStock(5)))
    expect(catalogHash(withStock(5, 'East warehouse'))).not.toBe(catalogHash(withStock(5)))
  })

  it('compares ids, hashes and modification dates', () => {
    const saved = fingerprintRecord('product', 'A', {record: aProduct(), id: 1, date_modified: 'd1'})
    expect(
      sameFingerprint(
        saved,
        fingerprintRecord('product', 'A', {record: aProduct(), id: 1, date_modified: 'd1'}),
      ),
    ).toBe(true)
    expect(
      sameFingerprint(
        saved,
        fingerprintRecord('product', 'A', {record: aProduct(), id: 1, date_modified: 'd2'}),
      ),
    ).toBe(false)
    expect(
      sameFingerprint(saved, fingerprintRecord('product', 'A', {record: aProduct({price: 2}), id: 1})),
    ).toBe(false)
    const absent = fingerprintRecord('product', 'A', null)
    expect(absent).toEqual({kind: 'product', key: 'A', id: null, date_modified: null, hash: null})
    expect(sameFingerprint(absent, saved)).toBe(false)
  })

  it('hashes the catalog independently of product order and source files', () => {
    const a = aProduct({sku: 'A'})
    const b = aProduct({sku: 'B'})
    const hash = catalogHash(aDesiredState([a, b]))
    expect(catalogHash(aDesiredState([{model: b, source: {file: 'x.yaml', line: 1}}, a]))).toBe(hash)
    expect(catalogHash(aDesiredState([a, {...b, name: 'Other'}]))).not.toBe(hash)
  })
})
