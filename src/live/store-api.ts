/**
 * What the live reader and the apply executor need from a store connection. The BigCommerce client
 * (src/bigcommerce) satisfies it; keeping the surface this small keeps both sides honest.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'
export type QueryValue = string | number | boolean | undefined
export type Query = Record<string, QueryValue>

export interface StoreRequest {
  /** Fills the `{name}` placeholders of the path template. */
  params?: Record<string, string | number>
  query?: Query
  body?: unknown
}

export interface StoreResponse<T> {
  status: number
  body: T
}

export interface StoreApi {
  readonly storeHash: string
  /** `path` is a template relative to `/stores/{hash}`, e.g. `/v3/catalog/products/{product_id}`. */
  request<T>(method: HttpMethod, path: string, request?: StoreRequest): Promise<StoreResponse<T>>
  /**
   * Every item of an offset-paginated V3 list; `limit` is the page size (default 250). `map` turns each item
   * into what the caller keeps as its page arrives (the raw pages of a big store are never all held).
   */
  listAll<T, U = T>(
    path: string,
    options?: {
      params?: Record<string, string | number>
      query?: Query
      limit?: number
      map?: (item: T) => U
    },
  ): Promise<U[]>
}
