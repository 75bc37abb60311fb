import {fail, tooLarge} from './api-errors.js'
import type {Json} from './state.js'

export interface Page {
  page: number
  limit: number
}

/** `page`/`limit` with BigCommerce's defaults; `limit` above the endpoint's maximum is refused with 413. */
export function readPage(query: URLSearchParams, defaultLimit: number, maxLimit: number): Page {
  const page = readPositiveInt(query, 'page') ?? 1
  const limit = readPositiveInt(query, 'limit') ?? defaultLimit
  if (limit > maxLimit) tooLarge(maxLimit)
  return {page, limit}
}

function readPositiveInt(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name)
  if (raw === null || raw === '') return undefined
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    fail(422, `Invalid ${name}`, {[name]: `${name} must be a positive integer`})
  return Number(raw)
}

/**
 * Slices one page and builds `meta.pagination` exactly like the recorded responses: an empty result has
 * `total_pages: 0` and only a `current` link (aligent__no-data-paginated.json).
 */
export function paginate<T>(items: T[], page: Page): {data: T[]; meta: Json} {
  const data = items.slice((page.page - 1) * page.limit, page.page * page.limit)
  return {data, meta: paginationMeta(data.length, items.length, page)}
}

/**
 * One page of a listing too large to build whole (600,000 variants, 1.8 million inventory rows): matches are
 * offered in order, counted, and kept only when they fall on the requested page.
 */
export class PageWindow<T> {
  total = 0
  readonly data: T[] = []
  private readonly start: number
  private readonly end: number

  constructor(private readonly page: Page) {
    this.start = (page.page - 1) * page.limit
    this.end = this.start + page.limit
  }

  offer(item: T): void {
    if (this.total >= this.start && this.total < this.end) this.data.push(item)
    this.total++
  }

  result(): {data: T[]; meta: Json} {
    return {data: this.data, meta: paginationMeta(this.data.length, this.total, this.page)}
  }
}

/**
 * Owners (products) in listing order with the number of items (variants, inventory items) each holds: a page
 * is found by binary search over the running counts, and only the owners on it are expanded.
 */
export interface ItemRanges<Owner> {
  owners: Owner[]
  /** `starts[i]` is the index of owner i's first item; `starts[owners.length]` the total. */
  starts: Int32Array
}

export function itemRanges<Owner>(
  owners: Iterable<Owner>,
  count: (owner: Owner) => number,
): ItemRanges<Owner> {
  const list = [...owners]
  const starts = new Int32Array(list.length + 1)
  list.forEach((owner, index) => (starts[index + 1] = (starts[index] ?? 0) + count(owner)))
  return {owners: list, starts}
}

export function pageOfRanges<Owner, Item>(
  {owners, starts}: ItemRanges<Owner>,
  page: Page,
  expand: (owner: Owner) => Item[],
): {data: Item[]; meta: Json} {
  const total = starts[owners.length] ?? 0
  const first = (page.page - 1) * page.limit
  const end = Math.min(first + page.limit, total)
  let low = 0
  let high = owners.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((starts[middle + 1] ?? 0) <= first) low = middle + 1
    else high = middle
  }
  const data: Item[] = []
  for (let index = low; index < owners.length && (starts[index] ?? 0) < end; index++) {
    const owner = owners[index] as Owner
    const offset = starts[index] ?? 0
    expand(owner).forEach((item, position) => {
      const at = offset + position
      if (at >= first && at < end) data.push(item)
    })
  }
  return {data, meta: paginationMeta(data.length, total, page)}
}

function paginationMeta(count: number, total: number, {page, limit}: Page): Json {
  const totalPages = Math.ceil(total / limit)
  const links: Json = {}
  if (page > 1) links.previous = `?page=${page - 1}&limit=${limit}`
  links.current = `?page=${page}&limit=${limit}`
  if (page < totalPages) links.next = `?page=${page + 1}&limit=${limit}`
  return {
    pagination: {total, count, per_page: limit, current_page: page, total_pages: totalPages, links},
  }
}

export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const raw = query.get(name)
  if (raw === null) return undefined
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
}

export function intListParam(query: URLSearchParams, name: string): Set<number> | undefined {
  const values = listParam(query, name)
  if (!values) return undefined
  for (const value of values) {
    if (!/^\d+$/.test(value)) fail(422, `Invalid filter ${name}`, {[name]: `${value} is not an integer`})
  }
  return new Set(values.map(Number))
}

export function intParam(query: URLSearchParams, name: string): number | undefined {
  return [...(intListParam(query, name) ?? [])][0]
}

export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name)
  if (raw === null) return undefined
  if (raw === 'true' || raw === '1') return true
  if (raw === 'false' || raw === '0') return false
  fail(422, `Invalid filter ${name}`, {[name]: `${raw} is not a boolean`})
}

/** `include_fields` keeps only the listed fields (id always), `exclude_fields` drops them (never id). */
export function projectFields(query: URLSearchParams): ((item: Json) => Json) | undefined {
  const include = listParam(query, 'include_fields')
  const exclude = listParam(query, 'exclude_fields')
  if (!include && !exclude) return undefined
  const keep = include ? new Set([...include, 'id']) : undefined
  const drop = new Set((exclude ?? []).filter((field) => field !== 'id'))
  return (item) => {
    const out: Json = {}
    for (const [key, value] of Object.entries(item)) {
      if (keep && !keep.has(key)) continue
      if (drop.has(key)) continue
      out[key] = value
    }
    return out
  }
}

/** Parses a `date_modified:min`-style value; a bare date gets the current time appended (S-P). */
export function dateParam(query: URLSearchParams, name: string, now: Date): number | undefined {
  const raw = query.get(name)
  if (raw === null) return undefined
  const value = /^\d+$/.test(raw)
    ? Number(raw) * 1000
    : /^\d{4}-\d{2}-\d{2}$/.test(raw)
      ? Date.parse(`${raw}T${now.toISOString().slice(11)}`)
      : Date.parse(raw)
  if (Number.isNaN(value)) fail(422, `Invalid filter ${name}`, {[name]: `${raw} is not a date`})
  return value
}

/** A JSON array body or 422 — batch endpoints take arrays (bigcommerce/api-specs#860). */
export function arrayBody(body: unknown, max?: number): Json[] {
  if (!Array.isArray(body)) fail(422, 'The request body must be a JSON array.', {body: 'must be an array'})
  if (max !== undefined && body.length > max) tooLarge(max)
  for (const item of body) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      fail(422, 'Each item of the array must be an object.', {body: 'items must be objects'})
    }
  }
  return body as Json[]
}

export function objectBody(body: unknown): Json {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    fail(422, 'The request body must be a JSON object.', {body: 'must be an object'})
  }
  return body as Json
}
