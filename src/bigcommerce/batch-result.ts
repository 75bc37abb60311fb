import {parseErrorBody, type ItemError} from './error-body.js'
import {redactor} from './redaction.js'

/**
 * The result of a write that can partly succeed. BigCommerce reports partial success two ways
 * (bigcommerce-api.md §11, ecosystem.md §B2.1):
 * - 207 Multi-Status: the main record was saved, a sub-part (inventory, URL, a sibling) was not;
 * - 422 with per-item detail: price-list records (`batch_errors`, non-strict mode) and batch metafields
 *   (`errors[]` + `meta: {total, success, failed}`): some items were written, the listed ones were not.
 * Neither is thrown away: the caller gets what was saved (`data`) and one `ItemError` per failure, and
 * decides per item. A 422 with only a field map (the whole request was invalid) is still an `ApiError`.
 */
export interface BatchResult<T> {
  /** `complete`: every item was written; `partial`: some were not (see `failures`). */
  outcome: 'complete' | 'partial'
  status: number
  /** The body's `data` (what BigCommerce saved), when it sent one. */
  data: T | undefined
  failures: ItemError[]
  /** BigCommerce's own headline for the partial failure. */
  message: string | undefined
  counts: {total?: number; success?: number; failed?: number} | undefined
  requestId: string | undefined
}

/** A 422 whose body lists items (some possibly written) rather than rejecting the whole request. */
export function isPartialFailureBody(status: number, body: unknown): boolean {
  if (status !== 422 || typeof body !== 'object' || body === null || Array.isArray(body)) return false
  const record = body as Record<string, unknown>
  const meta = record['meta']
  // Batch endpoints that report `meta: {total, success, failed}` (category-tree categories, metafields)
  // describe per-item outcomes even when every item failed.
  const countsItems =
    typeof meta === 'object' && meta !== null && typeof (meta as {failed?: unknown}).failed === 'number'
  return Array.isArray(record['batch_errors']) || Array.isArray(record['errors']) || countsItems
}

export function toBatchResult<T>(
  status: number,
  rawBody: unknown,
  requestId: string | undefined,
): BatchResult<T> {
  const body = redactor.redactValue(rawBody)
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as {data?: T}) : {}
  const parsed = status === 207 || status === 422 ? parseErrorBody(body) : {items: [], title: undefined}
  const failures = parsed.items
  const partial = status === 207 || status === 422 || failures.length > 0
  return {
    outcome: partial ? 'partial' : 'complete',
    status,
    data: record.data,
    failures,
    message: parsed.title,
    counts: 'counts' in parsed ? parsed.counts : undefined,
    requestId,
  }
}
