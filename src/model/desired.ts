import type {
  AttributeValue,
  CatalogCategoriesInput,
  CatalogProductEntry,
  CatalogProductInput,
  CatalogTemplateInput,
} from './catalog-input.js'
import type {CatalogLocationInput, CatalogStockRow} from './catalog-input.js'
import type {
  BrandModel,
  CategoryModel,
  InventoryTracking,
  LocationModel,
  MetafieldModel,
  ProductModel,
  SourceLocation,
  StockModel,
} from './product.js'

import type {DesiredPriceList} from './price-list.js'

import {buildDesiredPriceLists, type PriceListInput} from './desired-price-lists.js'
import {
  desiredVariantsOf,
  managedVariantMetafieldNamespaces,
  type DesiredOption,
  type DesiredVariant,
} from './desired-variants.js'
import {brandMatchKey, productMatchKey} from './kinds.js'
import {
  coerceMappedValue,
  normaliseCategoryPath,
  normaliseProduct,
  pathWithAncestors,
  roundAmount,
  stringifyAttribute,
} from './normalise.js'

/** A desired product in normal form, with where the catalog declares it. */
export interface DesiredProduct {
  model: ProductModel
  source?: SourceLocation
}

/** The catalog, normalised: what the store should look like. */
export interface DesiredState {
  products: DesiredProduct[]
  /** Distinct brand names (first spelling wins; matched case-insensitively). */
  brands: BrandModel[]
  /** Every path the catalog names (products and categories.yaml) and all their ancestors. */
  categories: CategoryModel[]
  categoryMode: 'auto_create' | 'static'
  /** categories.yaml `tree_id` (default 1): the tree categories are read from and created in. */
  categoryTreeId: number
  /** static mode: normalised path → category id (categories.yaml `static`). */
  staticCategories: Record<string, number>
  /** Metafield namespaces the template manages: live metafields outside them are not compared. */
  metafieldNamespaces: string[]
  /** BigCommerce fields the template maps into `ProductModel.mapped`. */
  mappedFields: string[]
  /**
   * Options and variants of the products that declare variants (src/model/desired-variants.ts). Products
   * that declare none keep whatever variants the store gives them (not managed).
   */
  options?: DesiredOption[]
  variants?: DesiredVariant[]
  /** Namespaces of the template's `variant_metafield` rules. */
  variantMetafieldNamespaces?: string[]
  /** price-lists/*.yaml in normal form (absent when built without them). */
  priceLists?: DesiredPriceList[]
  /** Lower-cased SKUs of the catalog's variants: their price-list records need the store's variants read. */
  variantSkus?: string[]
  /** catalogctl.yaml `customer_groups`: name → the BigCommerce id it names (groups without `id` match by name). */
  customerGroupIds?: Record<string, number | null>
  /** catalogctl.yaml `locations`, sorted by key. */
  locations: DesiredLocation[]
  /**
   * Stock rows, sorted by location then SKU: variant SKUs for products with variants (`model.product` set),
   * the product SKU otherwise.
   */
  stock: DesiredStock[]
}

export interface DesiredLocation {
  model: LocationModel
  /** catalogctl.yaml `id`: the location must exist with this id (never created). */
  id: number | null
}

export interface DesiredStock {
  model: StockModel
  source?: SourceLocation
}

export interface DesiredInput {
  products: CatalogProductEntry[]
  template?: CatalogTemplateInput | null
  categories?: CatalogCategoriesInput | null
  priceLists?: readonly PriceListInput[]
  customerGroups?: Record<string, {id?: number} | undefined>
  /** catalogctl.yaml `locations`. */
  locations?: Record<string, CatalogLocationInput | undefined>
  /** inventory/*.yaml and *.csv rows. */
  inventory?: readonly CatalogStockRow[]
}

/**
 * Template `fields:` targets (BigCommerce product field names) that the model holds as core fields, and
 * the model field each fills: `name: attributes.web_title` overrides the name, `brand_name: brand` (the
 * default) fills `brand`. `sku` is the record's key and always the catalog's `sku`. Any other target is a
 * BigCommerce field that lands in `mapped`.
 */
const CORE_FIELD_OF_TARGET: Readonly<Record<string, keyof ProductModel | 'key'>> = {
  sku: 'key',
  name: 'name',
  description: 'description',
  brand_name: 'brand',
  price: 'price',
  sale_price: 'sale_price',
  cost_price: 'cost_price',
  retail_price: 'retail_price',
  weight: 'weight',
  width: 'width',
  height: 'height',
  depth: 'depth',
  availability: 'availability',
}
const NUMERIC_CORE_FIELDS = new Set<string>([
  'price',
  'sale_price',
  'cost_price',
  'retail_price',
  'weight',
  'width',
  'height',
  'depth',
])

/**
 * Normalises the loaded catalog into the desired state. Pure: the caller loads and validates the files
 * (the loader stops on an invalid catalog before this runs).
 */
export function buildDesiredState(input: DesiredInput): DesiredState {
  // One source object per product file, shared by the product, its options and its variants.
  const sources = new WeakMap<object, SourceLocation>()
  const sourceOf = (source: {file: string; line: number}): SourceLocation => {
    let shared = sources.get(source)
    if (!shared) sources.set(source, (shared = {file: source.file, line: source.line}))
    return shared
  }
  const template = input.template ?? {}
  const {stock, tracking} = desiredStock(input.products, input.inventory ?? [])
  const products = input.products.map((entry): DesiredProduct => {
    const model = desiredProduct(entry.product, template)
    const mode = tracking.get(productMatchKey(model.sku))
    if (mode !== undefined) model.inventory_tracking = mode
    return entry.source ? {model, source: sourceOf(entry.source)} : {model}
  })
  const options: DesiredOption[] = []
  const variants: DesiredVariant[] = []
  for (const entry of input.products) {
    const built = desiredVariantsOf(entry.product, template)
    const source = entry.source ? sourceOf(entry.source) : undefined
    for (const model of built.options) options.push(source ? {model, source} : {model})
    for (const model of built.variants) variants.push(source ? {model, source} : {model})
  }
  const categoryMode = input.categories?.mode ?? 'auto_create'
  const staticCategories: Record<string, number> = {}
  for (const [path, id] of Object.entries(input.categories?.static ?? {})) {
    if (id !== undefined) staticCategories[normaliseCategoryPath(path)] = id
  }
  return {
    products,
    brands: desiredBrands(products.map((p) => p.model)),
    categories: desiredCategories(
      products.map((p) => p.model),
      input.categories?.categories ?? [],
    ),
    categoryMode,
    categoryTreeId: input.categories?.tree_id ?? 1,
    staticCategories,
    metafieldNamespaces: managedMetafieldNamespaces(template),
    mappedFields: mappedFieldNames(template),
    options,
    variants,
    variantMetafieldNamespaces: managedVariantMetafieldNamespaces(template),
    ...(input.priceLists ? {priceLists: buildDesiredPriceLists(input.priceLists)} : {}),
    ...(input.priceLists
      ? {
          variantSkus: input.products.flatMap((entry) =>
            (entry.product.variants ?? []).map((variant) => variant.sku.trim().toLowerCase()),
          ),
          customerGroupIds: Object.fromEntries(
            Object.entries(input.customerGroups ?? {}).map(([name, group]) => [name, group?.id ?? null]),
          ),
        }
      : {}),
    locations: desiredLocations(input.locations ?? {}),
    stock,
  }
}

/**
 * Geo coordinates as one address line, `latitude,longitude` (the model keeps address lines as strings;
 * src/apply/apply-locations.ts sends them back as the API's `{latitude, longitude}` object).
 */
export function formatGeo(geo: {latitude: number; longitude: number}): string {
  return `${geo.latitude},${geo.longitude}`
}

/** catalogctl.yaml `locations` → models; fields the catalog leaves out are null (not managed). */
export function desiredLocations(
  locations: Record<string, CatalogLocationInput | undefined>,
): DesiredLocation[] {
  return Object.entries(locations)
    .filter((entry): entry is [string, CatalogLocationInput] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, location]) => {
      const address: Record<string, string> = {}
      for (const [line, value] of Object.entries(location.address ?? {})) {
        if (typeof value === 'string') address[line] = value
        else if (line === 'geo_coordinates' && value) address[line] = formatGeo(value)
      }
      return {
        model: {
          key,
          code: location.code ?? null,
          label: location.label ?? null,
          type: location.type ?? null,
          address,
        },
        id: location.id ?? null,
      }
    })
}

/**
 * The inventory rows catalogctl syncs, and the tracking mode they ask of their products. A row names a
 * variant SKU of a product with variants (stock is kept per variant: the product tracks by `variant`) or
 * the SKU of a product without variants (it tracks by `product`); inventory.v3.yml adjusts an item only
 * by the identity its product's tracking mode counts. Validation already rejected SKUs the catalog does
 * not declare and product SKUs of products with variants. The last row for a (location, SKU) wins.
 */
export function desiredStock(
  products: readonly CatalogProductEntry[],
  rows: readonly CatalogStockRow[],
): {stock: DesiredStock[]; tracking: Map<string, InventoryTracking>} {
  const owners = new Map<string, {sku: string; product?: string}>()
  for (const {product} of products) {
    const variants = product.variants ?? []
    if (variants.length === 0) owners.set(productMatchKey(product.sku), {sku: product.sku})
    for (const variant of variants)
      owners.set(productMatchKey(variant.sku), {sku: variant.sku, product: product.sku})
  }
  // Per location, then per SKU key: 1.8 million rows at 100,000 products, so no composite key strings, and
  // every model shares one location string and its owner's SKU string.
  const byLocation = new Map<string, {location: string; rows: Map<string, DesiredStock>}>()
  const tracking = new Map<string, InventoryTracking>()
  for (const row of rows) {
    const key = productMatchKey(row.sku)
    const owner = owners.get(key)
    if (owner === undefined) continue
    if (owner.product === undefined) tracking.set(key, 'product')
    else tracking.set(productMatchKey(owner.product), 'variant')
    let at = byLocation.get(row.location)
    if (!at) byLocation.set(row.location, (at = {location: row.location, rows: new Map()}))
    const model: StockModel = {location: at.location, sku: owner.sku, quantity: row.quantity}
    if (owner.product !== undefined) model.product = owner.product
    at.rows.set(key, row.source ? {model, source: row.source} : {model})
  }
  // sort() without a comparator orders strings by UTF-16 code units, like `<`, without a call per comparison.
  const stock: DesiredStock[] = []
  for (const location of [...byLocation.keys()].sort()) {
    const rowsAt = byLocation.get(location)?.rows ?? new Map<string, DesiredStock>()
    for (const key of [...rowsAt.keys()].sort()) stock.push(rowsAt.get(key) as DesiredStock)
  }
  return {stock, tracking}
}

/**
 * One catalog product + the export template → ProductModel, with BigCommerce's defaults filled in:
 * sale/cost/retail 0, description '', brand null, weight and dimensions 0, is_visible from `status`
 * (active → true), availability `available`, type `physical`.
 *
 * Attributes reach BigCommerce through the template (schemas/template.schema.json): a `custom_field` rule
 * → a custom field with that display name, a `metafield` rule → a product metafield, and with
 * `unmapped_attributes: custom_field` (the default) every attribute no rule or field mapping names → a
 * custom field named after the attribute. Values are stringified by `stringifyAttribute`;
 * empty values are skipped (BigCommerce requires 1–250 characters for custom fields, 1+ for metafields).
 * `variant_metafield` rules belong to variants (src/model/desired-variants.ts) and are ignored here.
 */
export function desiredProduct(
  product: CatalogProductInput,
  template: CatalogTemplateInput = {},
): ProductModel {
  const attributes = product.attributes ?? {}
  const custom_fields: ProductModel['custom_fields'] = []
  const metafields: MetafieldModel[] = []
  const exported = (raw: AttributeValue | undefined): string | undefined => {
    if (raw === undefined || raw === null) return undefined
    const value = stringifyAttribute(raw)
    return value.trim() === '' ? undefined : value
  }
  for (const rule of template.rules ?? []) {
    const value = exported(attributes[rule.attribute])
    if (value === undefined) continue
    if (rule.custom_field !== undefined) custom_fields.push({name: rule.custom_field, value})
    else if (rule.metafield) {
      const {namespace, key} = rule.metafield
      metafields.push({namespace, key, value, permission_set: rule.metafield.permission_set ?? 'app_only'})
    }
  }
  if ((template.unmapped_attributes ?? 'custom_field') === 'custom_field') {
    const mentioned = attributesMentioned(template)
    for (const [name, raw] of Object.entries(attributes)) {
      const value = exported(raw)
      if (!mentioned.has(name) && value !== undefined) custom_fields.push({name, value})
    }
  }

  const model: ProductModel = {
    sku: product.sku,
    name: product.name,
    type: product.type ?? 'physical',
    description: product.description ?? '',
    brand: product.brand ?? null,
    price: product.price,
    sale_price: product.sale_price ?? 0,
    cost_price: product.cost_price ?? 0,
    retail_price: product.retail_price ?? 0,
    weight: product.weight ?? 0,
    width: product.dimensions?.width ?? 0,
    height: product.dimensions?.height ?? 0,
    depth: product.dimensions?.depth ?? 0,
    is_visible: (product.status ?? 'active') === 'active',
    availability: product.availability ?? 'available',
    categories: product.categories ?? [],
    images: (product.images ?? []).map((image) => ({url: image.url, alt: image.alt ?? ''})),
    custom_fields,
    metafields,
    mapped: {},
  }

  for (const [target, source] of Object.entries(template.fields ?? {})) {
    const value = readSource(product, source)
    const core = CORE_FIELD_OF_TARGET[target]
    if (core === 'key') continue
    if (core !== undefined) {
      if (value === undefined || value === null) continue
      overrideCoreField(model, core, value)
    } else {
      model.mapped[target] = coerceMappedValue(target, value)
    }
  }
  return normaliseProduct(model)
}

function overrideCoreField(model: ProductModel, target: string, value: unknown): void {
  const record = model as unknown as Record<string, unknown>
  if (NUMERIC_CORE_FIELDS.has(target)) record[target] = roundAmount(value)
  else
    record[target] =
      typeof value === 'string' ? value : stringifyAttribute(value as string | number | boolean)
}

/** Attributes a template rule or field mapping names: they are not exported as custom fields of their own. */
function attributesMentioned(template: CatalogTemplateInput): Set<string> {
  const names = new Set((template.rules ?? []).map((rule) => rule.attribute))
  for (const source of Object.values(template.fields ?? {})) {
    if (typeof source === 'string' && source.startsWith('attributes.'))
      names.add(source.slice('attributes.'.length))
  }
  return names
}

/** `attributes.upc`, `name`, `dimensions.width`: a dotted path into the catalog product. */
function readSource(product: CatalogProductInput, source: string): unknown {
  let current: unknown = product
  for (const segment of source.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[segment]
  }
  return current
}

/** Distinct brand names, matched case-insensitively; the first spelling in catalog order wins. */
export function desiredBrands(products: ProductModel[]): BrandModel[] {
  const byKey = new Map<string, BrandModel>()
  for (const product of products) {
    if (product.brand === null) continue
    const key = brandMatchKey(product.brand)
    if (!byKey.has(key)) byKey.set(key, {name: product.brand})
  }
  return [...byKey.values()]
}

/** Every path named by a product or categories.yaml, and all their ancestors. */
export function desiredCategories(products: ProductModel[], declared: string[] = []): CategoryModel[] {
  const paths = new Set<string>()
  for (const path of [...declared, ...products.flatMap((product) => product.categories)]) {
    for (const ancestor of pathWithAncestors(path)) paths.add(ancestor)
  }
  return [...paths].sort().map((path) => ({path}))
}

export function managedMetafieldNamespaces(template: CatalogTemplateInput): string[] {
  const namespaces = new Set<string>()
  for (const rule of template.rules ?? []) if (rule.metafield) namespaces.add(rule.metafield.namespace)
  return [...namespaces].sort()
}

export function mappedFieldNames(template: CatalogTemplateInput): string[] {
  return Object.keys(template.fields ?? {})
    .filter((target) => !(target in CORE_FIELD_OF_TARGET))
    .sort()
}
