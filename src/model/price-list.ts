/**
 * Customer-group price lists in the model's normal form (architecture.md "Keys"): a price list by name, an
 * assignment by (price list name, customer group name), a record by (price list name, SKU, currency).
 * Server ids (price list id, customer group id, variant id) live in `LivePricingIds`, never here.
 */

/** A customer group catalogctl.yaml declares (without an id): created by name when the store lacks it. */
export interface CustomerGroupModel {
  name: string
}

/** A price list: its name is the key; `active` is the only managed field. */
export interface PriceListModel {
  name: string
  active: boolean
}

/** A price list assigned to a customer group (storefront pricing for that group, every channel). */
export interface PriceListAssignmentModel {
  price_list: string
  customer_group: string
}

/** A bulk pricing tier (pricelists.v3.yml `bulk_pricing_tiers`). */
export interface PriceTierModel {
  quantity_min: number
  /** 0 = open-ended (BigCommerce's value when absent). */
  quantity_max: number
  type: 'fixed' | 'price' | 'percent'
  amount: number
}

/** One price record of a price list, for one variant SKU in one currency. */
export interface PriceRecordModel {
  price_list: string
  sku: string
  /** Lower-case ISO 4217, as BigCommerce returns it. */
  currency: string
  price: number
  /** null when absent: no strikethrough. */
  sale_price: number | null
  retail_price: number | null
  /** Sorted by quantity_min. */
  tiers: PriceTierModel[]
}

/** The desired price lists, with where each is declared. */
export interface DesiredPriceList {
  list: PriceListModel
  currency: string
  customerGroups: string[]
  records: PriceRecordModel[]
  source: {file: string; line: number}
}

/** The live side: only the price lists the catalog declares by name are read (undeclared lists are never touched). */
export interface LivePricing {
  priceLists: PriceListModel[]
  assignments: PriceListAssignmentModel[]
  records: PriceRecordModel[]
}

/** Server ids of the pricing side table, keyed by match keys. */
export interface LivePricingIds {
  /** Price list id by `priceListMatchKey(name)`. */
  priceLists: Record<string, number>
  /** Customer group id by `customerGroupMatchKey(name)`. */
  customerGroups: Record<string, number>
}

/** Price list names are unique in the store, case-insensitively (a duplicate answers 409). */
export function priceListMatchKey(name: string): string {
  return name.trim().toLowerCase()
}

/** Customer groups are matched by name, case-insensitively (people type `wholesale` for `Wholesale`). */
export function customerGroupMatchKey(name: string): string {
  return name.trim().toLowerCase()
}

export function assignmentKey(assignment: PriceListAssignmentModel): string {
  return `${assignment.price_list} → ${assignment.customer_group}`
}

export function assignmentMatchKey(assignment: PriceListAssignmentModel): string {
  return `${priceListMatchKey(assignment.price_list)}\u0000${customerGroupMatchKey(assignment.customer_group)}`
}

export function recordKey(record: PriceRecordModel): string {
  return `${record.price_list} ${record.sku} ${record.currency.toUpperCase()}`
}

/** SKUs are case-insensitive; currencies compare lower-case. */
export function recordMatchKey(record: {price_list: string; sku: string; currency: string}): string {
  return `${priceListMatchKey(record.price_list)}\u0000${record.sku.trim().toLowerCase()}\u0000${record.currency.toLowerCase()}`
}

/** Most records have no tiers: they share one frozen empty list (1.2 million records at 100,000 products). */
const NO_TIERS: PriceTierModel[] = Object.freeze([]) as unknown as PriceTierModel[]

/** Tiers in normal form: numbers rounded like prices, open-ended max as 0, sorted by quantity_min. */
export function normaliseTiers(
  tiers: readonly {quantity_min: number; quantity_max?: number | null; type: string; amount: number}[],
): PriceTierModel[] {
  if (tiers.length === 0) return NO_TIERS
  return tiers
    .map((tier) => ({
      quantity_min: tier.quantity_min,
      quantity_max: tier.quantity_max ?? 0,
      type: tier.type as PriceTierModel['type'],
      amount: Math.round(tier.amount * 10_000) / 10_000,
    }))
    .sort((a, b) => a.quantity_min - b.quantity_min)
}

export function roundPrice(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null
  return Math.round(value * 10_000) / 10_000
}
