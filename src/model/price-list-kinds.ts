import type {FieldDescriptor, KindDescriptor} from './kinds.js'

import {
  assignmentKey,
  assignmentMatchKey,
  customerGroupMatchKey,
  priceListMatchKey,
  recordKey,
  recordMatchKey,
} from './price-list.js'

/**
 * Descriptors of the pricing kinds (the KINDS table's rows, kept beside their model). Levels come after
 * products and stock (architecture.md "Levels"): a price list exists before its assignments and records.
 * All their fields are in the `pricing` scope: a `products` plan never reads or writes them.
 */
const pricing = (field: string): FieldDescriptor => ({field, scope: 'pricing', compare: 'number'})

interface Tier {
  quantity_min?: number
  quantity_max?: number
  type?: string
  amount?: number
}

export const customerGroupDescriptor: KindDescriptor<'customer_group'> = {
  kind: 'customer_group',
  level: 4,
  displayKey: (group) => group.name,
  matchKey: (group) => customerGroupMatchKey(group.name),
  sortKey: (key) => customerGroupMatchKey(key),
  // A group is its name: discounts, category access and members stay the merchant's.
  fields: [],
  ignoredLiveFields: ['id', 'is_default', 'category_access', 'discount_rules', 'is_group_for_guests'],
}

export const priceListDescriptor: KindDescriptor<'price_list'> = {
  kind: 'price_list',
  level: 5,
  displayKey: (list) => list.name,
  matchKey: (list) => priceListMatchKey(list.name),
  sortKey: (key) => key,
  fields: [{field: 'active', scope: 'pricing', compare: 'scalar'}],
  ignoredLiveFields: ['id', 'date_created', 'date_modified'],
}

export const priceListAssignmentDescriptor: KindDescriptor<'price_list_assignment'> = {
  kind: 'price_list_assignment',
  level: 6,
  displayKey: assignmentKey,
  matchKey: assignmentMatchKey,
  sortKey: (key) => key.toLowerCase(),
  // An assignment is its two keys: it is created or deleted, never updated.
  fields: [],
  ignoredLiveFields: ['id', 'price_list_id', 'customer_group_id', 'channel_id'],
}

export const priceRecordDescriptor: KindDescriptor<'price_record'> = {
  kind: 'price_record',
  level: 6,
  displayKey: recordKey,
  matchKey: recordMatchKey,
  sortKey: (key) => key.toLowerCase(),
  fields: [
    pricing('price'),
    pricing('sale_price'),
    pricing('retail_price'),
    {
      // One FieldChange per tier, keyed by its starting quantity: `tiers[24].amount`.
      field: 'tiers',
      scope: 'pricing',
      compare: 'keyed',
      itemKey: (item: Tier) => String(item.quantity_min ?? ''),
      itemValue: (items: Tier[]) => ({
        quantity_max: items[0]?.quantity_max,
        type: items[0]?.type,
        amount: items[0]?.amount,
      }),
    },
  ],
  ignoredLiveFields: [
    'price_list_id',
    'variant_id',
    'product_id',
    'calculated_price',
    'map_price',
    'date_created',
    'date_modified',
  ],
}
