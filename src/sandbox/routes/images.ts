import {notFound} from '../api-errors.js'
import {assertFields, pickFields} from '../field-rules.js'
import type {ApiRequest, RouteDefinition} from '../http-types.js'
import {objectBody, paginate, readPage} from '../listing.js'
import {buildImage, settleThumbnail} from '../image-writes.js'
import type {Json, ProductRecord} from '../state.js'
import {applyChanges, type SandboxStore} from '../store.js'

const BASE = '/v3/catalog/products/{product_id}/images'
/** S-P productImage_Post_Put, JSON (image_url) uploads: `image_url` up to 255 characters. */
const RULES = {
  image_url: {type: 'string', min: 1, max: 255, required: true},
  is_thumbnail: {type: 'boolean'},
  sort_order: {type: 'integer', min: -2147483648, max: 2147483647},
  description: {type: 'string'},
} as const

function findImage(store: SandboxStore, request: ApiRequest): {product: ProductRecord; image: Json} {
  const product = store.product(request.params.product_id as string)
  const image = product.images.find((candidate) => candidate.id === Number(request.params.image_id))
  if (!image) notFound('The requested image was not found.')
  return {product, image}
}

function touch(store: SandboxStore, product: ProductRecord): void {
  product.data.date_modified = store.now()
  store.touch()
}

/** The sandbox "CDN" serves the original URL in every `url_*` field (as buildImage does). */
function pointAt(image: Json, url: string): void {
  image.image_file = url.split('/').pop() ?? url
  for (const field of ['url_zoom', 'url_standard', 'url_thumbnail', 'url_tiny']) image[field] = url
}

/** Product images one at a time (S-P `/catalog/products/{product_id}/images[/{image_id}]`). */
export const imageRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: BASE,
    scope: 'products',
    handler: (request, store) => ({
      status: 200,
      body: paginate(
        store.product(request.params.product_id as string).images,
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
      const image = buildImage(store, product, input)
      product.images.push(image)
      settleThumbnail(product, image)
      touch(store, product)
      return {status: 200, body: {data: image, meta: {}}}
    },
  },
  {
    method: 'GET',
    template: `${BASE}/{image_id}`,
    scope: 'products',
    handler: (request, store) => ({status: 200, body: {data: findImage(store, request).image, meta: {}}}),
  },
  {
    method: 'PUT',
    template: `${BASE}/{image_id}`,
    scope: 'products',
    handler: (request, store) => {
      const {product, image} = findImage(store, request)
      const input = objectBody(request.body)
      assertFields(input, RULES, {creating: false})
      const {image_url: url, ...rest} = pickFields(input, RULES)
      let changed = applyChanges(image, rest)
      if (typeof url === 'string' && url !== image.url_standard) {
        pointAt(image, url)
        changed = true
      }
      if (input.is_thumbnail !== undefined) settleThumbnail(product, image)
      if (changed) {
        image.date_modified = store.now()
        touch(store, product)
      }
      return {status: 200, body: {data: image, meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: `${BASE}/{image_id}`,
    scope: 'products',
    handler: (request, store) => {
      const {product, image} = findImage(store, request)
      product.images = product.images.filter((candidate) => candidate !== image)
      settleThumbnail(product)
      touch(store, product)
      return {status: 204}
    },
  },
]
