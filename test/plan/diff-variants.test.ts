import {describe, expect, it} from 'vitest'

import type {Change} from '../../src/plan/plan.js'

import {isUserError} from '../../src/errors/user-error.js'
import {diff} from '../../src/plan/diff.js'
import {diffOptions} from './factories.js'
import {aCatalogProduct, combinations, desiredWithVariants, liveWithVariants} from './variant-factories.js'

const OPTIONS = {
  Size: ['S', 'M', 'L', 'XL'],
  Color: ['Navy', 'Grey', 'Forest'],
  Fit: ['Regular', 'Slim', 'Relaxed'],
}

function tee(variants = combinations('TEE', OPTIONS)) {
  return aCatalogProduct('TEE', variants)
}

function summarise(changes: Change[]): string[] {
  return changes
    .filter((change) => change.kind === 'option' || change.kind === 'variant')
    .map((change) => `${change.action} ${change.kind} ${change.key}${change.replace ? ' (replace)' : ''}`)
}

describe('diffVariants (through diff)', () => {
  it('plans nothing when the store holds the catalog’s variants; null overrides equal live nulls', () => {
    const plan = diff(desiredWithVariants([tee()]), liveWithVariants([tee()]), diffOptions())
    expect(plan.changes).toEqual([])
  })

  it('creates options and all 36 variants with a new product (ride its create)', () => {
    const live = liveWithVariants([])
    live.variantsRead = true
    const plan = diff(desiredWithVariants([tee()]), live, diffOptions())
    const variants = plan.changes.filter((change) => change.kind === 'variant')
    expect(variants).toHaveLength(36)
    expect(
      variants.every((change) => change.action === 'create' && change.reason === 'with its product'),
    ).toBe(true)
    expect(plan.changes.filter((change) => change.kind === 'option').map((change) => change.key)).toEqual([
      'TEE:Color',
      'TEE:Fit',
      'TEE:Size',
    ])
  })

  it('updates an overridden price and weight field by field, and back to inherit', () => {
    const catalog = combinations('TEE', OPTIONS)
    catalog[0] = {...catalog[0]!, price: 31.5, weight: 0.7}
    const plan = diff(desiredWithVariants([tee(catalog)]), liveWithVariants([tee()]), diffOptions())
    const [change] = plan.changes
    expect(plan.changes).toHaveLength(1)
    expect(change).toMatchObject({kind: 'variant', action: 'update', key: catalog[0].sku, destructive: false})
    expect(change?.fields).toEqual([
      {path: 'price', before: null, after: 31.5},
      {path: 'weight', before: null, after: 0.7},
    ])
    const back = diff(desiredWithVariants([tee()]), liveWithVariants([tee(catalog)]), diffOptions())
    expect(back.changes[0]?.fields).toEqual([
      {path: 'price', before: 31.5, after: null},
      {path: 'weight', before: 0.7, after: null},
    ])
  })

  it('keeps scopes apart: a pricing plan sees only prices, a products plan only the rest', () => {
    const catalog = combinations('TEE', OPTIONS)
    catalog[0] = {...catalog[0]!, price: 31.5, weight: 0.7}
    const desired = desiredWithVariants([tee(catalog)])
    const pricing = diff(desired, liveWithVariants([tee()]), diffOptions({scope: 'pricing'}))
    expect(pricing.changes.flatMap((change) => change.fields.map((field) => field.path))).toEqual(['price'])
    const products = diff(desired, liveWithVariants([tee()]), diffOptions({scope: 'products'}))
    expect(products.changes.flatMap((change) => change.fields.map((field) => field.path))).toEqual(['weight'])
  })

  it('adds an option value in place and creates the variants that use it', () => {
    const next = combinations('TEE', {...OPTIONS, Size: [...OPTIONS.Size, 'XXL']})
    const plan = diff(desiredWithVariants([tee(next)]), liveWithVariants([tee()]), diffOptions())
    const option = plan.changes.find((change) => change.kind === 'option')
    expect(option).toMatchObject({action: 'update', key: 'TEE:Size', destructive: false})
    expect(option?.fields).toEqual([{path: 'values[XXL]', before: null, after: 'XXL'}])
    expect(
      plan.changes.filter((change) => change.kind === 'variant' && change.action === 'create'),
    ).toHaveLength(9)
    expect(plan.unchanged_variants).toEqual({TEE: 36})
  })

  it('shows a renamed label as a rename, not as 12 variant changes', () => {
    const renamed = combinations('TEE', OPTIONS).map((variant) =>
      variant.options['Color'] === 'Grey'
        ? {...variant, options: {...variant.options, Color: 'Heather Grey'}}
        : variant,
    )
    const plan = diff(desiredWithVariants([tee(renamed)]), liveWithVariants([tee()]), diffOptions())
    expect(plan.changes).toHaveLength(1)
    expect(plan.changes[0]).toMatchObject({kind: 'option', action: 'update', key: 'TEE:Color'})
    expect(plan.changes[0]?.fields).toEqual([{path: 'values[Grey]', before: 'Grey', after: 'Heather Grey'}])
  })

  it('replaces the variants when an option is added to a product that has variants', () => {
    const before = combinations('TEE', {Size: OPTIONS.Size})
    const after = combinations('TEE', {Size: OPTIONS.Size, Fit: ['Regular']})
    const plan = diff(desiredWithVariants([tee(after)]), liveWithVariants([tee(before)]), diffOptions())
    const summary = summarise(plan.changes)
    expect(summary).toContain('create option TEE:Fit (replace)')
    expect(summary.filter((line) => line.startsWith('delete variant'))).toHaveLength(4)
    expect(summary.filter((line) => line.startsWith('create variant'))).toHaveLength(4)
    expect(
      plan.changes.filter((change) => change.replace !== undefined).every((change) => change.destructive),
    ).toBe(true)
    expect(plan.changes.find((change) => change.kind === 'option')?.replace).toMatch(/option Fit added/)
  })

  it('replaces the variants when an option is removed', () => {
    const before = combinations('TEE', {Size: ['S', 'M'], Fit: ['Regular']})
    const after = combinations('TEE', {Size: ['S', 'M']})
    const plan = diff(desiredWithVariants([tee(after)]), liveWithVariants([tee(before)]), diffOptions())
    expect(summarise(plan.changes)).toContain('delete option TEE:Fit (replace)')
    expect(plan.changes.find((change) => change.kind === 'option')?.replace).toMatch(/option Fit removed/)
  })

  it('removes a variant by the prune policy: a note (off), hidden (hide), deleted (delete)', () => {
    const all = combinations('TEE', {Size: OPTIONS.Size})
    const fewer = all.slice(0, 3)
    const off = diff(desiredWithVariants([tee(fewer)]), liveWithVariants([tee(all)]), diffOptions())
    expect(off.changes).toEqual([])
    expect(off.notes.join('\n')).toMatch(/1 variant\(s\) in the store are not in the catalog; prune is off/)
    const hide = diff(
      desiredWithVariants([tee(fewer)]),
      liveWithVariants([tee(all)]),
      diffOptions({prune: {products: 'hide'}}),
    )
    expect(hide.changes).toMatchObject([
      {kind: 'variant', action: 'update', key: 'TEE-XL', reason: 'prune: hide', destructive: true},
    ])
    expect(hide.changes[0]?.fields).toEqual([{path: 'purchasing_disabled', before: false, after: true}])
    const remove = diff(
      desiredWithVariants([tee(fewer)]),
      liveWithVariants([tee(all)]),
      diffOptions({prune: {products: 'delete'}}),
    )
    expect(remove.changes).toMatchObject([
      {kind: 'variant', action: 'delete', key: 'TEE-XL', destructive: true},
    ])
    expect(remove.changes[0]).toHaveProperty('id', expect.any(Number))
  })

  it('refuses to plan past the store’s 600 variants, naming the product', () => {
    const live = combinations('BIG', {A: Array.from({length: 595}, (_, i) => `a${i}`)})
    const desired = combinations('BIG', {A: Array.from({length: 605}, (_, i) => `a${i}`)})
    const run = () =>
      diff(
        desiredWithVariants([aCatalogProduct('BIG', desired)]),
        liveWithVariants([aCatalogProduct('BIG', live)]),
        diffOptions(),
      )
    expect(run).toThrow(/BIG would have 605 variants \(595 in the store\), more than BigCommerce's 600/)
    try {
      run()
    } catch (error) {
      expect(isUserError(error) && error.code).toBe('plan.variant-limit')
    }
  })

  it('says when a new variant’s SKU already belongs to another product', () => {
    const other = aCatalogProduct('MUG', combinations('MUG', {Size: ['S']}))
    const live = liveWithVariants([tee(combinations('TEE', {Size: ['S']})), other])
    const catalog = [...combinations('TEE', {Size: ['S']}), {sku: 'MUG-S', options: {Size: 'M'}}]
    const plan = diff(desiredWithVariants([tee(catalog)]), live, diffOptions({selection: {skus: ['TEE']}}))
    const create = plan.changes.find((change) => change.kind === 'variant' && change.action === 'create')
    expect(create?.reason).toBe('not in the store (SKU already used by product MUG)')
  })
})
