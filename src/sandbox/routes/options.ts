import {fail, notFound} from '../api-errors.js'
import {renderOption, renderOptionValue} from '../catalog-views.js'
import {assertFields, pickFields} from '../field-rules.js'
import type {FieldRules} from '../field-rules.js'
import type {ApiRequest, RouteDefinition} from '../http-types.js'
import {objectBody, paginate, readPage} from '../listing.js'
import {variantDefaults} from '../product-fields.js'
import {MAX_VALUES_PER_OPTION} from '../variant-writes.js'
import type {SandboxStore} from '../store.js'
import {applyChanges} from '../store.js'
import type {Json, OptionRecord, OptionValueRecord, ProductRecord} from '../state.js'
import {removeVariant} from './variants.js'

const BASE = '/v3/catalog/products/{product_id}/options'

/** S-O createProductVariantOption: one option per call; creating options does not create variants. */
const OPTION_RULES: FieldRules = {
  display_name: {type: 'string', min: 1, max: 255, required: true},
  type: {
    type: 'string',
    enum: ['radio_buttons', 'rectangles', 'dropdown', 'product_list', 'product_list_with_images', 'swatch'],
    required: true,
  },
  sort_order: {type: 'integer'},
  option_values: {type: 'array', required: true},
}

const VALUE_RULES: FieldRules = {
  label: {type: 'string', min: 1, max: 255, required: true},
  sort_order: {type: 'integer', required: true},
  is_default: {type: 'boolean'},
  value_data: {type: 'object', nullable: true},
}

function findOption(
  store: SandboxStore,
  request: ApiRequest,
): {product: ProductRecord; option: OptionRecord} {
  const product = store.product(request.params.product_id as string)
  const option = product.options.find((candidate) => candidate.id === Number(request.params.option_id))
  if (!option) notFound('The option was not found.')
  return {product, option}
}

function findValue(
  store: SandboxStore,
  request: ApiRequest,
): {product: ProductRecord; option: OptionRecord; value: OptionValueRecord} {
  const {product, option} = findOption(store, request)
  const value = option.option_values.find((candidate) => candidate.id === Number(request.params.value_id))
  if (!value) notFound('The option value was not found.')
  return {product, option, value}
}

function checkValues(option: OptionRecord | undefined, values: Json[]): void {
  const labels = new Set(option?.option_values.map((value) => value.label.toLowerCase()))
  for (const value of values) {
    assertFields(value, VALUE_RULES, {creating: true})
    const label = (value.label as string).toLowerCase()
    if (labels.has(label))
      fail(409, 'Option value labels must be unique within the option', {
        label: `${String(value.label)} is a duplicate`,
      })
    labels.add(label)
  }
  if (labels.size > MAX_VALUES_PER_OPTION)
    fail(422, `An option can have at most ${MAX_VALUES_PER_OPTION} values`, {option_values: 'limit reached'})
}

function newValue(store: SandboxStore, input: Json): OptionValueRecord {
  return {
    id: store.nextId('optionValue'),
    label: input.label as string,
    sort_order: input.sort_order as number,
    is_default: input.is_default === true,
    value_data: (input.value_data as Json | undefined) ?? null,
  }
}

/** Variants built on removed option values go with them; a product left without variants gets a base variant again. */
function dropVariantsUsing(store: SandboxStore, product: ProductRecord, valueIds: Set<number>): void {
  for (const variant of [...product.variants]) {
    if (variant.optionValueIds.some((ref) => valueIds.has(ref.id))) removeVariant(store, product, variant)
  }
  if (product.variants.length === 0) {
    const base = {
      data: Object.assign(variantDefaults(), {
        id: store.nextId('variant'),
        product_id: product.data.id,
        sku: product.data.sku,
      }),
      optionValueIds: [],
      metafields: [],
    }
    product.variants.push(base)
    product.data.base_variant_id = base.data.id
    store.indexVariant(product, base)
  }
}

function touch(store: SandboxStore, product: ProductRecord): void {
  product.data.date_modified = store.now()
  store.touch()
}

export const optionRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: BASE,
    scope: 'products',
    handler: (request, store) => {
      const product = store.product(request.params.product_id as string)
      const result = paginate(product.options, readPage(request.query, 50, 250))
      return {status: 200, body: {data: result.data.map(renderOption), meta: result.meta}}
    },
  },
  {
    method: 'POST',
    template: BASE,
    scope: 'products',
    handler: (request, store) => {
      const product = store.product(request.params.product_id as string)
      const input = objectBody(request.body)
      assertFields(input, OPTION_RULES, {creating: true})
      if (product.options.some((option) => option.display_name === input.display_name)) {
        fail(409, 'An option with this display name already exists on the product', {
          display_name: 'duplicate',
        })
      }
      const values = input.option_values as Json[]
      checkValues(undefined, values)
      const option: OptionRecord = {
        id: store.nextId('option'),
        product_id: product.data.id,
        display_name: input.display_name as string,
        type: input.type as string,
        sort_order: (input.sort_order as number | undefined) ?? product.options.length,
        option_values: values.map((value) => newValue(store, value)),
      }
      product.options.push(option)
      touch(store, product)
      return {status: 200, body: {data: renderOption(option), meta: {}}}
    },
  },
  {
    method: 'GET',
    template: `${BASE}/{option_id}`,
    scope: 'products',
    handler: (request, store) => ({
      status: 200,
      body: {data: renderOption(findOption(store, request).option), meta: {}},
    }),
  },
  {
    method: 'PUT',
    template: `${BASE}/{option_id}`,
    scope: 'products',
    handler: (request, store) => {
      const {product, option} = findOption(store, request)
      const input = objectBody(request.body)
      assertFields(input, OPTION_RULES, {creating: false})
      const changes = pickFields(input, {
        display_name: OPTION_RULES.display_name as never,
        type: OPTION_RULES.type as never,
        sort_order: OPTION_RULES.sort_order as never,
      })
      if (applyChanges(option, changes)) touch(store, product)
      return {status: 200, body: {data: renderOption(option), meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: `${BASE}/{option_id}`,
    scope: 'products',
    handler: (request, store) => {
      const {product, option} = findOption(store, request)
      product.options = product.options.filter((candidate) => candidate !== option)
      dropVariantsUsing(store, product, new Set(option.option_values.map((value) => value.id)))
      touch(store, product)
      return {status: 204}
    },
  },
  {
    method: 'GET',
    template: `${BASE}/{option_id}/values`,
    scope: 'products',
    handler: (request, store) => {
      const page = paginate(findOption(store, request).option.option_values, readPage(request.query, 50, 250))
      return {status: 200, body: {data: page.data.map(renderOptionValue), meta: page.meta}}
    },
  },
  {
    method: 'POST',
    template: `${BASE}/{option_id}/values`,
    scope: 'products',
    handler: (request, store) => {
      const {product, option} = findOption(store, request)
      const input = objectBody(request.body)
      checkValues(option, [input])
      const value = newValue(store, input)
      option.option_values.push(value)
      touch(store, product)
      return {status: 200, body: {data: renderOptionValue(value), meta: {}}}
    },
  },
  {
    method: 'GET',
    template: `${BASE}/{option_id}/values/{value_id}`,
    scope: 'products',
    handler: (request, store) => ({
      status: 200,
      body: {data: renderOptionValue(findValue(store, request).value), meta: {}},
    }),
  },
  {
    method: 'PUT',
    template: `${BASE}/{option_id}/values/{value_id}`,
    scope: 'products',
    handler: (request, store) => {
      const {product, option, value} = findValue(store, request)
      const input = objectBody(request.body)
      assertFields(input, VALUE_RULES, {creating: false})
      if (
        typeof input.label === 'string' &&
        option.option_values.some(
          (other) => other !== value && other.label.toLowerCase() === (input.label as string).toLowerCase(),
        )
      ) {
        fail(409, 'Option value labels must be unique within the option', {label: 'duplicate'})
      }
      if (applyChanges(value, pickFields(input, VALUE_RULES))) touch(store, product)
      return {status: 200, body: {data: renderOptionValue(value), meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: `${BASE}/{option_id}/values/{value_id}`,
    scope: 'products',
    handler: (request, store) => {
      const {product, option, value} = findValue(store, request)
      option.option_values = option.option_values.filter((candidate) => candidate !== value)
      dropVariantsUsing(store, product, new Set([value.id]))
      touch(store, product)
      return {status: 204}
    },
  },
]
