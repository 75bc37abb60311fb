import path from 'node:path'

import {isMap, isSeq} from 'yaml'

import type {LoadedCatalog} from '../../catalog/index.js'
import type {LiveLocation} from '../../model/live-state.js'
import type {CatalogEdits} from '../../writeback/catalog-edits.js'
import type {TemplateAdditions} from '../../writeback/reverse-template.js'

import {desiredLocations} from '../../model/desired.js'
import {resolveLocations} from '../../model/locations.js'
import {customerGroupMatchKey} from '../../model/price-list.js'
import {normaliseCategoryPath, pathWithAncestors} from '../../model/normalise.js'
import {plainPatch} from '../../writeback/plain-patch.js'
import {slugOf} from '../../writeback/sku-file-name.js'
import {applyOps} from '../../writeback/yaml-edit.js'

/** catalogctl.yaml for a first import: the standard environment variable names, the default channel. */
export function defaultConfig(): Record<string, unknown> {
  return {
    store: {
      store_hash_env: 'BIGCOMMERCE_STORE_HASH',
      access_token_env: 'BIGCOMMERCE_ACCESS_TOKEN',
      api_url_env: 'BIGCOMMERCE_API_URL',
    },
    channel: 1,
  }
}

/**
 * categories.yaml: every category of the tree is declared. `auto_create` (a first import) lists the leaf
 * paths (parents are implied); `static` mode gets `static: {path: id}` entries for the paths it lacks.
 */
export async function importCategories(
  edits: CatalogEdits,
  dir: string,
  existing: LoadedCatalog | null,
  live: {paths: readonly string[]; idByPath: Readonly<Record<string, number>>; treeId: number},
): Promise<void> {
  const file = path.join(dir, 'categories.yaml')
  const leaves = leafPaths(live.paths)
  const doc = await edits.open(file, 'categories', () => ({
    mode: 'auto_create',
    tree_id: live.treeId,
    categories: [],
  }))
  const mode = existing?.categories.mode ?? 'auto_create'
  if (mode === 'static') {
    const mapped = new Set(Object.keys(existing?.categories.static ?? {}).map(normaliseCategoryPath))
    for (const [categoryPath, id] of Object.entries(live.idByPath)) {
      if (!mapped.has(categoryPath)) doc.setIn(['static', categoryPath], id)
    }
    return
  }
  const declared = new Set((existing?.categories.categories ?? []).flatMap(pathWithAncestors))
  if (!isSeq(doc.get('categories', true))) doc.set('categories', doc.createNode([]))
  const list = doc.get('categories', true)
  for (const leaf of leaves) {
    if (declared.has(leaf)) continue
    if (isSeq(list)) list.items.push(doc.createNode(leaf))
  }
}

/** Paths no other path descends from. */
export function leafPaths(paths: readonly string[]): string[] {
  const parents = new Set(paths.flatMap((candidate) => pathWithAncestors(candidate).slice(0, -1)))
  return [...new Set(paths)].filter((candidate) => !parents.has(candidate)).sort()
}

/** templates/bigcommerce.yaml: the field mappings and rules the import needed, appended. */
export async function importTemplate(
  edits: CatalogEdits,
  dir: string,
  additions: TemplateAdditions,
): Promise<void> {
  if (Object.keys(additions.fields).length === 0 && additions.rules.length === 0) return
  const doc = await edits.open(path.join(dir, 'templates', 'bigcommerce.yaml'), 'template', () => ({}))
  for (const [target, source] of Object.entries(additions.fields)) doc.setIn(['fields', target], source)
  if (additions.rules.length === 0) return
  if (!isSeq(doc.get('rules', true))) doc.set('rules', doc.createNode([]))
  const rules = doc.get('rules', true)
  for (const rule of additions.rules) {
    const node = doc.createNode(rule)
    if (isMap(node)) {
      const target = node.get('metafield', true)
      if (isMap(target)) target.flow = true
    }
    if (isSeq(rules)) rules.items.push(node)
  }
}

/**
 * catalogctl.yaml `locations`: each store location the catalog does not name yet is added under a key
 * from its code, with its `id` (exact), code, label and type; declared ones get changed labels, codes and
 * types. Returns the catalog key by BigCommerce location id.
 */
export async function importLocations(
  edits: CatalogEdits,
  dir: string,
  existing: LoadedCatalog | null,
  live: readonly LiveLocation[],
): Promise<Map<number, string>> {
  const doc = await edits.open(path.join(dir, 'catalogctl.yaml'), 'catalogctl', defaultConfig)
  const declared = desiredLocations(existing?.config.locations ?? {})
  const keyById = new Map<number, string>()
  for (const {desired, live: found} of resolveLocations(declared, live)) {
    if (!found) continue
    keyById.set(found.id, desired.model.key)
    const current: Record<string, unknown> = {}
    const next: Record<string, unknown> = {}
    for (const field of ['code', 'label', 'type'] as const) {
      if (desired.model[field] === null) continue
      current[field] = desired.model[field]
      next[field] = found[field]
    }
    applyOps(doc, ['locations', desired.model.key], plainPatch(current, next))
  }
  const keys = new Set(declared.map((location) => location.model.key))
  for (const location of live) {
    if (keyById.has(location.id)) continue
    let key = slugOf(location.code, `location-${location.id}`)
    for (let n = 2; keys.has(key); n++) key = `${slugOf(location.code, 'location')}-${n}`
    keys.add(key)
    keyById.set(location.id, key)
    doc.setIn(
      ['locations', key],
      doc.createNode({id: location.id, code: location.code, label: location.label, type: location.type}),
    )
  }
  return keyById
}

/**
 * catalogctl.yaml `customer_groups`: the groups the store's price lists are assigned to, by name with
 * their id. Returns the catalog's name by BigCommerce group id.
 */
export async function importCustomerGroups(
  edits: CatalogEdits,
  dir: string,
  existing: LoadedCatalog | null,
  groups: readonly {id: number; name: string}[],
  used: ReadonlySet<number>,
): Promise<Map<number, string>> {
  const declared = Object.entries(existing?.config.customer_groups ?? {})
  const nameById = new Map<number, string>()
  const byName = new Map(groups.map((group) => [customerGroupMatchKey(group.name), group]))
  for (const [name, group] of declared) {
    const id = group?.id ?? byName.get(customerGroupMatchKey(name))?.id
    if (id !== undefined) nameById.set(id, name)
  }
  const missing = groups.filter((group) => used.has(group.id) && !nameById.has(group.id))
  if (missing.length === 0) return nameById
  const doc = await edits.open(path.join(dir, 'catalogctl.yaml'), 'catalogctl', defaultConfig)
  for (const group of missing) {
    doc.setIn(['customer_groups', group.name], doc.createNode({id: group.id}))
    nameById.set(group.id, group.name)
  }
  return nameById
}
