import type {Query, StoreApi} from '../live/store-api.js'

/**
 * `sku:in` / `id:in` / `resource_id:in` look-ups in as few requests as the API allows. The specs put no
 * number on these lists; what bounds them is the page (`limit` ≤ 250, products_catalog.v3.yml
 * `LimitParam`) and the URL: gateways commonly refuse request lines over 8 KB, so a chunk's joined values
 * stay under 4,000 characters (URL-encoded). A value with a comma cannot travel in a comma-separated list:
 * it is looked up on its own with the single-value filter (`sku=`).
 */
export const MAX_LIST_VALUES = 250
export const MAX_LIST_CHARS = 4000

export function chunkListValues(values: readonly string[]): string[][] {
  const chunks: string[][] = []
  let current: string[] = []
  let length = 0
  for (const value of values) {
    const size = encodeURIComponent(value).length + 3 // the encoded comma
    if (current.length > 0 && (current.length >= MAX_LIST_VALUES || length + size > MAX_LIST_CHARS)) {
      chunks.push(current)
      current = []
      length = 0
    }
    current.push(value)
    length += size
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}

/**
 * Every item whose `filter` is one of `values`: one listAll per chunk (a chunk of ≤ 250 matches fits one
 * page), run concurrently under the client's own rate limiter.
 */
export async function listByValues<T>(
  api: StoreApi,
  path: string,
  filter: {list: string; single?: string},
  values: readonly string[],
  query: Query = {},
): Promise<T[]> {
  const unique = [...new Set(values)]
  const listed = unique.filter((value) => !value.includes(',') || filter.single === undefined)
  const single = unique.filter((value) => value.includes(',') && filter.single !== undefined)
  const requests = [
    ...chunkListValues(listed).map((chunk) =>
      api.listAll<T>(path, {query: {...query, [filter.list]: chunk.join(',')}, limit: MAX_LIST_VALUES}),
    ),
    ...single.map((value) =>
      api.listAll<T>(path, {query: {...query, [filter.single as string]: value}, limit: MAX_LIST_VALUES}),
    ),
  ]
  return (await Promise.all(requests)).flat()
}
