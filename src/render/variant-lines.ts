import type {Change, Plan} from '../plan/plan.js'
import type {OptionModel, VariantModel} from '../model/variant.js'
import type {Line, Tone} from './change-lines.js'

import {productMatchKey} from '../model/kinds.js'
import {changeLines} from './change-lines.js'
import {formatValue} from './format-value.js'

/** A block of lines for one record, or one product with its options and variants nested under it. */
export interface PlanBlock {
  lines: Line[]
  /** The plan's changes the block shows. */
  changes: Change[]
}

/**
 * The plan as blocks in plan order, options and variants grouped under their product (at the product's
 * place, or at the first of them when the product itself is unchanged): one line per variant, unchanged
 * variants collapsed into a count, so a 36-variant change reads as one product. Pure.
 */
export function planBlocks(plan: Plan): PlanBlock[] {
  const groups = new Map<string, {product?: Change; members: Change[]}>()
  const order: (Change | string)[] = []
  const groupOf = (sku: string): {product?: Change; members: Change[]} => {
    const key = productMatchKey(sku)
    let group = groups.get(key)
    if (!group) {
      group = {members: []}
      groups.set(key, group)
      order.push(key)
    }
    return group
  }
  for (const change of plan.changes) {
    if (change.kind === 'product' && change.action !== 'delete') groupOf(change.key).product = change
    else if (change.kind === 'option' || change.kind === 'variant')
      groupOf(ownerOf(change)).members.push(change)
    else order.push(change)
  }
  return order.map((entry) => {
    if (typeof entry !== 'string') return {lines: changeLines(entry, plan.scope), changes: [entry]}
    const group = groups.get(entry) ?? {members: []}
    const sku = group.product?.key ?? ownerOf(group.members[0] as Change)
    const lines: Line[] = group.product
      ? changeLines(group.product, plan.scope)
      : [{tone: 'update', depth: 0, text: `~ product ${sku}: options and variants`}]
    const options = group.members.filter((change) => change.kind === 'option')
    const variants = group.members.filter((change) => change.kind === 'variant')
    for (const change of options) lines.push(...optionLines(change))
    for (const change of variants) lines.push(variantLine(change))
    const unchanged = plan.unchanged_variants?.[sku] ?? 0
    if (unchanged > 0)
      lines.push({
        tone: 'muted',
        depth: 1,
        text: `# (${unchanged} unchanged ${unchanged === 1 ? 'variant' : 'variants'} hidden)`,
      })
    return {lines, changes: group.product ? [group.product, ...group.members] : group.members}
  })
}

function ownerOf(change: Change): string {
  const record = (change.after ?? change.before) as OptionModel | VariantModel
  return record.product
}

function replaced(change: Change): string {
  return change.replace === undefined ? '' : ` (replace: ${change.replace})`
}

function optionLines(change: Change): Line[] {
  const option = (change.after ?? change.before) as OptionModel
  const tone: Tone = change.replace !== undefined ? 'delete' : change.action
  switch (change.action) {
    case 'create':
      return [
        {
          tone,
          depth: 1,
          text: `${change.replace !== undefined ? '-/+' : '+'} option ${option.name}: ${option.values.join(', ')}${replaced(change)}`,
        },
      ]
    case 'delete':
      return [
        {
          tone,
          depth: 1,
          text: `${change.replace !== undefined ? '-/+' : '-'} option ${option.name} will be removed${replaced(change)}`,
        },
      ]
    case 'update':
      return change.fields.map((field) => ({
        tone: field.before === null ? 'added' : 'update',
        depth: 1,
        text:
          field.before === null
            ? `~ option ${option.name}: + value ${String(field.after)}`
            : `~ option ${option.name}: value ${formatValue('', field.before)} → ${formatValue('', field.after)} (rename)`,
      }))
  }
}

function variantLine(change: Change): Line {
  const variant = (change.after ?? change.before) as VariantModel
  const combination = Object.entries(variant.options)
    .map(([name, label]) => `${name}: ${label}`)
    .join(', ')
  if (change.action === 'create') {
    const overrides = Object.entries(variant)
      .filter(([field, value]) => OVERRIDES.has(field) && value !== null && value !== '')
      .map(([field, value]) => `${field} ${formatValue(field, value)}`)
    const extra = overrides.length > 0 ? ` ${overrides.join(', ')}` : ''
    return {tone: 'create', depth: 1, text: `+ variant ${change.key} (${combination})${extra}`}
  }
  if (change.action === 'delete')
    return {
      tone: 'delete',
      depth: 1,
      text: `${change.replace !== undefined ? '-/+' : '-'} variant ${change.key} (${combination}) will be deleted (${change.replace ?? change.reason})`,
    }
  const fields = change.fields
    .map(
      (field) =>
        `${field.path} ${formatOverride(field.path, field.before)} → ${formatOverride(field.path, field.after)}`,
    )
    .join(', ')
  if (change.replace !== undefined)
    return {
      tone: 'delete',
      depth: 1,
      text: `-/+ variant ${change.key} will be replaced (${change.replace})${fields ? `: ${fields}` : ''}`,
    }
  const hidden = change.reason.startsWith('prune:') ? ` will be hidden (${change.reason})` : ''
  return {tone: 'update', depth: 1, text: `~ variant ${change.key}${hidden}: ${fields}`}
}

const OVERRIDES = new Set([
  'price',
  'sale_price',
  'cost_price',
  'retail_price',
  'weight',
  'width',
  'height',
  'depth',
  'image',
  'gtin',
  'upc',
  'mpn',
])

/** null on a variant override means "inherits the product's value". */
function formatOverride(path: string, value: unknown): string {
  if (value === null && OVERRIDES.has(path)) return 'inherit'
  return formatValue(path, value)
}
