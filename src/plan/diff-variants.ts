import type {DesiredState} from '../model/desired.js'
import type {DesiredOption, DesiredVariant} from '../model/desired-variants.js'
import type {LiveState} from '../model/live-state.js'
import type {OptionModel, VariantModel} from '../model/variant.js'
import type {Change, FieldChange, Fingerprint, Scope} from './plan.js'

import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import {KINDS, productMatchKey, scopeIncludes} from '../model/kinds.js'
import {optionKey} from '../model/variant.js'
import {compareRecords} from './compare-fields.js'
import {createChange} from './create-change.js'
import {fingerprintRecord} from './fingerprint.js'

/** S-V `createProductVariant`: "a product can have up to 600 SKUs"; S-O: 250 values per option. */
export const MAX_VARIANTS_PER_PRODUCT = 600
export const MAX_VALUES_PER_OPTION = 250

export interface VariantDiffOptions {
  scope: Scope
  prune: 'off' | 'hide' | 'delete'
  /** Lower-cased SKUs of the products the plan creates: their options and variants ride the create. */
  createdProducts: ReadonlySet<string>
  /** Lower-cased SKUs of the products the diff considers (selected, in the store, managed or adopted). */
  syncedProducts: ReadonlySet<string>
}

export interface VariantDiff {
  /** Per product SKU with option or variant changes: its live variants left unchanged. */
  unchanged: Record<string, number>
  changes: Change[]
  fingerprints: Fingerprint[]
  notes: string[]
}

interface ProductVariants {
  sku: string
  options: DesiredOption[]
  variants: DesiredVariant[]
}

/**
 * Options and variants of the products that declare variants, per product (pure):
 * - a product the plan creates: its options and variants are created with it (one request, inline);
 * - an existing product: options and option values to add, value renames (a live label whose variants
 *   all carry one new label), variants to create, update field by field, and remove under the prune policy;
 * - what BigCommerce cannot do in place — an option removed, an option added to a product that has
 *   variants, a variant whose option values changed — is a replace (`replace` set, destructive): the
 *   product's variants are deleted and created again;
 * - the store's limits against live state: at most 600 variants per product, 250 values per option
 *   (a UserError naming the products, exit 4, before anything is sent).
 * Scopes: `pricing` compares only variant prices (no creates, deletes or options); `products` the rest.
 */
export function diffVariants(
  desired: DesiredState,
  live: LiveState,
  options: VariantDiffOptions,
): VariantDiff {
  const result: VariantDiff = {unchanged: {}, changes: [], fingerprints: [], notes: []}
  if (!live.variantsRead) return result
  const structural = scopeIncludes(options.scope, 'products')
  const byProduct = groupDesired(desired)
  const liveVariants = live.variants ?? []
  const liveOptions = live.options ?? []
  const liveVariantsOf = groupBy(liveVariants, (variant) => productMatchKey(variant.product))
  const liveOptionsOf = groupBy(liveOptions, (option) => productMatchKey(option.product))
  const ownerOf = new Map(liveVariants.map((variant) => [productMatchKey(variant.sku), variant.product]))
  for (const product of live.products) ownerOf.set(productMatchKey(product.sku), product.sku)

  const limitErrors: string[] = []
  let kept = 0
  let pricingSkipped = 0
  for (const [key, entry] of byProduct) {
    if (options.createdProducts.has(key)) {
      if (!structural) continue
      for (const option of entry.options)
        result.changes.push(
          createChange('option', optionName(option.model), option.model, 'with its product'),
        )
      for (const variant of entry.variants) {
        result.changes.push(
          createChange('variant', variant.model.sku, variant.model, 'with its product', variant.source),
        )
      }
      continue
    }
    if (!options.syncedProducts.has(key)) continue
    const current = liveVariantsOf.get(key) ?? []
    const currentOptions = liveOptionsOf.get(key) ?? []
    if (!structural) {
      const before = result.changes.length
      pricingSkipped += priceUpdates(result, entry, current, options.scope)
      if (result.changes.length > before)
        result.unchanged[entry.sku] = current.length - (result.changes.length - before)
      continue
    }
    const before = result.changes.length
    const planned = diffProduct(entry, current, currentOptions, ownerOf, options, result)
    const touched = new Set(
      result.changes
        .slice(before)
        .filter((change) => change.kind === 'variant' && change.action !== 'create')
        .map((change) => productMatchKey(change.key)),
    )
    if (result.changes.length > before)
      result.unchanged[entry.sku] = current.filter(
        (variant) => !touched.has(productMatchKey(variant.sku)),
      ).length
    kept += planned.kept
    if (planned.count > MAX_VARIANTS_PER_PRODUCT)
      limitErrors.push(
        `${entry.sku} would have ${planned.count} variants (${current.length} in the store), more than BigCommerce's ${MAX_VARIANTS_PER_PRODUCT}`,
      )
    for (const [name, count] of planned.values) {
      if (count > MAX_VALUES_PER_OPTION)
        limitErrors.push(
          `${entry.sku} option ${name} would have ${count} values, more than BigCommerce's ${MAX_VALUES_PER_OPTION}`,
        )
    }
  }
  if (limitErrors.length > 0) {
    throw new UserError(`Store limits: ${limitErrors.join('; ')}`, {
      code: 'plan.variant-limit',
      hint: 'Remove variants from the catalog (or allow deletes of the store’s extra variants with prune: delete).',
      exitCode: ExitCode.invalidCatalog,
    })
  }
  attachIds(result, live)
  if (kept > 0)
    result.notes.push(
      `${kept} variant(s) in the store are not in the catalog; prune is off (catalogctl.yaml prune.products), so they stay.`,
    )
  if (pricingSkipped > 0)
    result.notes.push(
      `${pricingSkipped} catalog variant(s) are not in the store; a ${options.scope} plan does not create variants (run a products plan).`,
    )
  return result
}

/** Live ids of updated and deleted variants and options, for reports and fingerprints (apply re-resolves). */
function attachIds(result: VariantDiff, live: LiveState): void {
  const variantIds = live.ids.variants ?? {}
  const optionIds = live.ids.options ?? {}
  for (const change of result.changes) {
    if (change.action === 'create') continue
    if (change.kind === 'variant') change.id = variantIds[productMatchKey(change.key)]?.id ?? 0
    else if (change.kind === 'option') {
      const option = change.before as OptionModel
      change.id = optionIds[`${productMatchKey(option.product)}\u0000${option.name}`]?.id ?? 0
    }
  }
  for (const fingerprint of result.fingerprints) {
    if (fingerprint.id !== null) fingerprint.id = variantIds[productMatchKey(fingerprint.key)]?.id ?? 0
  }
}

function optionName(option: OptionModel): string {
  return optionKey(option.product, option.name)
}

/** A pricing plan: price fields of the variants both sides have; returns how many catalog variants are missing. */
function priceUpdates(
  result: VariantDiff,
  entry: ProductVariants,
  current: VariantModel[],
  scope: Scope,
): number {
  const live = new Map(current.map((variant) => [productMatchKey(variant.sku), variant]))
  let missing = 0
  for (const variant of entry.variants) {
    const before = live.get(productMatchKey(variant.model.sku))
    if (!before) {
      missing++
      continue
    }
    pushUpdate(
      result,
      before,
      variant,
      compareRecords('variant', before, variant.model, scope),
      'differs from the catalog',
    )
  }
  return missing
}

interface ProductPlan {
  /** Variants the product will have after apply. */
  count: number
  /** Live variants the catalog does not declare and prune leaves alone. */
  kept: number
  /** Values per option after apply. */
  values: Map<string, number>
}

function diffProduct(
  entry: ProductVariants,
  current: VariantModel[],
  currentOptions: OptionModel[],
  ownerOf: ReadonlyMap<string, string>,
  options: VariantDiffOptions,
  result: VariantDiff,
): ProductPlan {
  const liveOptionByName = new Map(currentOptions.map((option) => [option.name, option]))
  const desiredNames = new Set(entry.options.map((option) => option.model.name))
  const added = entry.options.filter((option) => !liveOptionByName.has(option.model.name))
  const removed = currentOptions.filter((option) => !desiredNames.has(option.name))
  const replaceReason =
    current.length === 0
      ? undefined
      : removed.length > 0
        ? `option ${removed.map((option) => option.name).join(', ')} removed: BigCommerce deletes the variants that use it`
        : added.length > 0
          ? `option ${added.map((option) => option.model.name).join(', ')} added to a product that already has variants: BigCommerce recreates them`
          : undefined

  const liveBySku = new Map(current.map((variant) => [productMatchKey(variant.sku), variant]))
  const renames = detectRenames(entry, liveBySku, liveOptionByName)
  const values = new Map<string, number>()

  for (const option of added) {
    values.set(option.model.name, option.model.values.length)
    const change = createChange('option', optionName(option.model), option.model, 'not in the store')
    result.changes.push(replaceReason ? {...change, destructive: true, replace: replaceReason} : change)
  }
  for (const option of removed) {
    result.changes.push({
      kind: 'option',
      action: 'delete',
      key: optionName(option),
      level: KINDS.option.level,
      reason: 'not in the catalog',
      destructive: true,
      before: option,
      after: null,
      fields: [],
      id: 0,
      ...(replaceReason ? {replace: replaceReason} : {}),
    })
  }
  for (const option of entry.options) {
    const before = liveOptionByName.get(option.model.name)
    if (!before) continue
    const renamed = renames.get(option.model.name) ?? new Map<string, string>()
    const fields: FieldChange[] = []
    for (const [from, to] of renamed) fields.push({path: `values[${from}]`, before: from, after: to})
    const known = new Set([...before.values.filter((label) => !renamed.has(label)), ...renamed.values()])
    for (const label of option.model.values)
      if (!known.has(label)) fields.push({path: `values[${label}]`, before: null, after: label})
    values.set(option.model.name, known.size + fields.filter((field) => field.before === null).length)
    if (fields.length === 0) continue
    const after = {...before, values: [...before.values.map((label) => renamed.get(label) ?? label)]}
    for (const field of fields) if (field.before === null) after.values.push(String(field.after))
    result.changes.push({
      kind: 'option',
      action: 'update',
      key: optionName(option.model),
      level: KINDS.option.level,
      reason: 'differs from the catalog',
      destructive: false,
      before,
      after,
      fields,
      adopt: false,
      id: 0,
    })
  }

  const desiredKeys = new Set(entry.variants.map((variant) => productMatchKey(variant.model.sku)))
  let count = 0
  for (const variant of entry.variants) {
    const key = productMatchKey(variant.model.sku)
    const before = liveBySku.get(key)
    count++
    if (!before) {
      const owner = ownerOf.get(key)
      const reason =
        owner === undefined ? 'not in the store' : `not in the store (SKU already used by product ${owner})`
      result.changes.push(createChange('variant', variant.model.sku, variant.model, reason, variant.source))
      result.fingerprints.push(fingerprintRecord('variant', variant.model.sku, null))
      continue
    }
    const renamedOptions = Object.fromEntries(
      Object.entries(before.options).map(([name, label]) => [name, renames.get(name)?.get(label) ?? label]),
    )
    const fields = compareRecords(
      'variant',
      {...before, options: renamedOptions},
      variant.model,
      options.scope,
    )
    const optionsChanged = fields.some((field) => field.path.startsWith('options'))
    const reason =
      replaceReason ??
      (optionsChanged ? 'its option values changed: BigCommerce cannot change them in place' : undefined)
    if (reason) {
      const all = compareRecords('variant', before, variant.model, options.scope)
      pushUpdate(result, before, variant, all, 'differs from the catalog', reason)
    } else {
      pushUpdate(result, before, variant, fields, 'differs from the catalog')
    }
  }
  let kept = 0
  for (const before of current) {
    if (desiredKeys.has(productMatchKey(before.sku))) continue
    if (replaceReason) {
      pushDelete(result, before, 'not in the catalog', replaceReason)
    } else if (options.prune === 'delete') {
      pushDelete(result, before, 'prune: delete')
    } else if (options.prune === 'hide') {
      count++
      if (!before.purchasing_disabled) {
        const fields = [{path: 'purchasing_disabled', before: false, after: true}]
        result.changes.push({
          kind: 'variant',
          action: 'update',
          key: before.sku,
          level: KINDS.variant.level,
          reason: 'prune: hide',
          destructive: true,
          before,
          after: {...before, purchasing_disabled: true},
          fields,
          adopt: false,
          id: 0,
        })
        result.fingerprints.push(fingerprintRecord('variant', before.sku, {record: before, id: 0}))
      }
    } else {
      count++
      kept++
    }
  }
  return {count, kept, values}
}

function pushUpdate(
  result: VariantDiff,
  before: VariantModel,
  desired: DesiredVariant,
  fields: FieldChange[],
  reason: string,
  replace?: string,
): void {
  if (fields.length === 0 && replace === undefined) return
  result.changes.push({
    kind: 'variant',
    action: 'update',
    key: desired.model.sku,
    level: KINDS.variant.level,
    reason,
    destructive: replace !== undefined,
    before,
    after: desired.model,
    fields,
    adopt: false,
    id: 0,
    ...(desired.source ? {source: {file: desired.source.file, line: desired.source.line}} : {}),
    ...(replace !== undefined ? {replace} : {}),
  })
  result.fingerprints.push(fingerprintRecord('variant', desired.model.sku, {record: before, id: 0}))
}

function pushDelete(result: VariantDiff, before: VariantModel, reason: string, replace?: string): void {
  result.changes.push({
    kind: 'variant',
    action: 'delete',
    key: before.sku,
    level: KINDS.variant.level,
    reason,
    destructive: true,
    before,
    after: null,
    fields: [],
    id: 0,
    ...(replace !== undefined ? {replace} : {}),
  })
  result.fingerprints.push(fingerprintRecord('variant', before.sku, {record: before, id: 0}))
}

/**
 * Value renames, option by option: a live label the catalog no longer uses, whose variants (by SKU) all
 * carry one label the store does not have yet, and that label is claimed by no other live label. Returns
 * option name → (live label → catalog label).
 */
function detectRenames(
  entry: ProductVariants,
  liveBySku: ReadonlyMap<string, VariantModel>,
  liveOptionByName: ReadonlyMap<string, OptionModel>,
): Map<string, Map<string, string>> {
  const renames = new Map<string, Map<string, string>>()
  for (const option of entry.options) {
    const live = liveOptionByName.get(option.model.name)
    if (!live) continue
    const wanted = new Set(option.model.values)
    const targets = new Map<string, Set<string>>()
    for (const variant of entry.variants) {
      const before = liveBySku.get(productMatchKey(variant.model.sku))
      const from = before?.options[option.model.name]
      const to = variant.model.options[option.model.name]
      if (from === undefined || to === undefined || wanted.has(from)) continue
      targets.set(from, (targets.get(from) ?? new Set()).add(to))
    }
    const claimed = new Map<string, number>()
    for (const labels of targets.values())
      for (const label of labels) claimed.set(label, (claimed.get(label) ?? 0) + 1)
    const renamed = new Map<string, string>()
    for (const [from, labels] of targets) {
      const [to] = [...labels]
      if (labels.size === 1 && to !== undefined && !live.values.includes(to) && claimed.get(to) === 1)
        renamed.set(from, to)
    }
    if (renamed.size > 0) renames.set(option.model.name, renamed)
  }
  return renames
}

function groupDesired(desired: DesiredState): Map<string, ProductVariants> {
  const byProduct = new Map<string, ProductVariants>()
  const entry = (sku: string): ProductVariants => {
    const key = productMatchKey(sku)
    let found = byProduct.get(key)
    if (!found) {
      found = {sku, options: [], variants: []}
      byProduct.set(key, found)
    }
    return found
  }
  for (const option of desired.options ?? []) entry(option.model.product).options.push(option)
  for (const variant of desired.variants ?? []) entry(variant.model.product).variants.push(variant)
  return byProduct
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const list = groups.get(key)
    if (list) list.push(item)
    else groups.set(key, [item])
  }
  return groups
}
