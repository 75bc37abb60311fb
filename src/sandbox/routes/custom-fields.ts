import {fail, notFound} from '../api-errors.js'
import {assertFields} from '../field-rules.js'
import type {ApiRequest, RouteDefinition} from '../http-types.js'
import {objectBody, paginate, readPage} from '../listing.js'
import {MAX_CUSTOM_FIELDS} from '../custom-field-writes.js'
import type {SandboxStore} from '../store.js'
import type {ProductRecord} from '../state.js'

const BASE = '/v3/catalog/products/{product_id}/custom-fields'
/** S-P customFieldPost: name and value 1–250 characters. */
const RULES = {
  name: {type: 'string', min: 1, max: 250, required: true},
  value: {type: 'string', min: 1, max: 250, required: true},
} as const

function findField(
  store: SandboxStore,
  request: ApiRequest,
): {product: ProductRecord; field: ProductRecord['customFields'][number]} {
  const product = store.product(request.params.product_id as string)
  const field = product.customFields.find(
    (candidate) => candidate.id === Number(request.params.custom_field_id),
  )
  if (!field) notFound('The custom field was not found.')
  return {product, field}
}

/** A name+value pair is unique within its product. */
function assertPairFree(product: ProductRecord, name: string, value: string, selfId?: number): void {
  if (
    product.customFields.some((field) => field.id !== selfId && field.name === name && field.value === value)
  ) {
    fail(409, 'A custom field with this name and value already exists on the product', {
      name: `${name}: ${value} is a duplicate`,
    })
  }
}

function touch(store: SandboxStore, product: ProductRecord): void {
  product.data.date_modified = store.now()
  store.touch()
}

export const customFieldRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: BASE,
    scope: 'products',
    handler: (request, store) => ({
      status: 200,
      body: paginate(
        store.product(request.params.product_id as string).customFields,
        readPage(request.query, 50, 250),
      ),
    }),
  },
  {
    method: 'POST',
    template: BASE,
    scope: 'products',
    handler: (request, store) => {
      const product = store.product(request.params.product_id as string)
      const input = objectBody(request.body)
      assertFields(input, RULES, {creating: true})
      if (product.customFields.length >= MAX_CUSTOM_FIELDS)
        fail(422, `A product can have at most ${MAX_CUSTOM_FIELDS} custom fields`, {
          custom_fields: 'limit reached',
        })
      assertPairFree(product, input.name as string, input.value as string)
      const field = {
        id: store.nextId('customField'),
        name: input.name as string,
        value: input.value as string,
      }
      product.customFields.push(field)
      touch(store, product)
      return {status: 200, body: {data: field, meta: {}}}
    },
  },
  {
    method: 'GET',
    template: `${BASE}/{custom_field_id}`,
    scope: 'products',
    handler: (request, store) => ({status: 200, body: {data: findField(store, request).field, meta: {}}}),
  },
  {
    method: 'PUT',
    template: `${BASE}/{custom_field_id}`,
    scope: 'products',
    handler: (request, store) => {
      const {product, field} = findField(store, request)
      const input = objectBody(request.body)
      assertFields(input, RULES, {creating: false})
      const name = (input.name as string | undefined) ?? field.name
      const value = (input.value as string | undefined) ?? field.value
      assertPairFree(product, name, value, field.id)
      if (name !== field.name || value !== field.value) {
        field.name = name
        field.value = value
        touch(store, product)
      }
      return {status: 200, body: {data: field, meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: `${BASE}/{custom_field_id}`,
    scope: 'products',
    handler: (request, store) => {
      const {product, field} = findField(store, request)
      product.customFields = product.customFields.filter((candidate) => candidate !== field)
      touch(store, product)
      return {status: 204}
    },
  },
]
