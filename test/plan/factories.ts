import type {DesiredProduct, DesiredState} from '../../src/model/desired.js'
import type {LiveProductIds} from '../../src/model/live-ids.js'
import type {LiveState} from '../../src/model/live-state.js'
import type {ProductModel} from '../../src/model/product.js'
import type {DiffOptions} from '../../src/plan/diff.js'

import {desiredBrands, desiredCategories} from '../../src/model/desired.js'
import {brandMatchKey, productMatchKey} from '../../src/model/kinds.js'
import {normaliseProduct} from '../../src/model/normalise.js'

/** A product in normal form with sensible values; override what the test is about. */
export function aProduct(overrides: Partial<ProductModel> = {}): ProductModel {
  return normaliseProduct({
    sku: 'TEE-CLASSIC',
    name: 'Classic Tee',
    type: 'physical',
    description: '<p>A classic tee.</p>',
    brand: 'Acme',
    price: 24,
    sale_price: 0,
    cost_price: 8,
    retail_price: 0,
    weight: 0.2,
    width: 0,
    height: 0,
    depth: 0,
    is_visible: true,
    availability: 'available',
    categories: ['Apparel/Tops'],
    images: [{url: 'https://img.example/tee.jpg', alt: 'Tee'}],
    custom_fields: [{name: 'Material', value: 'Cotton'}],
    metafields: [],
    mapped: {},
    ...overrides,
  })
}

export function aDesiredState(
  products: Array<ProductModel | DesiredProduct>,
  overrides: Partial<DesiredState> = {},
): DesiredState {
  const entries = products.map((product) => ('model' in product ? product : {model: product}))
  const models = entries.map((entry) => entry.model)
  return {
    products: entries,
    brands: desiredBrands(models),
    categories: desiredCategories(models),
    categoryMode: 'auto_create',
    categoryTreeId: 1,
    staticCategories: {},
    metafieldNamespaces: [],
    mappedFields: [],
    locations: [],
    stock: [],
    ...overrides,
  }
}

export interface LiveProductSpec {
  model: ProductModel
  managed?: boolean
  id?: number
}

/**
 * A live store holding these products (managed unless `managed: false`), the brands and category paths
 * given (default: every brand and category the products use, so nothing needs creating).
 */
export function aLiveState(
  products: Array<ProductModel | LiveProductSpec>,
  extra: {brands?: string[]; categories?: string[]; unkeyedProducts?: number} = {},
): LiveState {
  const specs = products.map((product) => ('model' in product ? product : {model: product}))
  const models = specs.map((spec) => spec.model)
  const brandNames = extra.brands ?? desiredBrands(models).map((brand) => brand.name)
  const categoryPaths = extra.categories ?? desiredCategories(models).map((category) => category.path)
  const state: LiveState = {
    products: models,
    brands: brandNames.map((name) => ({name})),
    categories: categoryPaths.map((path) => ({path})),
    ids: {products: {}, brands: {}, categories: {}, locations: {}},
    unkeyedProducts: extra.unkeyedProducts ?? 0,
    locations: [],
    stock: [],
  }
  specs.forEach((spec, index) => {
    state.ids.products[productMatchKey(spec.model.sku)] = liveIds(
      spec.id ?? 100 + index,
      spec.managed ?? true,
    )
  })
  brandNames.forEach((name, index) => (state.ids.brands[brandMatchKey(name)] = 10 + index))
  categoryPaths.forEach((path, index) => (state.ids.categories[path] = 20 + index))
  return state
}

function liveIds(id: number, managed: boolean): LiveProductIds {
  return {
    id,
    date_modified: '2026-01-01T00:00:00+00:00',
    imageIds: [],
    customFieldIds: {},
    metafieldIds: {},
    ownershipMetafieldId: managed ? 9000 + id : null,
  }
}

export function diffOptions(overrides: Partial<DiffOptions> = {}): DiffOptions {
  return {
    scope: 'all',
    mode: 'full',
    storeHash: 'abc123',
    commit: '0123456789abcdef0123456789abcdef01234567',
    version: '0.1.0',
    now: '2026-12-03T12:00:00.000Z',
    ...overrides,
  }
}
