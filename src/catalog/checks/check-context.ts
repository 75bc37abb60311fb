import type {PathSegment, PendingDiagnostic} from '../diagnostics.js'
import type {CatalogctlConfig, CategoriesFile, PriceListFile, Product, SchedulesFile, TemplateFile} from '../generated/index.js'
import type {SourceRef} from '../types.js'

/** Reports a problem in a file (by display path). */
export type Report = (file: string, diagnostic: PendingDiagnostic) => void

export interface ProductEntry {
  product: Product
  source: SourceRef
  /** Path of the product inside its file: `[]` for a one-product file, `[index]` in a list file. */
  path: PathSegment[]
}

export interface InventoryEntry {
  sku: string
  location: string
  quantity: number
  source: SourceRef
  /** For CSV rows: the columns of the sku and location cells. */
  csvColumns?: {sku: number; location: number}
  /** For YAML rows: the SKU key's column and the `location:` value's position, from the text scan. */
  yamlPositions?: {skuCol: number; location: {line: number; col: number} | undefined}
}

/**
 * Where to point for a problem with an inventory row's SKU or location. Computed only when reporting, so
 * 100,000 valid rows allocate nothing extra.
 */
export function inventoryAt(row: InventoryEntry, field: 'sku' | 'location'): PendingDiagnostic['at'] {
  if (row.csvColumns) return {line: row.source.line, col: row.csvColumns[field]}
  // Exact positions from the scan avoid re-parsing a 60,000-line stock file with `yaml`.
  if (row.yamlPositions) {
    if (field === 'sku' && row.yamlPositions.skuCol > 0) return {line: row.source.line, col: row.yamlPositions.skuCol}
    if (field === 'location' && row.yamlPositions.location) return row.yamlPositions.location
  }
  return field === 'sku' ? {path: ['stock', row.sku], target: 'key'} : {path: ['location']}
}

export interface PriceListEntry {
  data: PriceListFile
  source: SourceRef
}

/** Everything the semantic checks look at. Only documents that passed their schema are included. */
export interface CheckInput {
  config: CatalogctlConfig | undefined
  configFile: string
  products: ProductEntry[]
  /** SKUs of products that failed their schema but still name a SKU (so references to them are not flagged). */
  extraSkus: string[]
  /** Product files that could not be read or parsed: their SKUs are unknown. */
  unloadedProductFiles: string[]
  /** Only some product files were loaded: a SKU no loaded product has may be in the others. */
  partial: boolean
  categories: CategoriesFile | undefined
  categoriesFile: string
  template: TemplateFile | undefined
  templateFile: string
  inventory: InventoryEntry[]
  priceLists: PriceListEntry[]
  schedules: SchedulesFile | undefined
  schedulesFile: string
}

/** BigCommerce keeps prices to 4 decimals (docs: "Pricing precision"). */
export function hasAtMostFourDecimals(value: number): boolean {
  return Number(value.toFixed(4)) === value
}

export const error = (rule: string, message: string, at: PendingDiagnostic['at'], hint?: string): PendingDiagnostic => ({
  severity: 'error',
  rule,
  message,
  at,
  ...(hint === undefined ? {} : {hint}),
})

export const warning = (rule: string, message: string, at: PendingDiagnostic['at'], hint?: string): PendingDiagnostic => ({
  severity: 'warning',
  rule,
  message,
  at,
  ...(hint === undefined ? {} : {hint}),
})
