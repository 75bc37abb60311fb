import type {DesiredProduct, DesiredState} from '../model/desired.js'
import type {LiveState} from '../model/live-state.js'
import type {ProductModel} from '../model/product.js'
import type {QuotaOptions} from './estimate.js'
import type {Change, FieldChange, Fingerprint, Mode, Plan, Scope} from './plan.js'
import type {Selection} from './selection.js'

import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import {brandMatchKey, KINDS, productMatchKey, scopeIncludes} from '../model/kinds.js'
import {pathWithAncestors} from '../model/normalise.js'
import {compareRecords} from './compare-fields.js'
import {createChange} from './create-change.js'
import {diffPriceLists} from './diff-price-lists.js'
import {diffInventory} from './diff-inventory.js'
import {diffVariants} from './diff-variants.js'
import {estimateRequests} from './estimate.js'
import {catalogHash, fingerprintRecord} from './fingerprint.js'
import {PLAN_FORMAT_VERSION} from './plan.js'
import {sortChanges, summarise} from './plan-order.js'
import {compileSelection} from './selection.js'
import {storeOwnedFilter} from './store-owned.js'
import {appendAll} from '../collections/append-all.js'

export type ProductPrunePolicy = 'off' | 'hide' | 'delete'

export interface DiffOptions {
  scope: Scope
  /**
   * Recorded in the plan. The diff itself is the same in both modes: in `delta` mode the caller reads
   * only some live records, so it must pass `selection.skus` = the SKUs it looked up (found or not);
   * otherwise every unread catalog product would plan as a create.
   */
  mode: Mode
  /** catalogctl.yaml `prune` (default off). Brands and categories are never deleted by the engine. */
  prune?: {products?: ProductPrunePolicy}
  selection?: Selection
  storeHash: string
  /** The catalog's git commit, null outside git. */
  commit: string | null
  /** Defaults to `catalogHash(desired)`. */
  catalogHash?: string
  /** catalogctl's version, recorded in the plan. */
  version: string
  now: Date | string
  quota?: QuotaOptions
  /** catalogctl.yaml `store_owned_fields`: product fields never compared for updates (src/plan/store-owned.ts). */
  storeOwned?: readonly string[]
}

const ADOPT_REASON = 'adopted: exists in the store without the catalogctl marker'

/**
 * The pure diff: desired (the catalog) vs. live (the store) → a Plan. Never prints, never reads.
 *
 * Ownership (architecture.md "Keys, scopes, ownership"): a live product carrying the catalogctl marker is
 * managed. Declared + unmarked → an update with `adopt: true` (even with no field change; apply sets the
 * marker). Undeclared + unmarked → counted `unmanaged`, never touched. Undeclared + marked → the prune
 * policy: `off` a note, `hide` an update to is_visible false, `delete` a destructive delete.
 *
 * Scopes: a `pricing` plan compares only pricing fields and never creates, adopts or prunes (those touch
 * every field); `products` compares everything else; `all` both. Throws a UserError (exit 1) in static
 * category mode when a product names an unmapped path or a path mapped to an id the store lacks.
 */
export function diff(desired: DesiredState, live: LiveState, options: DiffOptions): Plan {
  const scope = options.scope
  const structural = scopeIncludes(scope, 'products')
  const prune = options.prune?.products ?? 'off'
  const selection = compileSelection(options.selection, desired.products)
  const selected = desired.products.filter((product) => selection.selectsDesired(product))
  const desiredByKey = indexDesired(selected)
  const notStoreOwned = storeOwnedFilter(options.storeOwned)

  if (desired.categoryMode === 'static') checkStaticCategories(selected, desired, live)

  const changes: Change[] = []
  const fingerprints: Fingerprint[] = []
  const notes: string[] = []
  let unchanged = 0
  let unmanaged = 0

  if (structural) {
    const referencedBrands = selection.active
      ? new Set(
          selected
            .map((p) => p.model.brand)
            .filter(isString)
            .map(brandMatchKey),
        )
      : null
    for (const brand of desired.brands) {
      if (referencedBrands && !referencedBrands.has(brandMatchKey(brand.name))) continue
      if (brandMatchKey(brand.name) in live.ids.brands) continue
      changes.push(createChange('brand', brand.name, brand, 'not in the store'))
      fingerprints.push(fingerprintRecord('brand', brand.name, null))
    }
    if (desired.categoryMode === 'auto_create') {
      const referenced = selection.active
        ? new Set(selected.flatMap((p) => p.model.categories.flatMap(pathWithAncestors)))
        : null
      for (const category of desired.categories) {
        if (referenced && !referenced.has(category.path)) continue
        if (category.path in live.ids.categories) continue
        changes.push(createChange('category', category.path, category, 'not in the store'))
        fingerprints.push(fingerprintRecord('category', category.path, null))
      }
    }
  }

  const liveByKey = new Map(live.products.map((product) => [productMatchKey(product.sku), product]))
  let missingOutOfScope = 0
  let unmarkedOutOfScope = 0
  for (const [key, entry] of desiredByKey) {
    const current = liveByKey.get(key)
    const ids = live.ids.products[key]
    const source = entry.source ? {source: {file: entry.source.file, line: entry.source.line}} : {}
    if (!current || !ids) {
      if (!structural) {
        missingOutOfScope++
        continue
      }
      changes.push(createChange('product', entry.model.sku, entry.model, 'not in the store', entry.source))
      fingerprints.push(fingerprintRecord('product', entry.model.sku, null))
      continue
    }
    const managed = ids.ownershipMetafieldId !== null
    if (!managed && !structural) {
      unmanaged++
      unmarkedOutOfScope++
      continue
    }
    const fields = compareRecords('product', current, entry.model, scope).filter(notStoreOwned)
    if (managed && fields.length === 0) {
      unchanged++
      continue
    }
    changes.push({
      kind: 'product',
      action: 'update',
      key: entry.model.sku,
      level: KINDS.product.level,
      reason: managed ? 'differs from the catalog' : ADOPT_REASON,
      destructive: false,
      before: current,
      after: applyFields(current, entry.model, fields),
      fields,
      adopt: !managed,
      id: ids.id,
      ...source,
    })
    fingerprints.push(
      fingerprintRecord('product', entry.model.sku, {
        record: current,
        id: ids.id,
        date_modified: ids.date_modified,
      }),
    )
  }

  let unchangedVariants: Record<string, number> = {}
  {
    const createdProducts = new Set<string>()
    const syncedProducts = new Set<string>()
    for (const change of changes) {
      if (change.kind !== 'product') continue
      const key = productMatchKey(change.key)
      if (change.action === 'create') createdProducts.add(key)
    }
    for (const key of desiredByKey.keys()) {
      const ids = live.ids.products[key]
      if (!ids || createdProducts.has(key)) continue
      if (ids.ownershipMetafieldId !== null || structural) syncedProducts.add(key)
    }
    const variants = diffVariants(desired, live, {scope, prune, createdProducts, syncedProducts})
    appendAll(changes, variants.changes)
    appendAll(fingerprints, variants.fingerprints)
    notes.push(...variants.notes)
    unchangedVariants = variants.unchanged
  }

  let orphans = 0
  for (const product of live.products) {
    const key = productMatchKey(product.sku)
    if (desiredByKey.has(key) || !selection.selectsLive(product.sku)) continue
    const ids = live.ids.products[key]
    if (!ids || ids.ownershipMetafieldId === null) {
      unmanaged++
      continue
    }
    if (!structural || prune === 'off' || (prune === 'hide' && !product.is_visible)) {
      if (structural && prune === 'off') orphans++
      unchanged++
      continue
    }
    const fingerprint = {record: product, id: ids.id, date_modified: ids.date_modified}
    fingerprints.push(fingerprintRecord('product', product.sku, fingerprint))
    if (prune === 'hide') {
      const fields: FieldChange[] = [{path: 'is_visible', before: true, after: false}]
      changes.push({
        kind: 'product',
        action: 'update',
        key: product.sku,
        level: KINDS.product.level,
        reason: 'prune: hide',
        destructive: true,
        before: product,
        after: {...product, is_visible: false},
        fields,
        adopt: false,
        id: ids.id,
      })
    } else {
      changes.push({
        kind: 'product',
        action: 'delete',
        key: product.sku,
        level: KINDS.product.level,
        reason: 'prune: delete',
        destructive: true,
        before: product,
        after: null,
        fields: [],
        id: ids.id,
      })
    }
  }
  if (!selection.active) unmanaged += live.unkeyedProducts

  if (scopeIncludes(scope, 'pricing')) {
    const createdProducts = new Set(
      changes
        .filter((change) => change.kind === 'product' && change.action === 'create')
        .map((change) => productMatchKey(change.key)),
    )
    // A record may name a SKU this plan creates: a new product, a variant of one (created inline), or a
    // variant created on an existing product (kind `variant`).
    const createdSkus = new Set([
      ...createdProducts,
      ...(desired.variants ?? [])
        .filter((variant) => createdProducts.has(productMatchKey(variant.model.product)))
        .map((variant) => productMatchKey(variant.model.sku)),
      ...changes
        .filter((change) => change.kind === 'variant' && change.action === 'create')
        .map((change) => productMatchKey(change.key)),
    ])
    const pricing = diffPriceLists(desired, live, {createdSkus, selectsSku: selection.selectsLive})
    appendAll(changes, pricing.changes)
    appendAll(fingerprints, pricing.fingerprints)
    notes.push(...pricing.notes)
    // summary.unchanged counts products only, like brands and categories are not counted: it is the
    // guardrails' denominator of managed products (src/plan/guardrails.ts managedCount).
  }

  if (selection.active) notes.push('Partial plan: only the selected records (--sku, --file) were considered.')
  if (orphans > 0) {
    notes.push(
      `${orphans} managed ${plural(orphans, 'product is', 'products are')} not in the catalog; prune is off (catalogctl.yaml prune.products).`,
    )
  }
  if (missingOutOfScope > 0) {
    notes.push(
      `${missingOutOfScope} catalog ${plural(missingOutOfScope, 'product is', 'products are')} not in the store; a ${scope} plan does not create products (run a products plan).`,
    )
  }
  if (unmarkedOutOfScope > 0) {
    notes.push(
      `${unmarkedOutOfScope} catalog ${plural(unmarkedOutOfScope, 'product exists', 'products exist')} in the store without the catalogctl marker; a products plan adopts them.`,
    )
  }
  if (scopeIncludes(scope, 'inventory')) {
    const productsPlanned = new Set(
      changes
        .filter(
          (change) =>
            change.kind === 'product' &&
            (change.action === 'create' || (change.action === 'update' && change.adopt)),
        )
        .map((change) => productMatchKey(change.key)),
    )
    const createdProducts = new Set(
      changes
        .filter((change) => change.kind === 'product' && change.action === 'create')
        .map((change) => productMatchKey(change.key)),
    )
    const variantsPlanned = new Set([
      ...(desired.variants ?? [])
        .filter((variant) => createdProducts.has(productMatchKey(variant.model.product)))
        .map((variant) => productMatchKey(variant.model.sku)),
      ...changes
        .filter(
          (change) =>
            change.kind === 'variant' &&
            (change.action === 'create' || (change.action === 'update' && change.replace !== undefined)),
        )
        .map((change) => productMatchKey(change.key)),
    ])
    const inventory = diffInventory(desired, live, {
      structural,
      productsPlanned,
      variantsPlanned,
      selects: (sku) => selection.selectsLive(sku),
    })
    appendAll(changes, inventory.changes)
    // `unchanged` counts products only: it is the guardrails' denominator of managed products.
    notes.push(...inventory.notes)
  }

  const sorted = sortChanges(changes)
  return {
    format_version: PLAN_FORMAT_VERSION,
    catalogctl_version: options.version,
    created_at: typeof options.now === 'string' ? options.now : options.now.toISOString(),
    catalog: {commit: options.commit, hash: options.catalogHash ?? catalogHash(desired)},
    store: {hash: options.storeHash},
    scope,
    mode: options.mode,
    changes: sorted,
    summary: summarise(sorted, {unchanged, unmanaged}),
    estimate: estimateRequests(sorted, options.quota),
    fingerprints: fingerprints.sort((a, b) => compareKeys(`${a.kind}:${a.key}`, `${b.kind}:${b.key}`)),
    notes,
    ...(Object.keys(unchangedVariants).length > 0 ? {unchanged_variants: unchangedVariants} : {}),
  }
}

/** The live record with the compared (in-scope) fields taken from the catalog: what the store will hold. */
function applyFields(
  current: ProductModel,
  desired: ProductModel,
  fields: readonly FieldChange[],
): ProductModel {
  const next = {...current} as unknown as Record<string, unknown>
  const source = desired as unknown as Record<string, unknown>
  for (const descriptor of KINDS.product.fields) {
    if (
      fields.some(
        (field) =>
          field.path === descriptor.field ||
          field.path.startsWith(`${descriptor.field}[`) ||
          field.path.startsWith(`${descriptor.field}.`),
      )
    ) {
      next[descriptor.field] = source[descriptor.field]
    }
  }
  return next as unknown as ProductModel
}

function indexDesired(products: readonly DesiredProduct[]): Map<string, DesiredProduct> {
  const byKey = new Map<string, DesiredProduct>()
  const duplicates: string[] = []
  for (const product of products) {
    const key = productMatchKey(product.model.sku)
    const existing = byKey.get(key)
    if (existing) {
      duplicates.push(
        `${product.model.sku}${where(product)} duplicates ${existing.model.sku}${where(existing)}`,
      )
      continue
    }
    byKey.set(key, product)
  }
  if (duplicates.length > 0) {
    throw new UserError(
      `Duplicate SKUs in the catalog (SKUs are case-insensitive): ${duplicates.join('; ')}`,
      {
        code: 'catalog.duplicate-sku',
        hint: 'Give every product a unique SKU.',
        exitCode: ExitCode.invalidCatalog,
      },
    )
  }
  return byKey
}

function checkStaticCategories(
  selected: readonly DesiredProduct[],
  desired: DesiredState,
  live: LiveState,
): void {
  const existing = new Set(Object.values(live.ids.categories))
  const problems = new Map<string, string>()
  for (const product of selected) {
    for (const path of product.model.categories) {
      if (problems.has(path)) continue
      const id = desired.staticCategories[path]
      if (id === undefined)
        problems.set(
          path,
          `"${path}" (${product.model.sku}${where(product)}) has no id in categories.yaml static`,
        )
      else if (!existing.has(id))
        problems.set(path, `"${path}" maps to category id ${id}, which does not exist in the store`)
    }
  }
  if (problems.size === 0) return
  const list = [...problems.values()]
  throw new UserError(`Static category map: ${list.join('; ')}`, {
    code: 'plan.static-category',
    where: 'categories.yaml',
    hint: 'Map every category path a product uses to an existing category id, or set mode: auto_create.',
    exitCode: ExitCode.error,
  })
}

function where(product: DesiredProduct): string {
  return product.source ? ` at ${product.source.file}:${product.source.line}` : ''
}

function isString(value: string | null): value is string {
  return value !== null
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
