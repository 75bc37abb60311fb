import {createHash} from 'node:crypto'

/** Names Windows refuses for a file, whatever the extension (CON.yaml is still CON). */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/

/** Longest stem kept from the SKU: paths stay well under every file system's limit. */
const MAX_STEM = 80

/**
 * The file name of a product imported from the store, from its SKU — safe for any SKU on any file system:
 *
 * 1. The stem is the SKU lower-cased, accents folded to ASCII (NFKD), every run of characters outside
 *    `a-z 0-9 . _ -` (slashes, spaces, other scripts) replaced by `-`, leading/trailing `.`/`-` trimmed,
 *    cut to 80 characters.
 * 2. When that changed anything beyond lower-casing (or left an empty or Windows-reserved name), `--` and
 *    the first 8 hex digits of sha256(lower-cased SKU) are appended.
 *
 * Why this is collision-free, also on case-insensitive file systems (macOS, Windows): SKUs are unique
 * case-insensitively (products_catalog.v3.yml), so lower-cased SKUs are unique. A stem without a hash IS
 * the lower-cased SKU, so two of them never collide; a stem with a hash carries the SKU's own digest.
 * `NW-TEE` → `nw-tee.yaml`; `A/B 10` → `a-b-10--3f2a9c1d.yaml`; `Crème` → `creme--0b1c…yaml`.
 */
export function productFileName(sku: string): string {
  const lower = sku.trim().toLowerCase()
  const stem = lower
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_STEM)
  const exact = stem === lower && stem !== '' && !RESERVED.test(stem)
  if (exact) return `${stem}.yaml`
  const digest = createHash('sha256').update(lower).digest('hex').slice(0, 8)
  return `${stem === '' ? 'product' : stem}--${digest}.yaml`
}

/** A file name for a record named by free text (a price list, a location key): same folding, no hash. */
export function slugOf(name: string, fallback: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_STEM)
  return slug === '' || RESERVED.test(slug) ? fallback : slug
}
