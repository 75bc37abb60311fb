import type {Kind, KindRecord} from '../plan/plan.js'

import {
  customerGroupDescriptor,
  priceListAssignmentDescriptor,
  priceListDescriptor,
  priceRecordDescriptor,
} from './price-list-kinds.js'
import {optionKey} from './variant.js'

/**
 * Per-kind descriptors as DATA, in one table (like decK's pkg/diff/order.go): the dependency level, the
 * key, and every compared field with its scope and comparison kind. The diff (src/plan/compare-fields.ts)
 * is generic over this table: a field that is not declared here is never compared, so BigCommerce's
 * server-owned fields and defaults are ignored by declaration, not by `if`s in the diff.
 */

/** Disjoint field groups (architecture.md "Keys, scopes, ownership"). `all` is products ∪ pricing ∪ inventory. */
export type FieldScope = 'products' | 'pricing' | 'inventory'

/**
 * How two values of a field are compared (and rendered):
 * - `scalar`: strict equality of strings/booleans.
 * - `number`: numeric equality at BigCommerce's 4-decimal precision (products_catalog.v3.yml prices).
 * - `number-or-null`: like `number`, with null (a variant inheriting the product's value) a value of its own.
 * - `text-ci`: case-insensitive text, null allowed (brand names: BigCommerce matches `brand_name` that way).
 * - `html`: text compared after normalising line endings and surrounding whitespace; rendered as a
 *   unified diff when long.
 * - `set`: an unordered list of strings (compared sorted); rendered as added/removed items.
 * - `list`: an ordered list of strings; rendered as added/removed items.
 * - `keyed`: a list of records matched by `itemKey` (custom fields by name, metafields by namespace.key,
 *   images by position); one FieldChange per differing key, `path[key]` or `path[key].sub`.
 * - `record`: a string-keyed map of scalars (the template's `mapped` fields); one FieldChange per key.
 */
export type CompareKind =
  'scalar' | 'number' | 'number-or-null' | 'text-ci' | 'html' | 'set' | 'list' | 'keyed' | 'record'

export interface FieldDescriptor {
  /** The model field (top-level property of the kind's record). FieldChange paths start with it. */
  field: string
  scope: FieldScope
  compare: CompareKind
  /** For `keyed`: the key of an item (index = its position in the list). */
  itemKey?: (item: never, index: number) => string
  /**
   * For `keyed`: the comparable value of the items sharing one key. Objects are compared (and reported)
   * property by property as `path[key].property`.
   */
  itemValue?: (items: never[]) => unknown
  /**
   * Compared only when the catalog gives a value (desired `undefined`/`null` = not managed: the store's
   * value stays, whatever it is). Location labels and addresses, a product's inventory tracking.
   */
  optional?: boolean
}

export interface KindDescriptor<K extends Kind> {
  kind: K
  /** Creates and updates run by increasing level, deletes by decreasing level. */
  level: number
  /** The key as shown to people (the catalog's spelling). */
  displayKey: (record: KindRecord[K]) => string
  /** The key records are matched by (case-folded where BigCommerce matches case-insensitively). */
  matchKey: (record: KindRecord[K]) => string
  /** Ordering within a level: categories sort parents first (depth, then path). */
  sortKey: (key: string) => string
  fields: readonly FieldDescriptor[]
  /**
   * BigCommerce fields that are server-owned or filled with defaults we do not manage. The live mapper
   * never carries them into the model; listed here so the rule is written down in one place.
   */
  ignoredLiveFields: readonly string[]
}

/** SKUs are unique case-insensitively across products and variants (products_catalog.v3.yml `sku`). */
export function productMatchKey(sku: string): string {
  return sku.trim().toLowerCase()
}

/** `brand_name` finds-or-creates "with a case-insensitive match" (products_catalog.v3.yml). */
export function brandMatchKey(name: string): string {
  return name.trim().toLowerCase()
}

export function categoryDepth(path: string): number {
  return path.split('/').length - 1
}

const padDepth = (path: string): string => `${String(categoryDepth(path)).padStart(2, '0')}:${path}`

const pricing = (field: string): FieldDescriptor => ({field, scope: 'pricing', compare: 'number'})
const content = (field: string, compare: CompareKind): FieldDescriptor => ({
  field,
  scope: 'products',
  compare,
})

interface Keyed {
  name?: string
  value?: string
  namespace?: string
  key?: string
  url?: string
  alt?: string
  permission_set?: string
}

export const productDescriptor: KindDescriptor<'product'> = {
  kind: 'product',
  level: 2,
  displayKey: (product) => product.sku,
  matchKey: (product) => productMatchKey(product.sku),
  sortKey: (key) => productMatchKey(key),
  fields: [
    content('name', 'scalar'),
    content('type', 'scalar'),
    content('description', 'html'),
    content('brand', 'text-ci'),
    pricing('price'),
    pricing('sale_price'),
    pricing('cost_price'),
    pricing('retail_price'),
    content('weight', 'number'),
    content('width', 'number'),
    content('height', 'number'),
    content('depth', 'number'),
    content('is_visible', 'scalar'),
    content('availability', 'scalar'),
    content('categories', 'set'),
    {
      field: 'images',
      scope: 'products',
      compare: 'keyed',
      itemKey: (_item: Keyed, index: number) => String(index),
      itemValue: (items: Keyed[]) => ({url: items[0]?.url, alt: items[0]?.alt}),
    },
    {
      // BigCommerce allows several custom fields with one name (name+value pairs are unique), so the
      // value of a name is a string, or the sorted list of strings when the name repeats.
      field: 'custom_fields',
      scope: 'products',
      compare: 'keyed',
      itemKey: (item: Keyed) => item.name ?? '',
      itemValue: (items: Keyed[]) => {
        const values = items.map((item) => item.value ?? '').sort()
        return values.length === 1 ? values[0] : values
      },
    },
    {
      field: 'metafields',
      scope: 'products',
      compare: 'keyed',
      itemKey: (item: Keyed) => `${item.namespace ?? ''}.${item.key ?? ''}`,
      itemValue: (items: Keyed[]) => ({value: items[0]?.value, permission_set: items[0]?.permission_set}),
    },
    content('mapped', 'record'),
    // Stock needs the tracking mode its adjustments' identity counts (inventory.v3.yml: `variant` for
    // variant_id, `product` for product_id, or the API answers 422): set when the catalog gives the product
    // stock — `variant` when the rows name its variants, `product` for a product without variants.
    {field: 'inventory_tracking', scope: 'inventory', compare: 'scalar', optional: true},
  ],
  ignoredLiveFields: [
    'id',
    'date_created',
    'date_modified',
    'calculated_price',
    'base_variant_id',
    'total_sold',
    'view_count',
    'reviews_rating_sum',
    'reviews_count',
    'custom_url',
    'related_products',
    'option_set_id',
    'option_set_display',
    'inventory_level',
    'inventory_warning_level',
    'variants',
    'modifiers',
    'options',
    'primary_image',
    'videos',
    'bulk_pricing_rules',
    'channels',
    'open_graph_type',
    'open_graph_use_meta_description',
    'open_graph_use_product_name',
    'open_graph_use_image',
    'gift_wrapping_options_type',
    'gift_wrapping_options_list',
    // Not managed yet (an array, or a date BigCommerce returns as '' or null): left to the merchant.
    'meta_keywords',
    'preorder_release_date',
  ],
}

export const brandDescriptor: KindDescriptor<'brand'> = {
  kind: 'brand',
  level: 0,
  displayKey: (brand) => brand.name,
  matchKey: (brand) => brandMatchKey(brand.name),
  sortKey: (key) => brandMatchKey(key),
  // A brand is its name: nothing else is managed yet (page_title, image_url… stay the merchant's).
  fields: [],
  ignoredLiveFields: [
    'id',
    'page_title',
    'meta_keywords',
    'meta_description',
    'image_url',
    'search_keywords',
    'custom_url',
  ],
}

export const categoryDescriptor: KindDescriptor<'category'> = {
  kind: 'category',
  level: 1,
  displayKey: (category) => category.path,
  matchKey: (category) => category.path,
  sortKey: padDepth,
  fields: [],
  ignoredLiveFields: [
    'id',
    'category_id',
    'category_uuid',
    'parent_id',
    'tree_id',
    'depth',
    'description',
    'views',
    'sort_order',
    'page_title',
    'meta_keywords',
    'meta_description',
    'layout_file',
    'image_url',
    'is_visible',
    'search_keywords',
    'default_product_sort',
    'custom_url',
    'url',
  ],
}

/** Locations are matched by the catalog's key (catalogctl.yaml `locations.<key>`), never deleted. */
export const locationDescriptor: KindDescriptor<'location'> = {
  kind: 'location',
  // Before stock (level 3); independent of brands, categories and products.
  level: 0,
  displayKey: (location) => location.key,
  matchKey: (location) => location.key,
  sortKey: (key) => key,
  fields: [
    // Codes are matched case-insensitively (the API keeps them unique that way).
    {field: 'code', scope: 'inventory', compare: 'text-ci', optional: true},
    {field: 'label', scope: 'inventory', compare: 'scalar', optional: true},
    {field: 'type', scope: 'inventory', compare: 'scalar', optional: true},
    {field: 'address', scope: 'inventory', compare: 'record', optional: true},
  ],
  ignoredLiveFields: [
    'id',
    'enabled',
    'description',
    'managed_by_external_source',
    'operating_hours',
    'time_zone',
    'storefront_visibility',
    'special_hours',
    'created_at',
    'updated_at',
  ],
}

/** `SKU@location`: stock of one SKU at one of the catalog's locations. */
export function stockKey(sku: string, location: string): string {
  return `${sku}@${location}`
}

export const stockDescriptor: KindDescriptor<'stock'> = {
  kind: 'stock',
  // After products (the product must exist, with the tracking mode set), variants (a variant's level
  // needs the variant) and locations; the executor runs stock after the variant step.
  level: 3,
  displayKey: (stock) => stockKey(stock.sku, stock.location),
  matchKey: (stock) => stockKey(productMatchKey(stock.sku), stock.location),
  // Grouped by location in the plan, then by SKU.
  sortKey: (key) => {
    const at = key.lastIndexOf('@')
    return `${key.slice(at + 1)}\u0000${productMatchKey(key.slice(0, at))}`
  },
  fields: [{field: 'quantity', scope: 'inventory', compare: 'number'}],
  ignoredLiveFields: ['available_to_sell', 'settings', 'location_name', 'location_enabled'],
}

const variantOverride = (field: string, scope: FieldScope): FieldDescriptor => ({
  field,
  scope,
  compare: 'number-or-null',
})

/**
 * A product's variant option, keyed by (product SKU, display name). Value additions and renames are
 * computed by src/plan/diff-variants.ts (a label's identity is which variants use it); `values` is
 * declared for rendering and scope.
 */
export const optionDescriptor: KindDescriptor<'option'> = {
  kind: 'option',
  // After products (an option belongs to one), before stock; variants share the level (sorted after).
  level: 3,
  displayKey: (option) => optionKey(option.product, option.name),
  matchKey: (option) => `${productMatchKey(option.product)}:${option.name}`,
  sortKey: (key) => key.toLowerCase(),
  fields: [{field: 'values', scope: 'products', compare: 'list'}],
  ignoredLiveFields: ['id', 'product_id', 'type', 'sort_order', 'config', 'is_default', 'value_data'],
}

/**
 * A variant, keyed by SKU (case-insensitive, unique across products and variants). Prices are `pricing`,
 * everything else `products` (architecture.md "Scopes"). Overrides compare with null = inherit.
 */
export const variantDescriptor: KindDescriptor<'variant'> = {
  kind: 'variant',
  level: 3,
  displayKey: (variant) => variant.sku,
  matchKey: (variant) => productMatchKey(variant.sku),
  sortKey: (key) => productMatchKey(key),
  fields: [
    {field: 'options', scope: 'products', compare: 'record'},
    variantOverride('price', 'pricing'),
    variantOverride('sale_price', 'pricing'),
    variantOverride('cost_price', 'pricing'),
    variantOverride('retail_price', 'pricing'),
    variantOverride('weight', 'products'),
    variantOverride('width', 'products'),
    variantOverride('height', 'products'),
    variantOverride('depth', 'products'),
    {field: 'image', scope: 'products', compare: 'scalar', optional: true},
    content('gtin', 'scalar'),
    content('upc', 'scalar'),
    content('mpn', 'scalar'),
    content('purchasing_disabled', 'scalar'),
    {
      field: 'metafields',
      scope: 'products',
      compare: 'keyed',
      itemKey: (item: Keyed) => `${item.namespace ?? ''}.${item.key ?? ''}`,
      itemValue: (items: Keyed[]) => ({value: items[0]?.value, permission_set: items[0]?.permission_set}),
    },
  ],
  ignoredLiveFields: [
    'id',
    'product_id',
    'sku_id',
    'calculated_price',
    'calculated_weight',
    'map_price',
    'inventory_level',
    'inventory_warning_level',
    'bin_picking_number',
    'is_free_shipping',
    'fixed_cost_shipping_price',
    'purchasing_disabled_message',
    'image_url',
  ],
}

/** The one table. Order of keys = order of levels. */
export const KINDS: {readonly [K in Kind]: KindDescriptor<K>} = {
  brand: brandDescriptor,
  location: locationDescriptor,
  category: categoryDescriptor,
  product: productDescriptor,
  option: optionDescriptor,
  variant: variantDescriptor,
  stock: stockDescriptor,
  customer_group: customerGroupDescriptor,
  price_list: priceListDescriptor,
  price_list_assignment: priceListAssignmentDescriptor,
  price_record: priceRecordDescriptor,
}

export function kindDescriptor<K extends Kind>(kind: K): KindDescriptor<K> {
  return KINDS[kind] as KindDescriptor<K>
}

/** Whether a field scope belongs to a plan scope. */
export function scopeIncludes(
  planScope: 'products' | 'pricing' | 'inventory' | 'all',
  field: FieldScope,
): boolean {
  return planScope === 'all' || planScope === field
}

/** The top-level model field a FieldChange path belongs to: `custom_fields[Material]` → `custom_fields`. */
export function fieldOfPath(path: string): string {
  const match = /^[a-z_]+/.exec(path)
  return match ? match[0] : path
}

/** The scope of a FieldChange path, from the table. */
export function scopeOfPath(kind: Kind, path: string): FieldScope {
  const field = fieldOfPath(path)
  return (
    KINDS[kind].fields.find((descriptor) => descriptor.field === field)?.scope ??
    (kind === 'location' || kind === 'stock'
      ? 'inventory'
      : kind === 'product' ||
          kind === 'brand' ||
          kind === 'category' ||
          kind === 'option' ||
          kind === 'variant'
        ? 'products'
        : 'pricing')
  )
}

/**
 * Core BigCommerce product fields the export template may map (`fields:` in templates/bigcommerce.yaml)
 * into `ProductModel.mapped`, with their type and the default BigCommerce fills in when absent
 * (products_catalog.v3.yml `product_Base_POST`). A catalog product without a value for a mapped field
 * means "BigCommerce's default", so a freshly applied catalog never shows drift.
 * Fields not listed here are treated as strings defaulting to ''.
 */
export const MAPPABLE_PRODUCT_FIELDS: Readonly<
  Record<string, {type: 'string' | 'number' | 'boolean'; default: string | number | boolean}>
> = {
  upc: {type: 'string', default: ''},
  mpn: {type: 'string', default: ''},
  gtin: {type: 'string', default: ''},
  search_keywords: {type: 'string', default: ''},
  page_title: {type: 'string', default: ''},
  meta_description: {type: 'string', default: ''},
  warranty: {type: 'string', default: ''},
  bin_picking_number: {type: 'string', default: ''},
  availability_description: {type: 'string', default: ''},
  preorder_message: {type: 'string', default: ''},
  price_hidden_label: {type: 'string', default: ''},
  product_tax_code: {type: 'string', default: ''},
  layout_file: {type: 'string', default: ''},
  open_graph_title: {type: 'string', default: ''},
  open_graph_description: {type: 'string', default: ''},
  condition: {type: 'string', default: 'New'},
  is_condition_shown: {type: 'boolean', default: false},
  is_featured: {type: 'boolean', default: false},
  is_free_shipping: {type: 'boolean', default: false},
  is_price_hidden: {type: 'boolean', default: false},
  is_preorder_only: {type: 'boolean', default: false},
  map_price: {type: 'number', default: 0},
  fixed_cost_shipping_price: {type: 'number', default: 0},
  sort_order: {type: 'number', default: 0},
  tax_class_id: {type: 'number', default: 0},
  order_quantity_minimum: {type: 'number', default: 0},
  order_quantity_maximum: {type: 'number', default: 0},
}

export function mappableField(name: string): {
  type: 'string' | 'number' | 'boolean'
  default: string | number | boolean
} {
  return MAPPABLE_PRODUCT_FIELDS[name] ?? {type: 'string', default: ''}
}
