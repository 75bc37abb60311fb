import type {CategoriesFile, Location, Product, TemplateFile} from '../catalog/generated/index.js'

/**
 * What the engine reads from the catalog: the types generated from the JSON Schemas in schemas/ (the one
 * source of truth for file formats), so the loader's objects pass in as they are.
 */
export type AttributeValue = string | number | boolean
export type CatalogProductInput = Product
export type CatalogTemplateInput = TemplateFile
export type TemplateRule = NonNullable<TemplateFile['rules']>[number]
export type CatalogCategoriesInput = CategoriesFile

/** A loaded product with where it was written (for messages and `--file` selection). */
export interface CatalogProductEntry {
  product: CatalogProductInput
  source?: {file: string; line: number}
}

/** catalogctl.yaml `locations.<key>`. */
export type CatalogLocationInput = Location

/** One inventory row (inventory/*.yaml or *.csv), as the loader gives it. */
export interface CatalogStockRow {
  sku: string
  location: string
  quantity: number
  source?: {file: string; line: number}
}
