import {fail, notFound} from '../api-errors.js'
import {assertFields, pickFields} from '../field-rules.js'
import type {FieldRules} from '../field-rules.js'
import type {ApiRequest, RouteDefinition} from '../http-types.js'
import {intListParam, objectBody, paginate, projectFields, readPage} from '../listing.js'
import {newBrand} from '../product-references.js'
import type {SandboxStore} from '../store.js'
import {applyChanges} from '../store.js'
import type {Json} from '../state.js'

/** S-B brand fields; `name` is unique (409). */
const BRAND_RULES: FieldRules = {
  name: {type: 'string', min: 1, max: 255, required: true},
  page_title: {type: 'string', max: 255},
  meta_keywords: {type: 'array'},
  meta_description: {type: 'string', max: 65535},
  search_keywords: {type: 'string', max: 65535},
  image_url: {type: 'string'},
  custom_url: {type: 'object'},
}

const MAX_BRANDS = 30_000

function findBrand(store: SandboxStore, request: ApiRequest): Json {
  const brand = store.data.brands.find((candidate) => candidate.id === Number(request.params.brand_id))
  if (!brand) notFound('The brand was not found.')
  return brand
}

function assertNameFree(store: SandboxStore, name: string, id?: number): void {
  if (
    store.data.brands.some(
      (brand) => brand.id !== id && (brand.name as string).toLowerCase() === name.toLowerCase(),
    )
  ) {
    fail(409, 'Brand name is a duplicate', {name: `Brand name "${name}" is already in use`})
  }
}

function filterBrands(store: SandboxStore, request: ApiRequest): Json[] {
  const ids = intListParam(request.query, 'id:in') ?? intListParam(request.query, 'id')
  const name = request.query.get('name')
  const like = request.query.get('name:like')?.toLowerCase()
  return store.data.brands.filter(
    (brand) =>
      (!ids || ids.has(brand.id as number)) &&
      (name === null || brand.name === name) &&
      (like === undefined || (brand.name as string).toLowerCase().includes(like)),
  )
}

function unlinkBrand(store: SandboxStore, brandId: number): void {
  for (const product of store.products.values())
    if (product.data.brand_id === brandId) product.data.brand_id = 0
}

export const brandRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/v3/catalog/brands',
    scope: 'products',
    handler: (request, store) => {
      const result = paginate(filterBrands(store, request), readPage(request.query, 50, 250))
      const project = projectFields(request.query)
      return {status: 200, body: {data: project ? result.data.map(project) : result.data, meta: result.meta}}
    },
  },
  {
    method: 'POST',
    template: '/v3/catalog/brands',
    scope: 'products',
    handler: (request, store) => {
      const input = objectBody(request.body)
      assertFields(input, BRAND_RULES, {creating: true})
      assertNameFree(store, input.name as string)
      if (store.data.brands.length >= MAX_BRANDS) fail(422, `A store can have at most ${MAX_BRANDS} brands`)
      const brand = {
        ...newBrand(store.nextId('brand'), input.name as string),
        ...pickFields(input, BRAND_RULES),
      }
      store.data.brands.push(brand)
      store.touch()
      return {status: 200, body: {data: brand, meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: '/v3/catalog/brands',
    scope: 'products',
    handler: (request, store) => {
      if (request.query.get('name') === null) fail(422, 'The name filter is required', {name: 'required'})
      const doomed = new Set(filterBrands(store, request).map((brand) => brand.id as number))
      store.data.brands = store.data.brands.filter((brand) => !doomed.has(brand.id as number))
      for (const id of doomed) unlinkBrand(store, id)
      store.touch()
      return {status: 204}
    },
  },
  {
    method: 'GET',
    template: '/v3/catalog/brands/{brand_id}',
    scope: 'products',
    handler: (request, store) => ({status: 200, body: {data: findBrand(store, request), meta: {}}}),
  },
  {
    method: 'PUT',
    template: '/v3/catalog/brands/{brand_id}',
    scope: 'products',
    handler: (request, store) => {
      const brand = findBrand(store, request)
      const input = objectBody(request.body)
      assertFields(input, BRAND_RULES, {creating: false})
      if (typeof input.name === 'string') assertNameFree(store, input.name, brand.id as number)
      if (applyChanges(brand, pickFields(input, BRAND_RULES))) store.touch()
      return {status: 200, body: {data: brand, meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: '/v3/catalog/brands/{brand_id}',
    scope: 'products',
    handler: (request, store) => {
      const brand = findBrand(store, request)
      store.data.brands = store.data.brands.filter((candidate) => candidate !== brand)
      unlinkBrand(store, brand.id as number)
      store.touch()
      return {status: 204}
    },
  },
]
