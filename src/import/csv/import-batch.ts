/**
 * What a feed says, independent of its layout (a mapped spreadsheet or a BigCommerce export): values per
 * SKU, each remembering the row it came from. Only fields the feed maps are present, so a merge touches
 * nothing else.
 */
export type FieldValue = string | number | boolean

/** Product fields a feed can set; `dimensions.*` are kept flat here and nested when written. */
export interface ImportedProduct {
  sku: string
  row: number
  fields: Record<string, unknown>
  attributes: Record<string, FieldValue>
  variants: ImportedVariant[]
}

export interface ImportedVariant {
  sku: string
  row: number
  options: Record<string, string>
  fields: Record<string, unknown>
  attributes: Record<string, FieldValue>
}

export interface ImportedStock {
  sku: string
  location: string
  quantity: number
  row: number
}

export interface ImportedPrice {
  sku: string
  list: string
  record: {price: number; sale_price?: number; retail_price?: number}
  row: number
}

/** A row (or one cell of it) that could not be imported. Row numbers are the file's line numbers (header = 1). */
export interface RowProblem {
  row: number
  column?: string
  sku?: string
  reason: string
}

export interface ImportBatch {
  /** `mapping` (a mapping file), `bigcommerce-current` or `bigcommerce-legacy`. */
  layout: 'mapping' | 'bigcommerce-current' | 'bigcommerce-legacy'
  products: ImportedProduct[]
  /** Variant rows whose parent is not a product row of the feed (it may be in the catalog). */
  orphanVariants: Array<ImportedVariant & {parentSku: string}>
  stock: ImportedStock[]
  prices: ImportedPrice[]
  /** Locations and price lists the feed covers (for replace-* modes, even when a column is empty). */
  locations: string[]
  priceLists: string[]
  problems: RowProblem[]
  rows: number
}

export function emptyBatch(layout: ImportBatch['layout']): ImportBatch {
  return {
    layout,
    products: [],
    orphanVariants: [],
    stock: [],
    prices: [],
    locations: [],
    priceLists: [],
    problems: [],
    rows: 0,
  }
}
