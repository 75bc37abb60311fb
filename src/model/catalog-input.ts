/**
 * The minimal shape of the catalog loader's output that the engine reads (BRIEF.md "Catalog files").
 * The loader's generated types (src/catalog/generated/) are structurally wider; pass its objects in as
 * they are. Only what normalisation needs is declared here, so the engine does not depend on the loader.
 */
export type AttributeValue = string | number | boolean

export interface CatalogProductInput {
  sku: string
  name: string
  type?: 'physical' | 'digital'
  description?: string | null
  brand?: string | null
  price: number
  sale_price?: number | null
  cost_price?: number | null
  retail_price?: number | null
  weight?: number | null
  dimensions?: {width?: number | null; height?: number | null; depth?: number | null} | null
  status?: 'active' | 'inactive'
  availability?: 'available' | 'disabled' | 'preorder'
  categories?: string[]
  images?: Array<{url: string; alt?: string | null}>
  attributes?: Record<string, AttributeValue | null>
}

/** A loaded product with where it was written (for messages and `--file` selection). */
export interface CatalogProductEntry {
  product: CatalogProductInput
  source?: {file: string; line: number}
}

export type TemplateRule =
  | {attribute: string; custom_field: string}
  | {attribute: string; metafield: {namespace: string; key: string}}
  | {attribute: string; variant_metafield: {namespace: string; key: string}}

/** templates/bigcommerce.yaml. */
export interface CatalogTemplateInput {
  /** `<bigcommerce product field>: <catalog field | attributes.X>`, e.g. `upc: attributes.upc`. */
  fields?: Record<string, string>
  rules?: TemplateRule[]
}

/** categories.yaml. */
export interface CatalogCategoriesInput {
  mode?: 'auto_create' | 'static'
  tree_id?: number
  categories?: string[]
  static?: Record<string, number>
}
