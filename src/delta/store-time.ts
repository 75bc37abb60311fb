import type {StoreApi} from '../live/store-api.js'

/**
 * `GET /v2/time` (store_information.v2.yml): the store's clock, in whole seconds, as ISO. The delta
 * marker's times are the store's, compared with the store's own date_modified values: a CI runner's
 * skewed clock never hides an edit.
 */
export async function readStoreTime(api: StoreApi): Promise<string> {
  const response = await api.request<{time?: number}>('GET', '/v2/time')
  const seconds = response.body.time
  if (typeof seconds !== 'number') throw new Error('GET /v2/time answered without a time')
  return new Date(seconds * 1000).toISOString()
}
