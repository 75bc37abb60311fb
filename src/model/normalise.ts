import type {CustomFieldModel, MetafieldModel, ProductModel} from './product.js'

import {mappableField} from './kinds.js'

/**
 * The normal form both sides pass through before the diff, so equal catalogs compare equal whatever the
 * source spelled: numbers at BigCommerce's 4-decimal precision ("Pricing precision", catalog docs),
 * category paths trimmed and sorted, custom fields and metafields sorted, line endings unified.
 * `normaliseProduct(normaliseProduct(x))` deep-equals `normaliseProduct(x)` (tested).
 */
export function normaliseProduct(product: ProductModel): ProductModel {
  return {
    sku: product.sku.trim(),
    name: product.name,
    type: product.type,
    description: normaliseHtml(product.description),
    brand: product.brand === null || product.brand.trim() === '' ? null : product.brand.trim(),
    price: roundAmount(product.price),
    sale_price: roundAmount(product.sale_price),
    cost_price: roundAmount(product.cost_price),
    retail_price: roundAmount(product.retail_price),
    weight: roundAmount(product.weight),
    width: roundAmount(product.width),
    height: roundAmount(product.height),
    depth: roundAmount(product.depth),
    is_visible: product.is_visible,
    availability: product.availability,
    categories: [...new Set(product.categories.map(normaliseCategoryPath).filter((p) => p !== ''))].sort(),
    images: product.images.map((image) => ({url: image.url.trim(), alt: image.alt})),
    custom_fields: sortCustomFields(product.custom_fields),
    metafields: sortMetafields(product.metafields),
    mapped: normaliseMapped(product.mapped),
    ...(product.inventory_tracking === undefined ? {} : {inventory_tracking: product.inventory_tracking}),
  }
}

/** A finite number rounded to 4 decimals; null, '', NaN (seen in real responses) become 0. */
export function roundAmount(value: unknown): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
  if (!Number.isFinite(number)) return 0
  // Beyond 1e11 a double has too few bits to keep 4 decimals: rounding a rounded value could move it by one
  // in the last decimal (−386,904,022,026.8085 → .8084), so the model would not be a fixed point.
  if (Math.abs(number) >= 1e11) return number
  const rounded = Math.round(number * 10_000) / 10_000
  return Object.is(rounded, -0) ? 0 : rounded
}

export function normaliseHtml(html: string): string {
  return html.replace(/\r\n?/g, '\n').trim()
}

/** `" Apparel / Tops/ "` → `Apparel/Tops`. */
export function normaliseCategoryPath(path: string): string {
  return path
    .split('/')
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '')
    .join('/')
}

/** `Apparel/Tops/T-Shirts` → [`Apparel`, `Apparel/Tops`, `Apparel/Tops/T-Shirts`]. */
export function pathWithAncestors(path: string): string[] {
  const segments = normaliseCategoryPath(path).split('/')
  return segments.map((_segment, index) => segments.slice(0, index + 1).join('/')).filter((p) => p !== '')
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function sortCustomFields(fields: CustomFieldModel[]): CustomFieldModel[] {
  const seen = new Set<string>()
  const unique: CustomFieldModel[] = []
  for (const field of fields) {
    const name = field.name.trim()
    const value = field.value.trim()
    const id = `${name}\u0000${value}`
    // Name+value pairs are unique per product in BigCommerce (products_catalog.v3.yml custom fields).
    if (seen.has(id)) continue
    seen.add(id)
    unique.push({name, value})
  }
  return unique.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.value, b.value))
}

function sortMetafields(fields: MetafieldModel[]): MetafieldModel[] {
  const byKey = new Map<string, MetafieldModel>()
  for (const field of fields) byKey.set(`${field.namespace}\u0000${field.key}`, {...field})
  return [...byKey.values()].sort(
    (a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.key, b.key),
  )
}

function normaliseMapped(
  mapped: Record<string, string | number | boolean>,
): Record<string, string | number | boolean> {
  const result: Record<string, string | number | boolean> = {}
  for (const name of Object.keys(mapped).sort()) {
    result[name] = coerceMappedValue(name, mapped[name])
  }
  return result
}

/** A template-mapped value in the type BigCommerce declares for that field (null → its default). */
export function coerceMappedValue(name: string, value: unknown): string | number | boolean {
  const field = mappableField(name)
  if (value === null || value === undefined || value === '') return field.default
  switch (field.type) {
    case 'number':
      return roundAmount(value)
    case 'boolean':
      return value === true || value === 'true' || value === 1
    case 'string':
      return typeof value === 'string' ? value : stringifyAttribute(value as string | number | boolean)
  }
}

/**
 * How an attribute value becomes a custom field or metafield value (both are strings in BigCommerce):
 * strings as written, numbers in their shortest form (`1.5`, not `1.50`; YAML already parsed them),
 * booleans as `true` / `false`. Chosen so the live value read back compares equal.
 */
export function stringifyAttribute(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  return value
}
