import {afterAll, describe, expect, it} from 'vitest'

import {findInvisibleCharacter, skuSkeleton} from '../../src/catalog/checks/sku-text.js'
import {aCatalog, loadRelative, removeCatalogs} from './catalog-fixture.js'

afterAll(removeCatalogs)

describe('SKU text', () => {
  it('a skeleton folds case, full-width forms and Cyrillic/Greek lookalikes onto Latin', () => {
    expect(skuSkeleton('TEE-\u0410')).toBe(skuSkeleton('tee-a'))
    expect(skuSkeleton('\uFF34\uFF25\uFF25')).toBe('tee')
    expect(skuSkeleton('\u039C\u039F\u03A1')).toBe('mop')
    expect(skuSkeleton('TEE-B')).not.toBe(skuSkeleton('TEE-8'))
  })

  it('finds zero-width, direction and control characters, and nothing in plain text', () => {
    expect(findInvisibleCharacter('TEE\u200B-M')).toEqual({index: 3, codePoint: 'U+200B'})
    expect(findInvisibleCharacter('\u202ETEE')).toEqual({index: 0, codePoint: 'U+202E'})
    expect(findInvisibleCharacter('TEE\t')).toEqual({index: 3, codePoint: 'U+0009'})
    expect(findInvisibleCharacter('Café-Crème/ÜBER 10%')).toBeUndefined()
  })

  it('a SKU that looks like another (Cyrillic А) is an error at the second one', async () => {
    const dir = await aCatalog({files: {'products/lookalike.yaml': 'sku: MUG-\u0410\nname: Lookalike\nprice: 1\n'}})
    const other = await aCatalog({
      files: {
        'products/a.yaml': 'sku: CAP-A\nname: Cap A\nprice: 1\n',
        'products/b.yaml': 'sku: CAP-\u0410\nname: Cap B\nprice: 1\n',
      },
    })
    expect((await loadRelative(dir)).diagnostics).toEqual([])
    expect((await loadRelative(other)).diagnostics).toEqual([
      expect.objectContaining({
        file: 'products/b.yaml',
        line: 1,
        col: 6,
        severity: 'error',
        rule: 'sku/confusable',
        message: 'SKU "CAP-\u0410" looks like SKU "CAP-A" (products/a.yaml:1) but is different text (U+0410)',
      }),
    ])
  })

  it('a zero-width space in a variant SKU is an error naming the character and where it is', async () => {
    const dir = await aCatalog({
      files: {
        'products/cap.yaml':
          'sku: CAP\nname: Cap\nprice: 1\nvariants:\n  - sku: "CAP-\u200BS"\n    options: {Size: S}\n',
      },
    })
    expect((await loadRelative(dir)).diagnostics).toEqual([
      expect.objectContaining({
        file: 'products/cap.yaml',
        line: 5,
        col: 10,
        rule: 'sku/invisible-character',
        message: 'SKU "CAP-\u200BS" contains the invisible character U+200B at position 5',
      }),
    ])
  })
})
