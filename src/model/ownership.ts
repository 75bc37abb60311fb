/**
 * The ownership marker: a product metafield catalogctl writes on every product it creates or adopts.
 *
 * - namespace `catalogctl`, key `managed`, permission_set `app_only` (private to our API account, never on
 *   the storefront; products_catalog.v3.yml `metafield_Base.permission_set`).
 * - value: JSON `{"v":1,"images":{"<image id>":"<source url>"}}`.
 *
 * Why the images map: BigCommerce copies an image sent by `image_url` to its CDN and does not return the
 * URL we sent (a real GET /catalog/products/158/images answer carries `image_file` and `url_standard`…
 * only). To compare the catalog's image URLs with the store we remember, per image id, the source URL we
 * uploaded. Apply rewrites the value after adding or removing images.
 *
 * Decoding is lenient: a marker whose value is not our JSON (edited by hand, an older format) still marks
 * the product as managed, with no remembered images; it is never a reason to fail a plan.
 */
export const OWNERSHIP_NAMESPACE = 'catalogctl'
export const OWNERSHIP_KEY = 'managed'
export const OWNERSHIP_PERMISSION = 'app_only'
export const OWNERSHIP_VERSION = 1

export interface OwnershipValue {
  v: typeof OWNERSHIP_VERSION
  /** Source URL by BigCommerce image id (as a string: JSON object keys). */
  images: Record<string, string>
}

export function isOwnershipMetafield(metafield: {namespace: string; key: string}): boolean {
  return metafield.namespace === OWNERSHIP_NAMESPACE && metafield.key === OWNERSHIP_KEY
}

/** The metafield value to write (keys sorted, so re-encoding an unchanged marker is byte-identical). */
export function encodeOwnership(images: Record<string | number, string> = {}): string {
  const sorted: Record<string, string> = {}
  for (const id of Object.keys(images).sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : 1))) {
    const url = images[id]
    if (url !== undefined) sorted[id] = url
  }
  return JSON.stringify({v: OWNERSHIP_VERSION, images: sorted})
}

/** Decodes a marker value; anything unreadable decodes as "managed, no remembered images". */
export function decodeOwnership(value: string | null | undefined): OwnershipValue {
  if (!value) return {v: OWNERSHIP_VERSION, images: {}}
  try {
    const parsed: unknown = JSON.parse(value)
    if (typeof parsed !== 'object' || parsed === null) return {v: OWNERSHIP_VERSION, images: {}}
    const images: Record<string, string> = {}
    const raw = (parsed as {images?: unknown}).images
    if (typeof raw === 'object' && raw !== null) {
      for (const [id, url] of Object.entries(raw)) if (typeof url === 'string') images[id] = url
    }
    return {v: OWNERSHIP_VERSION, images}
  } catch {
    return {v: OWNERSHIP_VERSION, images: {}}
  }
}
