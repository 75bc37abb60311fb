import {ApiFailure, ERROR_TYPE, fail, notFound, tooLarge} from '../api-errors.js'
import {renderVariant} from '../catalog-views.js'
import type {ApiRequest, RouteDefinition} from '../http-types.js'
import {
  arrayBody,
  intListParam,
  listParam,
  itemRanges,
  objectBody,
  PageWindow,
  pageOfRanges,
  paginate,
  projectFields,
  readPage,
} from '../listing.js'
import {MAX_VARIANTS_PER_PRODUCT, addVariant, checkVariantInput, updateVariant} from '../variant-writes.js'
import {owningProducts} from '../owning-products.js'
import type {SandboxStore} from '../store.js'
import type {Json, ProductRecord, VariantRecord} from '../state.js'
import {deleteStockFor} from '../stock.js'

const PER_PRODUCT = '/v3/catalog/products/{product_id}/variants'
/** S-V updateVariantsBatch: "Currently the limit is 50 variants". */
const MAX_BATCH = 50

function findVariant(
  store: SandboxStore,
  request: ApiRequest,
): {product: ProductRecord; variant: VariantRecord} {
  const product = store.product(request.params.product_id as string)
  const variant = product.variants.find(
    (candidate) => candidate.data.id === Number(request.params.variant_id),
  )
  if (!variant) notFound('The variant was not found.')
  return {product, variant}
}

function touchProduct(store: SandboxStore, product: ProductRecord): void {
  product.data.date_modified = store.now()
  store.touch()
}

function assertRoom(product: ProductRecord, adding: number): void {
  const optionVariants = product.variants.filter(
    (variant) => variant.data.id !== product.data.base_variant_id,
  ).length
  if (optionVariants + adding > MAX_VARIANTS_PER_PRODUCT) {
    fail(422, `A product can have at most ${MAX_VARIANTS_PER_PRODUCT} variants`, {variants: 'limit reached'})
  }
}

type ListedVariant = {product: ProductRecord; variant: VariantRecord}

/**
 * One page of `GET /v3/catalog/variants`. Unfiltered, a page is found through the store's running variant
 * counts (600,000 variants are read 250 at a time); filtered, only the products owning the named ids and
 * SKUs are looked at.
 */
function pageOfVariants(store: SandboxStore, request: ApiRequest): {data: ListedVariant[]; meta: Json} {
  const q = request.query
  const ids = intListParam(q, 'id:in') ?? intListParam(q, 'id')
  const productIds = intListParam(q, 'product_id:in')
  const skus = (listParam(q, 'sku:in') ?? listParam(q, 'sku'))?.map((sku) => sku.toLowerCase())
  const skuSet = skus ? new Set(skus) : undefined
  const upc = q.get('upc')
  const page = readPage(q, 50, 250)
  const expand = (product: ProductRecord): ListedVariant[] =>
    product.variants.map((variant) => ({product, variant}))
  if (!ids && !productIds && !skuSet && upc === null) {
    const ranges = store.derived('variants', () =>
      itemRanges(store.products.values(), (product) => product.variants.length),
    )
    return pageOfRanges(ranges, page, expand)
  }
  const window = new PageWindow<ListedVariant>(page)
  for (const product of owningProducts(store, {productIds, variantIds: ids, skus})) {
    for (const variant of product.variants) {
      if (ids && !ids.has(variant.data.id)) continue
      if (skuSet && !skuSet.has(variant.data.sku.toLowerCase())) continue
      if (upc !== null && variant.data.upc !== upc) continue
      window.offer({product, variant})
    }
  }
  return window.result()
}

function batchError(index: number, error: unknown): Json {
  if (!(error instanceof ApiFailure)) throw error
  const body = error.reply.body as {title: string; errors?: Record<string, string>}
  return {
    status: error.reply.status,
    title: body.title,
    type: ERROR_TYPE,
    instance: String(index),
    errors: body.errors ?? {},
  }
}

export const variantRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: PER_PRODUCT,
    scope: 'products',
    handler: (request, store) => {
      const product = store.product(request.params.product_id as string)
      const result = paginate(product.variants, readPage(request.query, 50, 250))
      const project = projectFields(request.query)
      const data = result.data.map((variant) => {
        const rendered = renderVariant(store, product, variant)
        return project ? project(rendered) : rendered
      })
      return {status: 200, body: {data, meta: result.meta}}
    },
  },
  {
    method: 'POST',
    template: PER_PRODUCT,
    scope: 'products',
    handler: (request, store) => {
      const product = store.product(request.params.product_id as string)
      const input = objectBody(request.body)
      assertRoom(product, 1)
      const refs = checkVariantInput(store, product, input, new Set())
      const variant = addVariant(store, product, input, refs)
      touchProduct(store, product)
      return {status: 200, body: {data: renderVariant(store, product, variant), meta: {}}}
    },
  },
  {
    method: 'GET',
    template: `${PER_PRODUCT}/{variant_id}`,
    scope: 'products',
    handler: (request, store) => {
      const {product, variant} = findVariant(store, request)
      return {status: 200, body: {data: renderVariant(store, product, variant), meta: {}}}
    },
  },
  {
    method: 'PUT',
    template: `${PER_PRODUCT}/{variant_id}`,
    scope: 'products',
    handler: (request, store) => {
      const {product, variant} = findVariant(store, request)
      const input = objectBody(request.body)
      checkVariantInput(store, product, input, new Set(), variant)
      if (updateVariant(store, product, variant, input)) touchProduct(store, product)
      return {status: 200, body: {data: renderVariant(store, product, variant), meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: `${PER_PRODUCT}/{variant_id}`,
    scope: 'products',
    handler: (request, store) => {
      const {product, variant} = findVariant(store, request)
      if (variant.data.id === product.data.base_variant_id) {
        fail(422, 'The base variant cannot be deleted; delete the product instead', {
          variant_id: 'base variant',
        })
      }
      removeVariant(store, product, variant)
      touchProduct(store, product)
      return {status: 204}
    },
  },
  {
    method: 'GET',
    template: '/v3/catalog/variants',
    scope: 'products',
    handler: (request, store) => {
      const result = pageOfVariants(store, request)
      const project = projectFields(request.query)
      const data = result.data.map(({product, variant}) => {
        const rendered = renderVariant(store, product, variant)
        return project ? project(rendered) : rendered
      })
      return {status: 200, body: {data, meta: result.meta}}
    },
  },
  {
    method: 'PUT',
    template: '/v3/catalog/variants',
    scope: 'products',
    handler: (request, store) => {
      if (Array.isArray(request.body) && request.body.length > MAX_BATCH) tooLarge(MAX_BATCH)
      const items = arrayBody(request.body, MAX_BATCH)
      // Validate every item first; with any failure nothing is applied and each failure is reported.
      const pending = new Set<string>()
      const combinations = new Set<string>()
      const errors: Json[] = []
      const plans: (() => VariantRecord)[] = []
      const adding = new Map<number, number>()
      items.forEach((item, index) => {
        try {
          if (typeof item.id === 'number') {
            const found = store.variant(item.id)
            if (!found) fail(404, `Variant ${item.id} was not found`, {id: 'not found'})
            checkVariantInput(store, found.product, item, pending, found.variant)
            plans.push(() => {
              if (updateVariant(store, found.product, found.variant, item)) touchProduct(store, found.product)
              return found.variant
            })
          } else {
            const product =
              typeof item.product_id === 'number' ? store.products.get(item.product_id) : undefined
            if (!product)
              fail(422, 'product_id is required to create a variant', {product_id: 'missing or unknown'})
            adding.set(product.data.id, (adding.get(product.data.id) ?? 0) + 1)
            assertRoom(product, adding.get(product.data.id) ?? 1)
            const refs = checkVariantInput(store, product, item, pending, undefined, combinations)
            plans.push(() => {
              const variant = addVariant(store, product, item, refs)
              touchProduct(store, product)
              return variant
            })
          }
        } catch (error) {
          errors.push(batchError(index, error))
        }
      })
      if (errors.length > 0) return {status: 422, body: {batch_errors: errors}}
      const data = plans.map((apply) => {
        const variant = apply()
        const product = store.products.get(variant.data.product_id) as ProductRecord
        return renderVariant(store, product, variant)
      })
      return {status: 200, body: {data, meta: {}}}
    },
  },
]

export function removeVariant(store: SandboxStore, product: ProductRecord, variant: VariantRecord): void {
  store.unindexVariant(product, variant)
  product.variants = product.variants.filter((candidate) => candidate !== variant)
  deleteStockFor(store, `v${variant.data.id}`)
  store.data.priceRecords = store.data.priceRecords.filter((record) => record.variant_id !== variant.data.id)
  store.invalidatePriceIndex()
}
