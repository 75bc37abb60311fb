import type {SandboxStore} from './store.js'

/** Which OAuth scope family an endpoint needs (BigCommerce D-ACC "OAuth scopes"). */
export type ScopeFamily = 'products' | 'inventory' | 'locations' | 'customers' | 'information'

/** One parsed API request as the route handlers see it. */
export interface ApiRequest {
  method: string
  /** The route template, e.g. `/v3/catalog/products/{product_id}` — what stats count by. */
  template: string
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  /** Identity of the API account (derived from the token); owns metafields. */
  clientId: string
}

/** A handler's answer: JSON `body` unless `text` is set. */
export interface ApiReply {
  status: number
  body?: unknown
  /** Pre-serialised JSON body (fast path for large lists); used instead of `body`. */
  json?: string
  text?: string
  contentType?: string
}

export type Handler = (request: ApiRequest, store: SandboxStore) => ApiReply

export interface RouteDefinition {
  method: string
  template: string
  scope: ScopeFamily
  handler: Handler
  /** At most this many requests of this route in flight at once; more answer 429. */
  concurrency?: number
}
