import type {CatalogProductInput} from '../../src/model/catalog-input.js'
import type {DesiredState} from '../../src/model/desired.js'
import type {LiveState} from '../../src/model/live-state.js'
import type {ProductModel} from '../../src/model/product.js'

import {desiredVariantsOf} from '../../src/model/desired-variants.js'
import {productMatchKey} from '../../src/model/kinds.js'
import {aDesiredState, aLiveState, aProduct} from './factories.js'

type CatalogVariant = NonNullable<CatalogProductInput['variants']>[number]

/** Every combination of the option values, SKU `<product>-<value>-<value>…` (upper-cased, spaces dropped). */
export function combinations(product: string, options: Record<string, string[]>): CatalogVariant[] {
  let rows: Record<string, string>[] = [{}]
  for (const [name, values] of Object.entries(options))
    rows = rows.flatMap((row) => values.map((value) => ({...row, [name]: value})))
  return rows.map((row) => ({
    sku: [product, ...Object.values(row)].join('-').replace(/\s+/g, '').toUpperCase(),
    options: row,
  }))
}

/** A catalog product with these variants (the rest from aProduct). */
export function aCatalogProduct(
  sku: string,
  variants: CatalogVariant[],
  extra: Partial<CatalogProductInput> = {},
): CatalogProductInput {
  const model = aProduct({sku})
  return {sku, name: model.name, price: model.price, variants, ...extra}
}

/** The desired state of these catalog products (product models from aProduct, variants normalised). */
export function desiredWithVariants(products: CatalogProductInput[]): DesiredState {
  const state = aDesiredState(products.map((product) => productModel(product)))
  state.options = []
  state.variants = []
  for (const product of products) {
    const built = desiredVariantsOf(product)
    state.options.push(...built.options.map((model) => ({model})))
    state.variants.push(...built.variants.map((model) => ({model})))
  }
  return state
}

/** A live store holding these catalog products with their variants as the catalog says (all managed). */
export function liveWithVariants(products: CatalogProductInput[]): LiveState {
  const live = aLiveState(products.map((product) => productModel(product)))
  const desired = desiredWithVariants(products)
  live.variantsRead = true
  live.options = (desired.options ?? []).map((option) => structuredClone(option.model))
  live.variants = (desired.variants ?? []).map((variant) => structuredClone(variant.model))
  live.ids.variants = {}
  live.ids.options = {}
  let id = 5000
  for (const variant of live.variants) {
    const product = live.ids.products[productMatchKey(variant.product)]?.id ?? 0
    live.ids.variants[productMatchKey(variant.sku)] = {id: id++, product_id: product, metafieldIds: {}}
  }
  for (const option of live.options) {
    const product = live.ids.products[productMatchKey(option.product)]?.id ?? 0
    live.ids.options[`${productMatchKey(option.product)}\u0000${option.name}`] = {
      id: id++,
      product_id: product,
      values: Object.fromEntries(option.values.map((label) => [label, id++])),
    }
  }
  return live
}

function productModel(product: CatalogProductInput): ProductModel {
  return aProduct({sku: product.sku, name: product.name, price: product.price})
}
