import type {DesiredPriceList, PriceRecordModel} from './price-list.js'

import {normaliseTiers, roundPrice} from './price-list.js'

/** A `price-lists/*.yaml` file as loaded (schemas/price-list.schema.json, defaults applied). */
export interface PriceListInput {
  name: string
  currency?: string
  active?: boolean
  customer_groups?: string[]
  prices: Record<
    string,
    | {
        price: number
        sale_price?: number
        retail_price?: number
        tiers?: {quantity_min: number; quantity_max?: number; type: string; amount: number}[]
      }
    | undefined
  >
  source: {file: string; line: number}
}

/**
 * Price-list files → desired price lists in normal form. Absent sale/retail prices are null (BigCommerce
 * stores no strikethrough then), so removing `sale_price` in YAML clears it in the store.
 */
export function buildDesiredPriceLists(inputs: readonly PriceListInput[]): DesiredPriceList[] {
  return inputs.map((input) => {
    const currency = (input.currency ?? 'USD').toLowerCase()
    const records = Object.entries(input.prices).flatMap(([sku, prices]): PriceRecordModel[] =>
      prices === undefined
        ? []
        : [
            {
              price_list: input.name,
              sku,
              currency,
              price: roundPrice(prices.price) ?? 0,
              sale_price: roundPrice(prices.sale_price),
              retail_price: roundPrice(prices.retail_price),
              tiers: normaliseTiers(prices.tiers ?? []),
            },
          ],
    )
    return {
      list: {name: input.name, active: input.active ?? true},
      currency,
      customerGroups: [...(input.customer_groups ?? [])],
      records,
      source: {file: input.source.file, line: input.source.line},
    }
  })
}
