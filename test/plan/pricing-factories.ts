import type {DesiredPriceList, LivePricing, PriceRecordModel} from '../../src/model/price-list.js'
import type {LiveState} from '../../src/model/live-state.js'

import {customerGroupMatchKey, priceListMatchKey} from '../../src/model/price-list.js'

/** A price record in normal form; override what the test is about. */
export function aRecord(overrides: Partial<PriceRecordModel> = {}): PriceRecordModel {
  return {
    price_list: 'Wholesale',
    sku: 'TEE-CLASSIC',
    currency: 'usd',
    price: 14,
    sale_price: null,
    retail_price: null,
    tiers: [],
    ...overrides,
  }
}

export function aPriceList(
  name: string,
  records: PriceRecordModel[],
  overrides: Partial<Omit<DesiredPriceList, 'records'>> = {},
): DesiredPriceList {
  return {
    list: {name, active: true},
    currency: 'usd',
    customerGroups: [name],
    records: records.map((record) => ({...record, price_list: name})),
    source: {file: `price-lists/${name.toLowerCase()}.yaml`, line: 2},
    ...overrides,
  }
}

/** Puts price lists (with ids from 1), groups (ids from 10) and their records into a live state. */
export function withLivePricing(
  live: LiveState,
  pricing: Partial<LivePricing>,
  groups: string[] = ['Wholesale', 'VIP'],
): LiveState {
  const full: LivePricing = {priceLists: [], assignments: [], records: [], ...pricing}
  return {
    ...live,
    pricing: full,
    ids: {
      ...live.ids,
      pricing: {
        priceLists: Object.fromEntries(
          full.priceLists.map((list, index) => [priceListMatchKey(list.name), index + 1]),
        ),
        customerGroups: Object.fromEntries(
          groups.map((group, index) => [customerGroupMatchKey(group), index + 10]),
        ),
      },
    },
  }
}
