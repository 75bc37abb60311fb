import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {productFileName} from '../../src/writeback/sku-file-name.js'

describe('productFileName', () => {
  it('keeps plain SKUs readable, lower-cased', () => {
    expect(productFileName('NW-TEE-CLASSIC')).toBe('nw-tee-classic.yaml')
    expect(productFileName('sku_1.2')).toBe('sku_1.2.yaml')
  })

  it('adds a digest when characters were replaced, so A/B and A-B never share a file', () => {
    expect(productFileName('A-B')).toBe('a-b.yaml')
    expect(productFileName('A/B')).toMatch(/^a-b--[0-9a-f]{8}\.yaml$/)
    expect(productFileName('Crème')).toMatch(/^creme--[0-9a-f]{8}\.yaml$/)
    expect(productFileName('γω')).toMatch(/^product--[0-9a-f]{8}\.yaml$/)
    expect(productFileName('CON')).toMatch(/^con--[0-9a-f]{8}\.yaml$/)
    expect(productFileName('../etc/passwd')).toMatch(/^etc-passwd--[0-9a-f]{8}\.yaml$/)
  })

  it('is safe and collision-free on case-insensitive file systems for SKUs unique case-insensitively', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({minLength: 1, maxLength: 40}), {
          selector: (s) => s.trim().toLowerCase(),
          maxLength: 60,
        }),
        (skus) => {
          const valid = skus.filter((sku) => sku.trim() !== '')
          const names = valid.map(productFileName)
          for (const name of names) expect(name).toMatch(/^[a-z0-9._-]{1,100}\.yaml$/)
          expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length)
        },
      ),
    )
  })
})
