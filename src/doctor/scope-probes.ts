import type {HttpMethod} from '../bigcommerce/index.js'

/**
 * The OAuth scopes catalogctl needs (bigcommerce-api.md §1 "OAuth scopes"), each proven by a harmless read.
 *
 * Read-only vs modify: BigCommerce has no endpoint that lists a token's scopes, and read-only scopes allow
 * only GET/HEAD (D-ACC). So doctor sends, once per scope that `apply` must write, a write that cannot
 * change anything — a batch PUT with an empty list (or an empty adjustment). The platform checks the scope
 * before it validates the body: 403 means read-only; any other answer (200, 400, 404, 422, …) means the
 * token may write. (Chosen over guessing from the plan or from headers, which say nothing about scopes.)
 */
export interface ScopeProbe {
  /** Check id suffix and the resource named in the output. */
  resource: string
  /** OAuth scope parameters, modify and read-only. */
  scope: string
  readOnlyScope: string
  /** The BigCommerce admin setting (Settings › API › Store-level API accounts › OAuth scopes). */
  uiName: string
  read: {path: string; query?: Record<string, string | number>}
  /** A no-op write, when `apply` needs modify on this scope; shared by resources of the same scope. */
  write?: {method: Exclude<HttpMethod, 'GET'>; path: string; body: unknown}
  /** Why catalogctl needs it, for the fix line. */
  usedFor: string
}

const PRODUCTS_WRITE = {method: 'PUT' as const, path: '/v3/catalog/products', body: []}

export const SCOPE_PROBES: ScopeProbe[] = [
  {
    resource: 'products',
    scope: 'store_v2_products',
    readOnlyScope: 'store_v2_products_read_only',
    uiName: 'Products',
    read: {path: '/v3/catalog/products', query: {limit: 1}},
    write: PRODUCTS_WRITE,
    usedFor: 'products, variants, custom fields and metafields',
  },
  {
    resource: 'categories',
    scope: 'store_v2_products',
    readOnlyScope: 'store_v2_products_read_only',
    uiName: 'Products',
    read: {path: '/v3/catalog/trees/categories', query: {limit: 1}},
    write: PRODUCTS_WRITE,
    usedFor: 'category trees',
  },
  {
    resource: 'brands',
    scope: 'store_v2_products',
    readOnlyScope: 'store_v2_products_read_only',
    uiName: 'Products',
    read: {path: '/v3/catalog/brands', query: {limit: 1}},
    write: PRODUCTS_WRITE,
    usedFor: 'brands',
  },
  {
    resource: 'inventory',
    scope: 'store_inventory',
    readOnlyScope: 'store_inventory_read_only',
    uiName: 'Store Inventory',
    read: {path: '/v3/inventory/items', query: {limit: 1}},
    write: {
      method: 'PUT',
      path: '/v3/inventory/adjustments/absolute',
      body: {reason: 'catalogctl doctor scope check', items: []},
    },
    usedFor: 'stock levels',
  },
  {
    resource: 'locations',
    scope: 'store_locations',
    readOnlyScope: 'store_locations_read_only',
    uiName: 'Store Locations',
    read: {path: '/v3/inventory/locations', query: {limit: 1}},
    write: {method: 'PUT', path: '/v3/inventory/locations', body: []},
    usedFor: 'inventory locations',
  },
  {
    resource: 'price lists',
    scope: 'store_v2_products',
    readOnlyScope: 'store_v2_products_read_only',
    uiName: 'Products',
    read: {path: '/v3/pricelists', query: {limit: 1}},
    write: PRODUCTS_WRITE,
    usedFor: 'price lists and their records (they share the Products scope)',
  },
  {
    resource: 'customer groups',
    scope: 'store_v2_customers',
    readOnlyScope: 'store_v2_customers_read_only',
    uiName: 'Customers',
    read: {path: '/v2/customer_groups', query: {limit: 1}},
    usedFor: 'looking up the customer groups that price lists name',
  },
  {
    resource: 'store metafields',
    scope: 'store_v2_information',
    readOnlyScope: 'store_v2_information_read_only',
    uiName: 'Information & Settings',
    read: {path: '/v3/store/metafields', query: {limit: 1}},
    write: {method: 'PUT', path: '/v3/store/metafields', body: []},
    usedFor: 'the delta marker catalogctl keeps in a store metafield',
  },
]

export const ADMIN_PATH = 'Settings › API › Store-level API accounts'
