import {expect} from 'vitest'

import type {ProductRecord, SandboxData} from '../../../src/sandbox/state.js'

export function productBySku(data: SandboxData, sku: string): ProductRecord {
  const product = data.products.find((candidate) => candidate.data.sku === sku)
  if (!product) throw new Error(`no product ${sku} in the sandbox`)
  return product
}

/** The keys of `product.data` whose values differ between two dumps of the same product. */
export function changedDataKeys(before: ProductRecord, after: ProductRecord): string[] {
  const keys = new Set([...Object.keys(before.data), ...Object.keys(after.data)])
  return [...keys]
    .filter((key) => JSON.stringify(before.data[key]) !== JSON.stringify(after.data[key]))
    .sort()
}

/**
 * "Nothing is rewritten that did not change" (issue 5): every product except `changedSkus` is identical
 * in the two dumps — data (date_modified included), images, custom fields, metafields, variants — and so
 * are brands and categories unless the caller says they may differ.
 */
export function expectUntouchedExcept(
  before: SandboxData,
  after: SandboxData,
  changedSkus: string[],
  options: {brands?: boolean; categories?: boolean} = {},
): void {
  expect(after.products.map((p) => p.data.sku).sort()).toEqual(before.products.map((p) => p.data.sku).sort())
  for (const product of before.products) {
    if (changedSkus.includes(product.data.sku)) continue
    expect(productBySku(after, product.data.sku), `${product.data.sku} was rewritten`).toEqual(product)
  }
  if (!options.brands) expect(after.brands).toEqual(before.brands)
  if (!options.categories) expect(after.categories).toEqual(before.categories)
}
