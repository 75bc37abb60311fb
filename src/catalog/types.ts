import type {Diagnostic} from './diagnostics.js'
import type {
  CatalogctlConfig,
  CategoriesFile,
  InventoryFile,
  PriceListFile,
  Product,
  SchedulesFile,
  TemplateFile,
} from './generated/index.js'

/** Where a record came from: the file (as displayed) and the 1-based line it starts on. */
export interface SourceRef {
  file: string
  line: number
}

export type LoadedProduct = Product & {source: SourceRef}

/** One stock level, from inventory/*.yaml (`{location, stock: {SKU: qty}}`) or inventory/*.csv. */
export interface InventoryRow {
  sku: string
  /** A location key from catalogctl.yaml `locations`. */
  location: string
  quantity: number
  source: SourceRef
}

export type LoadedPriceList = PriceListFile & {source: SourceRef}

/**
 * The catalog as loaded: schema defaults applied, every file's data (files that could not be parsed are
 * left out), and every problem found. Call `assertValid` (or check `diagnostics`) before using it.
 */
export interface LoadedCatalog {
  /** The catalog folder as given. */
  dir: string
  config: CatalogctlConfig
  products: LoadedProduct[]
  categories: CategoriesFile
  template: TemplateFile
  inventory: InventoryRow[]
  priceLists: LoadedPriceList[]
  schedules: SchedulesFile
  /** Sorted by file, line, column. */
  diagnostics: Diagnostic[]
  /** Set when only some product files were loaded (`onlyProductFiles`): a delta plan's narrow load. */
  partial?: true
  stats: {files: number; products: number; variants: number}
}

export type {InventoryFile}
