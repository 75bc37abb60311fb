/**
 * One parser for every error shape BigCommerce uses (../shared/docs/bigcommerce-api.md §11,
 * ecosystem.md §B2.1 "Error shapes seen in real fixtures"):
 *
 * - V3 standard `{status, title, type, errors: {field: message}}` (keys can point into a batch: `"0.tree_id"`)
 * - `{status, title, type, detail}` (405, some 400/422)
 * - `{batch_errors: [{data: {...}, field_errors: {...}}]}` (price-list records) and
 *   `{batch_errors: [{status, title, errors: {...}}]}` (`/catalog/variants`)
 * - 207 `{data, errors: {status, title, errors: {...}}, meta}` (a single errors object)
 * - metafield batch 422 `{data, errors: [{status, title, errors: {...}}], meta: {total, success, failed}}`
 * - price-list 503 `{error: {code, message, details, retry_after_seconds}}`
 * - V2 arrays `[{status, message}]`
 * - plain text (401) and HTML error pages from proxies
 */

/** One failed item (or one failed field) inside a response, as BigCommerce described it. */
export interface ItemError {
  /** Batch index when BigCommerce gave one (`"0.tree_id"` → 0, or the position in `batch_errors`). */
  index?: number
  /** The field or key BigCommerce named (`tree_id`, `sku`, a metafield id). */
  field?: string
  /** The identifiers BigCommerce echoed back for this item (price-list `data`: sku, variant_id, currency…). */
  data?: Record<string, unknown>
  status?: number
  /** BigCommerce's own text, unchanged. */
  message: string
}

export interface ParsedErrorBody {
  /** BigCommerce's headline (`title`, `message`, `error.message`), if any. */
  title?: string | undefined
  /** `detail`, `error.details`. */
  detail?: string | undefined
  /** BigCommerce's error code (`error.code`, `code`). */
  code?: string | undefined
  /** `error.retry_after_seconds` of the price-list 503 shape. */
  retryAfterSeconds?: number
  /** Field or item level messages. */
  items: ItemError[]
  /** `meta: {total, success, failed}` of partial batch responses. */
  counts?: {total?: number; success?: number; failed?: number}
}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** Flattens `{field: message | [messages] | {nested}}` into one item per message. */
function itemsFromErrorMap(map: Json, base: Omit<ItemError, 'message' | 'field'> = {}): ItemError[] {
  const items: ItemError[] = []
  for (const [key, value] of Object.entries(map)) {
    const messages = Array.isArray(value)
      ? value.map((entry) => text(entry) ?? JSON.stringify(entry))
      : isObject(value)
        ? [JSON.stringify(value)]
        : [text(value) ?? JSON.stringify(value)]
    const batchKey = /^(\d+)\.(.+)$/.exec(key)
    for (const message of messages) {
      const item: ItemError = {...base, message}
      if (batchKey?.[1] !== undefined && batchKey[2] !== undefined && base.index === undefined) {
        item.index = Number(batchKey[1])
        item.field = batchKey[2]
      } else {
        item.field = key
      }
      items.push(item)
    }
  }
  return items
}

function itemsFromErrorObject(entry: Json, base: Omit<ItemError, 'message' | 'field'> = {}): ItemError[] {
  const status = num(entry['status'])
  const withStatus = status === undefined ? base : {...base, status}
  const nested = isObject(entry['errors']) ? itemsFromErrorMap(entry['errors'], withStatus) : []
  const fieldErrors = isObject(entry['field_errors'])
    ? itemsFromErrorMap(entry['field_errors'], withStatus)
    : []
  const all = [...nested, ...fieldErrors]
  if (all.length > 0) return all
  const message = text(entry['message']) ?? text(entry['detail']) ?? text(entry['title'])
  return message === undefined ? [] : [{...withStatus, message}]
}

function parseBatchErrors(list: unknown[]): ItemError[] {
  return list.flatMap((entry, index) => {
    if (!isObject(entry)) return [{index, message: text(entry) ?? JSON.stringify(entry)}]
    const base: Omit<ItemError, 'message' | 'field'> = {index}
    if (isObject(entry['data'])) base.data = entry['data']
    const items = itemsFromErrorObject(entry, base)
    return items.length > 0 ? items : [{...base, message: JSON.stringify(entry)}]
  })
}

function parseObjectBody(body: Json): ParsedErrorBody {
  const parsed: ParsedErrorBody = {items: []}
  const title = text(body['title']) ?? text(body['message'])
  if (title !== undefined) parsed.title = title
  const detail = text(body['detail'])
  if (detail !== undefined) parsed.detail = detail
  const code = text(body['code'])
  if (code !== undefined) parsed.code = code

  const error = body['error']
  if (isObject(error)) {
    // Price-list 503: {error: {code, message, details, retry_after_seconds, timestamp}} [S-PL]
    parsed.title ??= text(error['message'])
    const details = text(error['details'])
    if (details !== undefined) parsed.detail ??= details
    const errorCode = text(error['code'])
    if (errorCode !== undefined) parsed.code ??= errorCode
    const retryAfter = num(error['retry_after_seconds'])
    if (retryAfter !== undefined) parsed.retryAfterSeconds = retryAfter
  } else if (typeof error === 'string') {
    parsed.title ??= error
  }

  const errors = body['errors']
  if (isObject(errors)) {
    // 207 puts a whole error object under `errors`; the V3 standard puts a field map there.
    const looksLikeErrorObject = 'title' in errors && ('status' in errors || 'type' in errors)
    if (looksLikeErrorObject) {
      parsed.title ??= text(errors['title'])
      parsed.items.push(...itemsFromErrorObject(errors))
    } else {
      parsed.items.push(...itemsFromErrorMap(errors))
    }
  } else if (Array.isArray(errors)) {
    // Metafield batch partial success: errors[] of {status, title, errors: {"<id or index>": message}}
    for (const entry of errors) {
      if (isObject(entry)) {
        const items = itemsFromErrorObject(entry)
        parsed.items.push(...items)
        if (items.length === 0 || isObject(entry['errors'])) parsed.title ??= text(entry['title'])
      } else if (text(entry) !== undefined) {
        parsed.items.push({message: text(entry) as string})
      }
    }
  }

  if (Array.isArray(body['batch_errors'])) parsed.items.push(...parseBatchErrors(body['batch_errors']))

  const meta = body['meta']
  if (isObject(meta) && ('failed' in meta || 'success' in meta)) {
    const counts: NonNullable<ParsedErrorBody['counts']> = {}
    const total = num(meta['total'])
    const success = num(meta['success'])
    const failed = num(meta['failed'])
    if (total !== undefined) counts.total = total
    if (success !== undefined) counts.success = success
    if (failed !== undefined) counts.failed = failed
    parsed.counts = counts
  }
  return parsed
}

/** Reduces an HTML error page (a proxy, a maintenance page) to its readable text, shortened. */
export function textFromHtml(html: string, max = 200): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]
  const stripped = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const chosen = title?.trim() || stripped
  return chosen.length > max ? `${chosen.slice(0, max)}…` : chosen
}

/** Parses any BigCommerce error body: a parsed JSON value, or the raw text when it was not JSON. */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (Array.isArray(body)) {
    // V2: [{status, message}] — one entry per problem.
    const items = body.flatMap((entry): ItemError[] =>
      isObject(entry) ? itemsFromErrorObject(entry) : [{message: text(entry) ?? JSON.stringify(entry)}],
    )
    const first = items[0]
    return first ? {title: first.message, items: items.slice(1)} : {items: []}
  }
  if (isObject(body)) return parseObjectBody(body)
  if (typeof body === 'string' && body.trim() !== '') {
    const trimmed = body.trim()
    const readable = /^\s*</.test(trimmed) ? textFromHtml(trimmed) : trimmed.slice(0, 500)
    return {title: readable, items: []}
  }
  return {items: []}
}

/** `field: message` lines for display, with the batch index and echoed identifiers when known. */
export function describeItemError(item: ItemError): string {
  const where: string[] = []
  if (item.index !== undefined) where.push(`#${item.index}`)
  if (item.data) {
    const ids = ['sku', 'variant_id', 'product_id', 'currency', 'price_list_id']
      .filter((key) => item.data?.[key] !== undefined && item.data[key] !== null)
      .map((key) => `${key}=${String(item.data?.[key])}`)
    if (ids.length > 0) where.push(ids.join(' '))
  }
  const prefix = where.length > 0 ? `[${where.join(' ')}] ` : ''
  const field = item.field ? `${item.field}: ` : ''
  return `${prefix}${field}${item.message}`
}
