import type {DesiredState} from '../model/desired.js'
import type {LiveState} from '../model/live-state.js'
import type {PriceListAssignmentModel, PriceRecordModel} from '../model/price-list.js'
import type {Change, Fingerprint} from './plan.js'

import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import {KINDS} from '../model/kinds.js'
import {
  assignmentKey,
  assignmentMatchKey,
  customerGroupMatchKey,
  priceListMatchKey,
  recordKey,
  recordMatchKey,
} from '../model/price-list.js'
import {createChange} from './create-change.js'
import {compareRecords} from './compare-fields.js'
import {pricingFingerprint} from './fingerprint-pricing.js'

export interface PricingDiff {
  changes: Change[]
  fingerprints: Fingerprint[]
  notes: string[]
}

export interface PricingDiffOptions {
  /** Product SKUs (lower-cased) a product create in the same plan brings into the store. */
  createdSkus: ReadonlySet<string>
  /** `--sku`/`--file`: whether a record's SKU is selected. */
  selectsSku(sku: string): boolean
}

/**
 * The pricing part of the diff (price lists, their customer-group assignments and records), pure.
 *
 * - A price list is managed when the catalog declares it by name; lists the catalog does not name are
 *   never read, compared or touched.
 * - A managed list's records and assignments are owned by it: live ones the catalog no longer declares
 *   are deleted (no prune flag, like records of a Terraform resource).
 * - Records are per variant, addressed by SKU: a product's SKU for a product without variants, a variant's
 *   SKU otherwise. Variant SKUs are synced when the plan read the variants; a plan that did not (none
 *   declared, or an inventory plan) reports their rows in a note and leaves live rows for them alone.
 * - Customer groups are matched by name (or by the `id` catalogctl.yaml gives). A group declared by name
 *   that the store lacks is created (name only: its discounts and members stay the merchant's), so a
 *   catalog applies to an empty store; a group whose declared `id` does not exist is a planning error
 *   naming the group and the price-list file — catalogctl never guesses which group was meant.
 */
export function diffPriceLists(
  desired: DesiredState,
  live: LiveState,
  options: PricingDiffOptions,
): PricingDiff {
  const result: PricingDiff = {changes: [], fingerprints: [], notes: []}
  const lists = desired.priceLists ?? []
  const pricing = live.pricing
  if (lists.length === 0 || !pricing) return result
  const ids = live.ids.pricing ?? {priceLists: {}, customerGroups: {}}
  for (const name of missingCustomerGroups(desired, ids.customerGroups)) {
    result.changes.push(
      createChange('customer_group', name, {name}, 'not in the store', {file: 'catalogctl.yaml', line: 1}),
    )
    result.fingerprints.push(pricingFingerprint('customer_group', name, null, live))
  }

  // Records for variant SKUs are synced when the plan read the variants (a pricing or full plan of a
  // catalog with variants); BigCommerce resolves a record's `sku` to the variant either way.
  const variantSkus = new Set(live.variantsRead ? [] : (desired.variantSkus ?? []))
  const liveSkus = new Set(
    [...live.products, ...(live.variants ?? [])].map((record) => record.sku.trim().toLowerCase()),
  )
  const liveLists = new Map(pricing.priceLists.map((list) => [priceListMatchKey(list.name), list]))
  const liveRecords = new Map(pricing.records.map((record) => [recordMatchKey(record), record]))
  const liveAssignments = new Map(pricing.assignments.map((a) => [assignmentMatchKey(a), a]))
  let variantRows = 0
  let missingProducts = 0

  for (const declared of lists) {
    const source = {source: {file: declared.source.file, line: declared.source.line}}
    const listKey = priceListMatchKey(declared.list.name)
    const current = liveLists.get(listKey)
    const listId = ids.priceLists[listKey]
    if (!current || listId === undefined) {
      result.changes.push(
        createChange('price_list', declared.list.name, declared.list, 'not in the store', source.source),
      )
      result.fingerprints.push(pricingFingerprint('price_list', declared.list.name, null, live))
    } else {
      const fields = compareRecords('price_list', current, declared.list, 'pricing')
      if (fields.length > 0) {
        result.changes.push({
          kind: 'price_list',
          action: 'update',
          key: declared.list.name,
          level: KINDS.price_list.level,
          reason: 'differs from the catalog',
          destructive: false,
          before: current,
          after: declared.list,
          fields,
          adopt: false,
          id: listId,
          ...source,
        })
        result.fingerprints.push(pricingFingerprint('price_list', declared.list.name, current, live))
      }
    }

    // Assignments: one per declared customer group; live ones to other groups are removed.
    const wanted = new Set<string>()
    for (const group of declared.customerGroups) {
      const assignment: PriceListAssignmentModel = {price_list: declared.list.name, customer_group: group}
      const key = assignmentMatchKey(assignment)
      wanted.add(key)
      if (liveAssignments.has(key)) continue
      const display = assignmentKey(assignment)
      result.changes.push(
        createChange(
          'price_list_assignment',
          display,
          assignment,
          'not assigned in the store',
          source.source,
        ),
      )
      result.fingerprints.push(pricingFingerprint('price_list_assignment', display, null, live))
    }
    for (const [key, assignment] of liveAssignments) {
      if (priceListMatchKey(assignment.price_list) !== listKey || wanted.has(key)) continue
      const display = assignmentKey(assignment)
      result.changes.push({
        kind: 'price_list_assignment',
        action: 'delete',
        key: display,
        level: KINDS.price_list_assignment.level,
        reason: `customer group is not in ${declared.source.file}`,
        destructive: false,
        before: assignment,
        after: null,
        fields: [],
        id: listId ?? 0,
      })
      result.fingerprints.push(pricingFingerprint('price_list_assignment', display, assignment, live))
    }

    // Records.
    const declaredKeys = new Set<string>()
    for (const record of declared.records) {
      const sku = record.sku.trim().toLowerCase()
      declaredKeys.add(recordMatchKey(record))
      if (!options.selectsSku(record.sku)) continue
      if (variantSkus.has(sku)) {
        variantRows++
        continue
      }
      const existing = liveRecords.get(recordMatchKey(record))
      if (!existing || listId === undefined) {
        if (!liveSkus.has(sku) && !options.createdSkus.has(sku)) {
          missingProducts++
          continue
        }
        const display = recordKey(record)
        result.changes.push(
          createChange('price_record', display, record, 'not in the price list', source.source),
        )
        result.fingerprints.push(pricingFingerprint('price_record', display, null, live))
        continue
      }
      const fields = compareRecords('price_record', existing, record, 'pricing')
      if (fields.length === 0) continue
      const display = recordKey(record)
      result.changes.push({
        kind: 'price_record',
        action: 'update',
        key: display,
        level: KINDS.price_record.level,
        reason: 'differs from the catalog',
        destructive: false,
        before: existing,
        after: record,
        fields,
        adopt: false,
        id: listId,
        ...source,
      })
      result.fingerprints.push(pricingFingerprint('price_record', display, existing, live))
    }
    for (const [key, record] of liveRecords) {
      if (priceListMatchKey(record.price_list) !== listKey || declaredKeys.has(key)) continue
      if (variantSkus.has(record.sku.trim().toLowerCase()) || !options.selectsSku(record.sku)) continue
      result.changes.push(deleteRecord(record, listId ?? 0, declared.source.file))
      result.fingerprints.push(pricingFingerprint('price_record', recordKey(record), record, live))
    }
  }

  if (variantRows > 0) {
    result.notes.push(
      `${variantRows} price-list record(s) name variant SKUs, left alone by this plan: it did not read the store's variants.`,
    )
  }
  if (missingProducts > 0) {
    result.notes.push(
      `${missingProducts} price-list record(s) name products that are not in the store yet; a products (or all) plan creates them first.`,
    )
  }
  return result
}

function deleteRecord(record: PriceRecordModel, listId: number, file: string): Change<'price_record'> {
  return {
    kind: 'price_record',
    action: 'delete',
    key: recordKey(record),
    level: KINDS.price_record.level,
    reason: `not in ${file}`,
    destructive: false,
    before: record,
    after: null,
    fields: [],
    id: listId,
  }
}

/** Referenced groups the store lacks, to create by name; throws for a declared id the store lacks. */
function missingCustomerGroups(desired: DesiredState, liveGroups: Record<string, number>): string[] {
  const create = new Map<string, string>()
  const broken: string[] = []
  for (const list of desired.priceLists ?? []) {
    for (const group of list.customerGroups) {
      const key = customerGroupMatchKey(group)
      if (key in liveGroups || create.has(key)) continue
      const id = desired.customerGroupIds?.[group]
      if (id === undefined || id === null) create.set(key, group)
      else broken.push(`"${group}" (id ${id}) named by ${list.source.file}`)
    }
  }
  if (broken.length > 0) {
    throw new UserError(`Customer group(s) not found in the store: ${broken.join('; ')}`, {
      code: 'plan.missing-customer-group',
      where: 'catalogctl.yaml',
      hint: 'Fix the id under customer_groups in catalogctl.yaml, or remove the id to match (and, when missing, create) the group by name.',
      exitCode: ExitCode.error,
    })
  }
  return [...create.values()]
}
