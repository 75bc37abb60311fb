import type {ApiResponse, RequestOptions} from './client.js'
import type {PathParams, Query} from './path-template.js'
import {ApiError} from './api-error.js'
import {appendAll} from '../collections/append-all.js'

/**
 * List pagination (bigcommerce-api.md §10 "Efficiency guidance": `limit=250`, cursor paging where offered).
 * - Offset (`page`/`limit`, V3 `meta.pagination.total_pages`): page 1 first, then every other page at
 *   once — the rate limiter, not this code, decides how many are really in flight. `total_pages: 0` (an empty
 *   collection) ends after page 1.
 * - V2 lists (customer groups) are bare arrays without `meta`: pages are read in turn until a short one.
 * - Cursor (`meta.cursor_pagination.end_cursor` → `after=`; metafields, price-list records): page after page
 *   while BigCommerce gives a `links.next`.
 * Every loop is bounded by `maxPages`.
 */
export interface ListOptions<T = unknown, U = T> {
  params?: PathParams
  query?: Query
  /** Page size. Default 250 (the V3 maximum for most lists). */
  limit?: number
  /** Safety bound. Default 10,000 pages. */
  maxPages?: number
  /**
   * Maps each item as its page arrives, so the raw pages are not all held at once: 600,000 inventory items
   * as BigCommerce sends them are several times the size of what a plan keeps of them.
   */
  map?: (item: T) => U
}

function mapped<T, U>(items: T[], options: ListOptions<T, U>): U[] {
  return options.map ? items.map(options.map) : (items as unknown as U[])
}

/** The part of the client pagination needs (keeps this file free of the client's internals). */
export interface PageReader {
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<ApiResponse<T>>
}

interface V3Page<T> {
  data?: T[]
  meta?: {
    pagination?: {total_pages?: number; current_page?: number}
    cursor_pagination?: {end_cursor?: string; links?: {next?: string}}
  }
}

const DEFAULT_LIMIT = 250
const DEFAULT_MAX_PAGES = 10_000

/**
 * The items of a page. A V3 answer whose `data` is not a list is refused, not read as an empty page: an
 * empty read of a non-empty store would plan every product as a create.
 */
function pageOf<T>(body: unknown, path: string): {items: T[]; page: V3Page<T> | undefined; bare: boolean} {
  if (Array.isArray(body)) return {items: body as T[], page: undefined, bare: true}
  if (body === undefined || body === null || body === '') return {items: [], page: undefined, bare: true}
  const page = body as V3Page<T>
  if (typeof body !== 'object' || !Array.isArray(page.data)) throw notAPage(path, '`data` is not a list')
  return {items: page.data, page, bare: false}
}

function notAPage(path: string, what: string): ApiError {
  return new ApiError({
    reason: 'invalid-body',
    method: 'GET',
    path,
    explanation: `the answer is not a BigCommerce list page (${what}); nothing was planned from it`,
  })
}

function tooManyPages(path: string, maxPages: number): Error {
  return new ApiError({
    reason: 'invalid-body',
    method: 'GET',
    path,
    explanation: `more than ${maxPages} pages; refusing to read on (raise maxPages if this is real)`,
  })
}

export async function listAllOffset<T, U = T>(
  client: PageReader,
  path: string,
  options: ListOptions<T, U> = {},
  firstPageBody?: unknown,
): Promise<U[]> {
  const limit = options.limit ?? DEFAULT_LIMIT
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES
  const read = (page: number) =>
    client.get<unknown>(path, {
      ...(options.params ? {params: options.params} : {}),
      query: {...options.query, page, limit},
    })

  const first = pageOf<T>(firstPageBody === undefined ? (await read(1)).body : firstPageBody, path)
  if (first.bare) return mapped(await readV2Pages(first.items, read, limit, maxPages, path), options)
  const pagination = first.page?.meta?.pagination
  // Without pagination meta, only a short page is known to be the last one.
  if (pagination === undefined && first.items.length >= limit)
    throw notAPage(path, 'a full page without `meta.pagination`: cannot tell whether more pages follow')
  const totalPages = pagination?.total_pages ?? 1
  if (totalPages > maxPages) throw tooManyPages(path, maxPages)
  const firstItems = mapped(first.items, options)
  if (totalPages <= 1) return firstItems
  const rest = await Promise.all(
    Array.from({length: totalPages - 1}, (_unused, index) =>
      read(index + 2).then((response) => mapped(pageOf<T>(response.body, path).items, options)),
    ),
  )
  return [firstItems, ...rest].flat()
}

async function readV2Pages<T>(
  firstItems: T[],
  read: (page: number) => Promise<ApiResponse<unknown>>,
  limit: number,
  maxPages: number,
  path: string,
): Promise<T[]> {
  const all = [...firstItems]
  let last = firstItems
  for (let page = 2; last.length >= limit; page += 1) {
    if (page > maxPages) throw tooManyPages(path, maxPages)
    last = pageOf<T>((await read(page)).body, path).items
    all.push(...last)
  }
  return all
}

export async function listAllCursor<T, U = T>(
  client: PageReader,
  path: string,
  options: ListOptions<T, U> = {},
): Promise<U[]> {
  const limit = options.limit ?? DEFAULT_LIMIT
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES
  const all: U[] = []
  let after: string | undefined
  for (let page = 1; page <= maxPages; page += 1) {
    const query: Query = {...options.query, limit, ...(after === undefined ? {} : {after})}
    const response = await client.get<unknown>(path, {
      ...(options.params ? {params: options.params} : {}),
      query,
    })
    const {items, page: body} = pageOf<T>(response.body, path)
    appendAll(all, mapped(items, options))
    const cursor = body?.meta?.cursor_pagination
    if (cursor === undefined && page === 1) {
      // No cursor meta: the endpoint paged by offset after all; read the rest that way.
      const pagination = body?.meta?.pagination
      if (body !== undefined && pagination === undefined && items.length >= limit)
        throw notAPage(path, 'a full page without pagination meta: cannot tell whether more pages follow')
      const totalPages = pagination?.total_pages ?? 1
      if (totalPages <= 1) return all
      return listAllOffset<T, U>(client, path, options, response.body)
    }
    const next = cursor?.links?.next
    const endCursor = cursor?.end_cursor
    if (!next || !endCursor || items.length === 0 || endCursor === after) return all
    after = endCursor
  }
  throw tooManyPages(path, maxPages)
}
