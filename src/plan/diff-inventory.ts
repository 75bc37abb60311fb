import type {DesiredState} from '../model/desired.js'
import type {LiveLocation, LiveState} from '../model/live-state.js'
import type {LocationModel} from '../model/product.js'
import type {Change} from './plan.js'

import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import {KINDS, productMatchKey, stockKey} from '../model/kinds.js'
import {resolveLocations} from '../model/locations.js'
import {createChange} from './create-change.js'
import {compareRecords} from './compare-fields.js'

export interface InventoryDiff {
  changes: Change[]
  notes: string[]
}

export interface InventoryDiffOptions {
  /** The plan creates and adopts products (products or all scope): their stock is planned with them. */
  structural: boolean
  /** Lower-cased SKUs the product part of this plan creates or adopts. */
  productsPlanned: ReadonlySet<string>
  /**
   * Lower-cased variant SKUs this plan creates (inline with a new product, a `variant` create on an
   * existing one, or a replaced variant): their stock is planned with them and addressed once apply knows
   * the new variant id.
   */
  variantsPlanned: ReadonlySet<string>
  /** `--sku`/`--file` selection: stock of unselected SKUs is left out. */
  selects: (sku: string) => boolean
}

/**
 * The inventory part of the diff (pure): catalogctl.yaml locations against the store's, then stock per
 * (location, SKU) against the Inventory API's on-hand levels.
 *
 * Locations are managed, never deleted: one given by `code` that the store lacks is created (it needs a
 * label: locations.v3.yml requires one), one given by `id` must exist (a clear error otherwise, like a
 * static category map). Only the fields the catalog declares are compared.
 *
 * Stock: an absolute level per row, for a variant SKU (its product tracks by variant) or a product SKU
 * (a product without variants); SKUs without a row are left alone (never zeroed). A row whose product the
 * store lacks is planned only when this plan creates the product; a row whose product exists without the
 * catalogctl marker only when this plan adopts it (an inventory plan never adopts); a row whose variant
 * the store lacks only when this plan creates the variant. A product switching to variant tracking has
 * no variant levels yet: its rows are creates.
 */
export function diffInventory(
  desired: DesiredState,
  live: LiveState,
  options: InventoryDiffOptions,
): InventoryDiff {
  const changes: Change[] = []
  const notes: string[] = []

  const resolved = resolveLocations(desired.locations, live.locations)
  const problems = resolved.flatMap((entry) => (entry.problem ? [entry.problem] : []))
  if (problems.length > 0) {
    throw new UserError(`Locations in catalogctl.yaml: ${problems.join('; ')}`, {
      code: 'plan.unknown-location',
      where: 'catalogctl.yaml',
      hint: 'Use the id of an existing location (GET /v3/inventory/locations), or give a code and a label so catalogctl creates it.',
      exitCode: ExitCode.error,
    })
  }
  const existing = new Set<string>()
  for (const {desired: location, live: current} of resolved) {
    if (!current) {
      changes.push(createChange('location', location.model.key, location.model, 'not in the store'))
      continue
    }
    existing.add(location.model.key)
    const before = liveLocationModel(location.model.key, current)
    const fields = compareRecords('location', before, location.model, 'inventory')
    if (fields.length === 0) continue
    changes.push({
      kind: 'location',
      action: 'update',
      key: location.model.key,
      level: KINDS.location.level,
      reason: 'differs from the catalog',
      destructive: false,
      before,
      after: {
        ...before,
        ...definedFields(location.model),
        address: {...before.address, ...location.model.address},
      },
      fields,
      adopt: false,
      id: current.id,
    })
  }

  const liveStock = new Map(
    live.stock.map((stock) => [stockKey(productMatchKey(stock.sku), stock.location), stock]),
  )
  let absent = 0
  let unmarked = 0
  let absentVariants = 0
  for (const {model, source} of desired.stock) {
    const owner = model.product ?? model.sku
    if (!options.selects(owner)) continue
    const productKey = productMatchKey(owner)
    const ids = live.ids.products[productKey]
    const planned = options.productsPlanned.has(productKey)
    if (!planned && (!ids || ids.ownershipMetafieldId === null)) {
      if (!ids) absent++
      else unmarked++
      continue
    }
    const skuKey = productMatchKey(model.sku)
    // A variant's stock needs the variant: one this plan creates gets its id when apply has created it.
    const variantIds = model.product === undefined ? undefined : live.ids.variants?.[skuKey]
    const variantPlanned = model.product !== undefined && options.variantsPlanned.has(skuKey)
    if (model.product !== undefined && !variantIds && !variantPlanned) {
      absentVariants++
      continue
    }
    const key = stockKey(model.sku, model.location)
    // A variant the plan replaces (deleted and created again) starts with no stock, under a new id.
    const addressed = model.product === undefined ? ids : variantPlanned ? undefined : variantIds
    const current =
      addressed && existing.has(model.location) ? liveStock.get(stockKey(skuKey, model.location)) : undefined
    const where = source ? {source: {file: source.file, line: source.line}} : {}
    if (!current || !addressed) {
      const reason = !ids ? 'new product' : !addressed ? 'new variant' : 'no stock recorded at this location'
      changes.push(createChange('stock', key, model, reason, source))
      continue
    }
    const fields = compareRecords('stock', current, model, 'inventory')
    if (fields.length === 0) continue
    changes.push({
      kind: 'stock',
      action: 'update',
      key,
      level: KINDS.stock.level,
      reason: 'differs from the catalog',
      destructive: false,
      before: current,
      after: {...current, quantity: model.quantity, ...(model.product ? {product: model.product} : {})},
      fields,
      adopt: false,
      id: addressed.id,
      ...where,
    })
  }
  if (absent > 0) {
    notes.push(
      `${absent} stock ${absent === 1 ? 'row names a product' : 'rows name products'} not in the store; ${options.structural ? 'they are' : 'a products plan creates them, then their stock is'} planned once the product exists.`,
    )
  }
  if (unmarked > 0) {
    notes.push(
      `${unmarked} stock ${unmarked === 1 ? 'row names a product' : 'rows name products'} without the catalogctl marker; a products plan adopts them, then their stock is planned.`,
    )
  }
  if (absentVariants > 0) {
    notes.push(
      `${absentVariants} stock ${absentVariants === 1 ? 'row names a variant' : 'rows name variants'} not in the store; ${options.structural ? 'they are' : 'a products plan creates them, then their stock is'} planned once the variant exists.`,
    )
  }
  return {changes, notes}
}

/** The store's location in the model, keyed by the catalog's key. */
export function liveLocationModel(key: string, location: LiveLocation): LocationModel {
  return {key, code: location.code, label: location.label, type: location.type, address: location.address}
}

/** The catalog's declared (non-null) fields, so `after` shows what the store will hold. */
function definedFields(model: LocationModel): Partial<LocationModel> {
  const fields: Partial<LocationModel> = {}
  if (model.code !== null) fields.code = model.code
  if (model.label !== null) fields.label = model.label
  if (model.type !== null) fields.type = model.type
  return fields
}
