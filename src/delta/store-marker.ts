import type {StoreApi} from '../live/store-api.js'
import type {Scope} from '../plan/plan.js'

/**
 * The delta marker: what the store remembers about the last successful apply of one scope, kept in a
 * store-level metafield (store_information.v3.yml `/store/metafields`), namespace `catalogctl`, key
 * `last-apply.<scope>`, permission `app_only` (private to catalogctl's API account), value the JSON below.
 *
 * It lives in the store, not in the repository or a CI cache, because it describes the store: two
 * clones, two CI runners or a laptop and a scheduled job all see the same marker. It needs the
 * `store_v2_information` scope (read-only for plans); without it delta falls back to full and says so.
 *
 * `commit` and `started_at` advance only when an apply finishes with every record applied. After a
 * partial failure they stay where they were and `failed_skus` collects what failed, so the next delta
 * starts from the old marker and also re-reads those records.
 */
export interface StoreMarker {
  v: typeof MARKER_VERSION
  scope: Scope
  /** The catalog commit the apply was planned from. */
  commit: string
  /** When the apply started (catalogctl's clock, ISO): for people. */
  started_at: string
  /**
   * The store's own clock (`GET /v2/time`) once the apply was done and checked: a delta re-reads what
   * the store modified from here (less a margin). Edits made by others while the apply ran were found
   * when the marker was written and are in `failed_skus`. The store's clock, not ours, so a skewed CI
   * runner never hides an edit.
   */
  store_time: string
  catalogctl_version: string
  /**
   * SKUs delta must re-read whatever their date: records that failed (or ended with a warning) since the
   * marker last advanced, and products others edited while the apply ran.
   */
  failed_skus: string[]
  /**
   * The store's product count and highest product id right after the apply: the next delta compares
   * them with the store's to notice products deleted in the store (a delete leaves no date_modified).
   */
  product_count: number
  max_product_id: number
  /** Set when the retry list overflowed (more than MAX_RETRY_SKUS): the next delta reads in full. */
  full_read_required?: string
  /**
   * For a narrow delta (src/delta/narrow-catalog.ts), which loads only the product files that changed: the
   * catalog's product count at the commit, and the store's brand and category (of the tree) counts and
   * highest ids right after the apply, to notice a brand or category deleted in the store (a delete moves
   * no product's date_modified). A marker without them makes the next delta load the whole catalog.
   */
  catalog_products?: number
  structure?: MarkerStructure
  /**
   * For a delta that reads only the candidates' stock and price records: the store's clock when the
   * apply's plan began reading (records others edit while an apply runs are newer), and each managed
   * price list's record count right after the apply, by lower-cased name (a record deleted in the store
   * leaves no date_modified; the count tells). Without them a delta reads stock and price lists in full.
   */
  read_started_at?: string
  price_records?: Record<string, number>
}

/** The store's brands and categories of the tree right after an apply: count and highest id of each. */
export interface MarkerStructure {
  brands: {count: number; max_id: number}
  categories: {count: number; max_id: number}
}

export const MARKER_VERSION = 1
export const MARKER_NAMESPACE = 'catalogctl'
export const MARKER_PERMISSION = 'app_only'

export function markerKey(scope: Scope): string {
  return `last-apply.${scope}`
}

interface StoreMetafieldJson {
  id: number | string
  namespace: string
  key: string
  value: string
}

export type MarkerReading =
  | {found: true; marker: StoreMarker; metafieldId: number}
  | {found: false; reason: string; metafieldId: number | null}

/** The last successful apply of `scope`, with why there is none when there is none. */
export async function readStoreMarker(api: StoreApi, scope: Scope): Promise<MarkerReading> {
  const found = await findMarkerMetafield(api, scope)
  if (!found)
    return {
      found: false,
      reason: `no apply of scope ${scope} has been recorded in this store yet`,
      metafieldId: null,
    }
  const marker = decodeMarker(found.value, scope)
  const metafieldId = Number(found.id)
  if (!marker) {
    return {
      found: false,
      reason: `the store's delta marker (store metafield ${MARKER_NAMESPACE}.${markerKey(scope)}) is not one catalogctl can read`,
      metafieldId,
    }
  }
  return {found: true, marker, metafieldId}
}

/** The last applied commit of `scope` (for drift and reports), or null when none is recorded. */
export async function lastAppliedCommit(api: StoreApi, scope: Scope): Promise<string | null> {
  const reading = await readStoreMarker(api, scope)
  return reading.found ? reading.marker.commit : null
}

/** Creates or replaces the marker of `marker.scope`. */
export async function writeStoreMarker(api: StoreApi, marker: StoreMarker): Promise<void> {
  const existing = await findMarkerMetafield(api, marker.scope)
  const value = JSON.stringify(marker)
  if (existing) {
    await api.request('PUT', '/v3/store/metafields/{metafield_id}', {
      params: {metafield_id: Number(existing.id)},
      body: {
        namespace: MARKER_NAMESPACE,
        key: markerKey(marker.scope),
        value,
        permission_set: MARKER_PERMISSION,
      },
    })
    return
  }
  await api.request('POST', '/v3/store/metafields', {
    body: [
      {
        namespace: MARKER_NAMESPACE,
        key: markerKey(marker.scope),
        value,
        permission_set: MARKER_PERMISSION,
        description: 'catalogctl: the last successful apply of this scope (delta mode)',
      },
    ],
  })
}

async function findMarkerMetafield(api: StoreApi, scope: Scope): Promise<StoreMetafieldJson | undefined> {
  const items = await api.listAll<StoreMetafieldJson>('/v3/store/metafields', {
    query: {namespace: MARKER_NAMESPACE, key: markerKey(scope)},
  })
  return items.find((item) => item.namespace === MARKER_NAMESPACE && item.key === markerKey(scope))
}

/** Lenient about extra keys, strict about the ones delta relies on. */
export function decodeMarker(value: string, scope: Scope): StoreMarker | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const data = parsed as Record<string, unknown>
  const isInt = (candidate: unknown): candidate is number => Number.isInteger(candidate)
  if (
    data['v'] !== MARKER_VERSION ||
    typeof data['commit'] !== 'string' ||
    !/^[0-9a-f]{7,64}$/i.test(data['commit']) ||
    typeof data['started_at'] !== 'string' ||
    typeof data['store_time'] !== 'string' ||
    Number.isNaN(Date.parse(data['store_time'])) ||
    !isInt(data['product_count']) ||
    !isInt(data['max_product_id'])
  ) {
    return null
  }
  const failed = Array.isArray(data['failed_skus'])
    ? data['failed_skus'].filter((sku): sku is string => typeof sku === 'string')
    : []
  return {
    v: MARKER_VERSION,
    scope,
    commit: data['commit'],
    started_at: data['started_at'],
    store_time: data['store_time'],
    catalogctl_version:
      typeof data['catalogctl_version'] === 'string' ? data['catalogctl_version'] : 'unknown',
    failed_skus: failed,
    product_count: data['product_count'],
    max_product_id: data['max_product_id'],
    ...(typeof data['full_read_required'] === 'string'
      ? {full_read_required: data['full_read_required']}
      : {}),
    ...(isInt(data['catalog_products']) ? {catalog_products: data['catalog_products']} : {}),
    ...(isStructure(data['structure']) ? {structure: data['structure']} : {}),
    ...(typeof data['read_started_at'] === 'string' && !Number.isNaN(Date.parse(data['read_started_at']))
      ? {read_started_at: data['read_started_at']}
      : {}),
    ...(isCounts(data['price_records']) ? {price_records: data['price_records']} : {}),
  }
}

function isCounts(value: unknown): value is Record<string, number> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((count) => Number.isInteger(count))
  )
}

function isStructure(value: unknown): value is MarkerStructure {
  const counted = (part: unknown): boolean =>
    typeof part === 'object' &&
    part !== null &&
    Number.isInteger((part as Record<string, unknown>)['count']) &&
    Number.isInteger((part as Record<string, unknown>)['max_id'])
  return (
    typeof value === 'object' &&
    value !== null &&
    counted((value as Record<string, unknown>)['brands']) &&
    counted((value as Record<string, unknown>)['categories'])
  )
}
