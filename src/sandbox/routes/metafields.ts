import type {RouteDefinition} from '../http-types.js'
import type {MetafieldHost} from '../metafield-rules.js'
import {batchHandlers, entityHandlers} from '../metafield-rules.js'
import type {MetafieldRecord} from '../state.js'

const productHost: MetafieldHost = {
  resourceType: 'product',
  listFor: (store, id) => store.products.get(id)?.metafields,
  allLists: function* (store) {
    for (const product of store.products.values()) yield product.metafields
  },
}

const variantHost: MetafieldHost = {
  resourceType: 'variant',
  listFor: (store, id) => store.variant(id)?.variant.metafields,
  allLists: function* (store) {
    for (const product of store.products.values())
      for (const variant of product.variants) yield variant.metafields
  },
}

function variantListChecked(
  store: Parameters<MetafieldHost['listFor']>[0],
  productId: number,
  variantId: number,
): MetafieldRecord[] | undefined {
  const found = store.variant(variantId)
  return found && found.product.data.id === productId ? found.variant.metafields : undefined
}

const product = entityHandlers(productHost, (request) => Number(request.params.product_id))
const variant = entityHandlers(
  {...variantHost, listFor: (store, id) => store.variant(id)?.variant.metafields},
  (request, store) => {
    // A variant addressed under the wrong product does not exist there.
    const id = Number(request.params.variant_id)
    return variantListChecked(store, Number(request.params.product_id), id) ? id : -1
  },
)
const productBatch = batchHandlers(productHost)
const variantBatch = batchHandlers(variantHost)

const P = '/v3/catalog/products/{product_id}/metafields'
const V = '/v3/catalog/products/{product_id}/variants/{variant_id}/metafields'

export const metafieldRoutes: RouteDefinition[] = [
  {method: 'GET', template: P, scope: 'products', handler: product.list},
  {method: 'POST', template: P, scope: 'products', handler: product.create},
  {method: 'GET', template: `${P}/{metafield_id}`, scope: 'products', handler: product.get},
  {method: 'PUT', template: `${P}/{metafield_id}`, scope: 'products', handler: product.update},
  {method: 'DELETE', template: `${P}/{metafield_id}`, scope: 'products', handler: product.remove},
  {method: 'GET', template: V, scope: 'products', handler: variant.list},
  {method: 'POST', template: V, scope: 'products', handler: variant.create},
  {method: 'GET', template: `${V}/{metafield_id}`, scope: 'products', handler: variant.get},
  {method: 'PUT', template: `${V}/{metafield_id}`, scope: 'products', handler: variant.update},
  {method: 'DELETE', template: `${V}/{metafield_id}`, scope: 'products', handler: variant.remove},
  {method: 'GET', template: '/v3/catalog/products/metafields', scope: 'products', handler: productBatch.list},
  {
    method: 'POST',
    template: '/v3/catalog/products/metafields',
    scope: 'products',
    handler: productBatch.create,
  },
  {
    method: 'PUT',
    template: '/v3/catalog/products/metafields',
    scope: 'products',
    handler: productBatch.update,
  },
  {
    method: 'DELETE',
    template: '/v3/catalog/products/metafields',
    scope: 'products',
    handler: productBatch.remove,
  },
  {method: 'GET', template: '/v3/catalog/variants/metafields', scope: 'products', handler: variantBatch.list},
  {
    method: 'POST',
    template: '/v3/catalog/variants/metafields',
    scope: 'products',
    handler: variantBatch.create,
  },
  {
    method: 'PUT',
    template: '/v3/catalog/variants/metafields',
    scope: 'products',
    handler: variantBatch.update,
  },
  {
    method: 'DELETE',
    template: '/v3/catalog/variants/metafields',
    scope: 'products',
    handler: variantBatch.remove,
  },
]
