import {describe, expect, it} from 'vitest'

import {compileSelection, globToRegExp} from '../../src/plan/selection.js'
import {aProduct} from './factories.js'

describe('selection', () => {
  it('matches SKU globs case-insensitively and literally otherwise', () => {
    expect(globToRegExp('tee-*').test('TEE-CLASSIC')).toBe(true)
    expect(globToRegExp('MUG-0?').test('mug-01')).toBe(true)
    expect(globToRegExp('A.B').test('AxB')).toBe(false)
  })

  it('selects everything without selectors', () => {
    const selection = compileSelection(undefined, [])
    expect(selection.active).toBe(false)
    expect(selection.selectsLive('ANY')).toBe(true)
  })

  it('selects by file or folder and considers live products of selected SKUs only', () => {
    const desired = [
      {model: aProduct({sku: 'TEE'}), source: {file: '/repo/catalog/products/apparel/tee.yaml', line: 1}},
      {model: aProduct({sku: 'MUG'}), source: {file: '/repo/catalog/products/kitchen/mug.yaml', line: 1}},
    ]
    const selection = compileSelection({files: ['./products/apparel']}, desired)
    expect(desired.map((p) => selection.selectsDesired(p))).toEqual([true, false])
    expect(['tee', 'MUG', 'OTHER'].map((sku) => selection.selectsLive(sku))).toEqual([true, false, false])
  })

  it('combines selectors as a union', () => {
    const desired = [{model: aProduct({sku: 'TEE'}), source: {file: 'products/tee.yaml', line: 1}}]
    const selection = compileSelection({files: ['products/tee.yaml'], skus: ['OLD-*']}, desired)
    expect(['TEE', 'OLD-1', 'MUG'].map((sku) => selection.selectsLive(sku))).toEqual([true, true, false])
  })
})
