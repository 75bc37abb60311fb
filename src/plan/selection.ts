import type {DesiredProduct} from '../model/desired.js'

import {productMatchKey} from '../model/kinds.js'

/** `--sku` (repeatable, globs) and `--file` (repeatable, files or folders) from the command line. */
export interface Selection {
  skus?: readonly string[]
  files?: readonly string[]
  /**
   * Exact SKUs (case-insensitive, no glob characters), for callers that computed a set: delta mode's
   * candidates, `--changed-since`. Given (even empty), the selection is active: an empty list selects none.
   */
  keys?: readonly string[]
}

export interface CompiledSelection {
  /** False when no selector was given: everything is selected. */
  active: boolean
  /** Whether a desired product is selected (its SKU matches a glob, or its source file is selected). */
  selectsDesired(product: DesiredProduct): boolean
  /**
   * Whether a live product is considered: its SKU matches a glob, or it is a selected desired product's
   * SKU. Unselected live products are left out of the plan entirely, so they never show as deletes.
   */
  selectsLive(sku: string): boolean
}

/**
 * Compiles the selectors against the desired products. Selectors combine as a union: `--sku 'TEE-*'
 * --file products/mugs.yaml` selects both sets. SKU globs are case-insensitive like SKUs themselves:
 * `*` matches any run of characters, `?` one character.
 */
export function compileSelection(
  selection: Selection | undefined,
  desired: readonly DesiredProduct[],
): CompiledSelection {
  const globs = (selection?.skus ?? []).map(globToRegExp)
  const files = (selection?.files ?? []).map(normaliseFilePath)
  const keys = selection?.keys ? new Set(selection.keys.map(productMatchKey)) : undefined
  const active = globs.length > 0 || files.length > 0 || keys !== undefined
  const skuMatches = (sku: string): boolean =>
    globs.some((glob) => glob.test(sku)) || (keys?.has(productMatchKey(sku)) ?? false)
  const fileMatches = (file: string | undefined): boolean =>
    file !== undefined && files.some((selected) => sameOrInside(normaliseFilePath(file), selected))
  const selectsDesired = (product: DesiredProduct): boolean =>
    !active || skuMatches(product.model.sku) || fileMatches(product.source?.file)
  const selectedKeys = new Set(
    desired.filter(selectsDesired).map((product) => productMatchKey(product.model.sku)),
  )
  return {
    active,
    selectsDesired,
    selectsLive: (sku) => !active || skuMatches(sku) || selectedKeys.has(productMatchKey(sku)),
  }
}

export function globToRegExp(glob: string): RegExp {
  const source = glob
    .trim()
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`, 'i')
}

function normaliseFilePath(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
}

/**
 * `products/tees.yaml` selects a product whose source is `catalog/products/tees.yaml` (the loader may
 * report paths from another base) and a folder selects every file under it.
 */
function sameOrInside(file: string, selected: string): boolean {
  if (file === selected || file.endsWith(`/${selected}`) || selected.endsWith(`/${file}`)) return true
  return file.startsWith(`${selected}/`) || file.includes(`/${selected}/`)
}
