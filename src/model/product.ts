/**
 * The one product model, shared by the desired side (the YAML catalog after the export template) and the
 * live side (BigCommerce after reading). The diff compares two ProductModels field by field, so every
 * field here is in its normal form: BigCommerce's defaults filled in, lists in a canonical order,
 * references by key (brand name, category path) — never by server id.
 */
export interface ProductModel {
  /** The key. Compared case-insensitively (BigCommerce enforces SKU uniqueness that way). */
  sku: string
  name: string
  type: 'physical' | 'digital'
  /** HTML; '' when absent (BigCommerce's default). */
  description: string
  /** Brand name, or null for no brand (BigCommerce `brand_id: 0`). */
  brand: string | null
  price: number
  /** 0 when absent (BigCommerce's default). */
  sale_price: number
  cost_price: number
  retail_price: number
  weight: number
  width: number
  height: number
  depth: number
  /** From the catalog's `status` (active → true). */
  is_visible: boolean
  availability: 'available' | 'disabled' | 'preorder'
  /** Category paths (`Apparel/Tops/T-Shirts`), sorted: BigCommerce keeps no order. */
  categories: string[]
  /** In display order; the first is the thumbnail. */
  images: ImageModel[]
  /** Sorted by name, then value. */
  custom_fields: CustomFieldModel[]
  /** Only metafields in namespaces the template manages; sorted by namespace, then key. */
  metafields: MetafieldModel[]
  /**
   * Core BigCommerce product fields mapped by the template's `fields` (upc, mpn, gtin, search_keywords,
   * page_title…), keyed by the BigCommerce field name. Only the fields the template maps are present.
   */
  mapped: Record<string, string | number | boolean>
  /**
   * How BigCommerce counts stock (products_catalog.v3.yml `inventory_tracking`). Desired, when the
   * catalog's inventory/ gives the product stock: `variant` for a product with variants (its rows name
   * variant SKUs), `product` otherwise; absent without stock rows (= not managed: the store's mode is left
   * alone). Live: always the store's value.
   */
  inventory_tracking?: InventoryTracking
}

export type InventoryTracking = 'none' | 'product' | 'variant'

export interface ImageModel {
  /** The source URL the catalog names (BigCommerce serves a CDN copy; see live reading). */
  url: string
  /** BigCommerce's image `description`; '' when absent. */
  alt: string
}

export interface CustomFieldModel {
  name: string
  value: string
}

export interface MetafieldModel {
  namespace: string
  key: string
  value: string
  /** Who may read it (products_catalog.v3.yml `permission_set`); the template's, default `app_only`. */
  permission_set: string
}

export interface BrandModel {
  name: string
}

export interface CategoryModel {
  /** `Apparel/Tops/T-Shirts`: names joined by `/` from the tree's root. */
  path: string
}

/** Where a desired record comes from, for messages and `--file` selection. */
export interface SourceLocation {
  file: string
  line: number
}

/**
 * A warehouse location (inventory.v3 / locations.v3 `Location`), keyed by the catalog's own key
 * (catalogctl.yaml `locations.<key>`). Fields the catalog leaves out are null: not managed.
 */
export interface LocationModel {
  key: string
  code: string | null
  label: string | null
  type: 'PHYSICAL' | 'VIRTUAL' | null
  /** Only the address lines the catalog declares (each compared on its own). */
  address: Record<string, string>
}

/** Stock on hand of one SKU at one location: the quantity an absolute adjustment sets. */
export interface StockModel {
  /** The catalog's location key. */
  location: string
  /** The SKU the level belongs to: a variant's for a product with variants, the product's otherwise. */
  sku: string
  quantity: number
  /**
   * Set when `sku` names a variant: its product's SKU (the catalog's spelling). Stock of a variant is
   * addressed by `variant_id`, and its product is the one tracked by variant and carrying the marker.
   */
  product?: string
}
