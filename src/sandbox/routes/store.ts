import type {RouteDefinition} from '../http-types.js'
import type {MetafieldHost} from '../metafield-rules.js'
import {batchHandlers, entityHandlers} from '../metafield-rules.js'

/** Store metafields hang off the store itself; resource_id is the store id (S-SI v3). */
export const STORE_RESOURCE_ID = 1

const storeHost: MetafieldHost = {
  resourceType: 'store',
  storeFlavour: true,
  listFor: (store, id) => (id === STORE_RESOURCE_ID ? store.data.storeMetafields : undefined),
  allLists: function* (store) {
    yield store.data.storeMetafields
  },
}

const batch = batchHandlers(storeHost)
const single = entityHandlers(storeHost, () => STORE_RESOURCE_ID)

export const storeRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/v2/time',
    scope: 'information',
    handler: (_request, store) => ({status: 200, body: {time: Math.floor(Date.parse(store.now()) / 1000)}}),
  },
  {
    method: 'GET',
    template: '/v2/store',
    scope: 'information',
    handler: (_request, store) => ({status: 200, body: store.data.store}),
  },
  {method: 'GET', template: '/v3/store/metafields', scope: 'information', handler: batch.list},
  {
    method: 'POST',
    template: '/v3/store/metafields',
    scope: 'information',
    // Store metafields have no resource to name in the body: every item belongs to the store.
    handler: (request, store) =>
      batch.create(
        {
          ...request,
          body: Array.isArray(request.body)
            ? request.body.map((item: unknown) =>
                typeof item === 'object' && item !== null ? {...item, resource_id: STORE_RESOURCE_ID} : item,
              )
            : request.body,
        },
        store,
      ),
  },
  {method: 'PUT', template: '/v3/store/metafields', scope: 'information', handler: batch.update},
  {method: 'DELETE', template: '/v3/store/metafields', scope: 'information', handler: batch.remove},
  {method: 'GET', template: '/v3/store/metafields/{metafield_id}', scope: 'information', handler: single.get},
  {
    method: 'PUT',
    template: '/v3/store/metafields/{metafield_id}',
    scope: 'information',
    handler: single.update,
  },
  {
    method: 'DELETE',
    template: '/v3/store/metafields/{metafield_id}',
    scope: 'information',
    handler: single.remove,
  },
]
