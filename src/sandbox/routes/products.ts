import {fail, notFound} from '../api-errors.js'
import {renderProduct, renderProductJson} from '../catalog-views.js'
import type {ApiRequest, RouteDefinition} from '../http-types.js'
import {
  arrayBody,
  boolParam,
  dateParam,
  intListParam,
  listParam,
  objectBody,
  paginate,
  projectFields,
  readPage,
} from '../listing.js'
import {createProduct, prepareProductUpdate} from '../product-writes.js'
import type {SandboxStore} from '../store.js'
import type {ProductRecord} from '../state.js'
import {deleteStockFor} from '../stock.js'

const BASE = '/v3/catalog/products'
const INCLUDES = new Set([
  'variants',
  'images',
  'custom_fields',
  'bulk_pricing_rules',
  'primary_image',
  'modifiers',
  'options',
  'videos',
  'reviews',
  'parent_relations',
  'channels',
])

function readIncludes(request: ApiRequest): Set<string> {
  const include = new Set(listParam(request.query, 'include') ?? [])
  for (const name of include)
    if (!INCLUDES.has(name)) fail(422, `Invalid include ${name}`, {include: `${name} is not a valid include`})
  return include
}

/** Applies the list filters of S-P `getProducts` that catalog tooling relies on. */
function filterProducts(store: SandboxStore, request: ApiRequest): ProductRecord[] {
  const query = request.query
  const ids = intListParam(query, 'id:in')
  const id = intListParam(query, 'id')
  const notIn = intListParam(query, 'id:not_in')
  const idMin = intListParam(query, 'id:min')
  const idMax = intListParam(query, 'id:max')
  const sku = query.get('sku')?.toLowerCase()
  const skus = listParam(query, 'sku:in')?.map((value) => value.toLowerCase())
  const skuSet = skus ? new Set(skus) : undefined
  const name = query.get('name')
  const nameLike = query.get('name:like')?.toLowerCase()
  const brandId = intListParam(query, 'brand_id')
  const categories = intListParam(query, 'categories:in') ?? intListParam(query, 'categories')
  const visible = boolParam(query, 'is_visible')
  const type = query.get('type')
  const now = new Date()
  const modifiedMin = dateParam(query, 'date_modified:min', now)
  const modifiedMax = dateParam(query, 'date_modified:max', now)
  const modified = dateParam(query, 'date_modified', now)
  const out: ProductRecord[] = []
  for (const product of store.products.values()) {
    const data = product.data
    if (ids && !ids.has(data.id)) continue
    if (id && !id.has(data.id)) continue
    if (notIn?.has(data.id)) continue
    if (idMin && data.id < Math.min(...idMin)) continue
    if (idMax && data.id > Math.max(...idMax)) continue
    if (sku !== undefined && data.sku.toLowerCase() !== sku) continue
    if (skuSet && !skuSet.has(data.sku.toLowerCase())) continue
    if (name !== null && data.name !== name) continue
    if (nameLike !== undefined && !data.name.toLowerCase().includes(nameLike)) continue
    if (brandId && !brandId.has(data.brand_id as number)) continue
    if (categories && !(data.categories as number[]).some((category) => categories.has(category))) continue
    if (visible !== undefined && data.is_visible !== visible) continue
    if (type !== null && data.type !== type) continue
    if (modifiedMin !== undefined || modifiedMax !== undefined || modified !== undefined) {
      const time = Date.parse(data.date_modified)
      if (modifiedMin !== undefined && time < modifiedMin) continue
      if (modifiedMax !== undefined && time > modifiedMax) continue
      if (modified !== undefined && time !== modified) continue
    }
    out.push(product)
  }
  return out
}

const SORTABLE = new Set([
  'id',
  'name',
  'sku',
  'price',
  'date_modified',
  'inventory_level',
  'is_visible',
  'total_sold',
])

function sortProducts(request: ApiRequest, products: ProductRecord[]): ProductRecord[] {
  const sort = request.query.get('sort')
  if (sort === null) return products
  if (!SORTABLE.has(sort)) fail(422, `Invalid sort ${sort}`, {sort: `${sort} is not sortable`})
  const direction = request.query.get('direction') === 'desc' ? -1 : 1
  return [...products].sort((a, b) => {
    const left = a.data[sort] as string | number
    const right = b.data[sort] as string | number
    return (left < right ? -1 : left > right ? 1 : a.data.id - b.data.id) * direction
  })
}

export const productRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: BASE,
    scope: 'products',
    handler: (request, store) => {
      const include = readIncludes(request)
      // S-P: including options or modifiers caps the page at 10 items.
      const max = include.has('options') || include.has('modifiers') ? 10 : 250
      const page = readPage(request.query, 50, 250)
      if (page.limit > max) page.limit = max
      const matches = store.filtered('products', request.query, request.clientId, () =>
        sortProducts(request, filterProducts(store, request)),
      )
      const result = paginate(matches, page)
      const project = projectFields(request.query)
      if (project) {
        const data = result.data.map((product) => project(renderProduct(store, product, include)))
        return {status: 200, body: {data, meta: result.meta}}
      }
      const data = result.data.map((product) => renderProductJson(store, product, include)).join(',')
      return {status: 200, json: `{"data":[${data}],"meta":${JSON.stringify(result.meta)}}`}
    },
  },
  {
    method: 'POST',
    template: BASE,
    scope: 'products',
    handler: (request, store) => {
      const product = createProduct(store, objectBody(request.body))
      return {
        status: 200,
        body: {
          data: renderProduct(store, product, new Set(['variants', 'images', 'custom_fields'])),
          meta: {},
        },
      }
    },
  },
  {
    method: 'PUT',
    template: BASE,
    scope: 'products',
    handler: (request, store) => {
      // S-P updateProducts: an array of at most 10 products, each with `id`.
      const items = arrayBody(request.body, 10)
      const pendingSkus = new Set<string>()
      const pendingNames = new Set<string>()
      const appliers = items.map((item, index) => {
        if (typeof item.id !== 'number')
          fail(422, 'JSON data is missing or invalid', {[`${index}.id`]: 'id is required'})
        const product = store.products.get(item.id)
        if (!product) notFound(`Product ${item.id} was not found.`)
        if (item.variants !== undefined)
          fail(422, 'JSON data is missing or invalid', {
            [`${index}.variants`]: 'variants cannot be updated in a batch; use /catalog/variants',
          })
        return {product, apply: prepareProductUpdate(store, product, item, pendingSkus, pendingNames)}
      })
      for (const {apply} of appliers) apply()
      const data = appliers.map(({product}) => renderProduct(store, product, new Set()))
      return {status: 200, body: {data, meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: BASE,
    scope: 'products',
    handler: (request, store) => {
      const filters = [...request.query.keys()].filter((key) => key !== 'page' && key !== 'limit')
      if (filters.length === 0) fail(422, 'A filter is required to delete products', {'id:in': 'required'})
      const ids = intListParam(request.query, 'id:in')
      if (ids && ids.size > 250)
        fail(413, 'The request payload is too large. The maximum items allowed in the array is 250')
      for (const product of filterProducts(store, request)) removeProduct(store, product)
      return {status: 204}
    },
  },
  {
    method: 'GET',
    template: `${BASE}/{product_id}`,
    scope: 'products',
    handler: (request, store) => {
      const product = store.product(request.params.product_id as string)
      const rendered = renderProduct(store, product, readIncludes(request))
      const project = projectFields(request.query)
      return {status: 200, body: {data: project ? project(rendered) : rendered, meta: {}}}
    },
  },
  {
    method: 'PUT',
    template: `${BASE}/{product_id}`,
    scope: 'products',
    handler: (request, store) => {
      const product = store.product(request.params.product_id as string)
      prepareProductUpdate(store, product, objectBody(request.body), new Set(), new Set())()
      return {
        status: 200,
        body: {
          data: renderProduct(store, product, new Set(['variants', 'images', 'custom_fields'])),
          meta: {},
        },
      }
    },
  },
  {
    method: 'DELETE',
    template: `${BASE}/{product_id}`,
    scope: 'products',
    handler: (request, store) => {
      removeProduct(store, store.product(request.params.product_id as string))
      return {status: 204}
    },
  },
]

export function removeProduct(store: SandboxStore, product: ProductRecord): void {
  store.unindexProduct(product)
  deleteStockFor(store, `p${product.data.id}`)
  for (const variant of product.variants) deleteStockFor(store, `v${variant.data.id}`)
  const variantIds = new Set(product.variants.map((variant) => variant.data.id))
  store.data.priceRecords = store.data.priceRecords.filter((record) => !variantIds.has(record.variant_id))
  store.invalidatePriceIndex()
  store.touch()
}
