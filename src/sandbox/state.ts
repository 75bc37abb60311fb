/**
 * The sandbox's state as plain data: what `--data` persists and `/__sandbox/dump` shows.
 * Ids come from counters that only grow (ids are never reused); collections keep insertion order,
 * which is id order, so every list is stable.
 */

export type Json = Record<string, unknown>

export interface MetafieldRecord extends Json {
  id: number
  namespace: string
  key: string
  value: string
  permission_set: string
  description: string
  resource_type: string
  resource_id: number
  owner_client_id: string
  date_created: string
  date_modified: string
}

export interface VariantRecord {
  /** API fields except the computed ones (calculated_price, inventory_level, …). */
  data: Json & {id: number; product_id: number; sku: string}
  /** `[{option_id, id}]` — labels are resolved from the product's options when rendered. */
  optionValueIds: {option_id: number; id: number}[]
  metafields: MetafieldRecord[]
}

export interface OptionValueRecord extends Json {
  id: number
  label: string
  sort_order: number
  is_default: boolean
  value_data: Json | null
}

export interface OptionRecord extends Json {
  id: number
  product_id: number
  display_name: string
  type: string
  sort_order: number
  option_values: OptionValueRecord[]
}

export interface ProductRecord {
  data: Json & {id: number; name: string; sku: string; date_modified: string}
  variants: VariantRecord[]
  options: OptionRecord[]
  images: Json[]
  customFields: {id: number; name: string; value: string}[]
  metafields: MetafieldRecord[]
}

export interface StockRecord {
  onhand: number
  safety_stock: number
  warning_level: number
  bin_picking_number: string
  is_in_stock: boolean
}

export interface PriceRecord extends Json {
  price_list_id: number
  variant_id: number
  product_id: number
  sku: string
  currency: string
  date_created: string
  date_modified: string
}

export interface SandboxData {
  version: 1
  nextId: Record<string, number>
  store: Json
  products: ProductRecord[]
  brands: Json[]
  trees: Json[]
  categories: Json[]
  locations: Json[]
  /**
   * Keyed `p<product id>@<location id>` (tracked by product) or `v<variant id>@<location id>`. The live store
   * keeps it in `SandboxStore.stock` (a Map) and fills this in only for snapshots.
   */
  stock: Record<string, StockRecord>
  priceLists: Json[]
  priceRecords: PriceRecord[]
  assignments: Json[]
  customerGroups: Json[]
  storeMetafields: MetafieldRecord[]
  transactions: number
}

export function formatDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/** What a new BigCommerce store has: location 1, channel 1's default tree, a customer group, store info. */
export function createFreshData(storeHash: string, now: Date = new Date()): SandboxData {
  const created = formatDate(now)
  return {
    version: 1,
    nextId: {
      product: 1,
      variant: 1,
      option: 1,
      optionValue: 1,
      image: 1,
      customField: 1,
      metafield: 1,
      brand: 1,
      tree: 2,
      category: 1,
      location: 2,
      priceList: 1,
      customerGroup: 2,
      assignment: 1,
    },
    store: {
      id: storeHash,
      account_uuid: '00000000-0000-4000-8000-000000000000',
      domain: `${storeHash}.sandbox.local`,
      secure_url: `https://${storeHash}.sandbox.local`,
      control_panel_base_url: `https://store-${storeHash}.sandbox.local`,
      status: 'live',
      name: 'catalogctl sandbox',
      first_name: 'Sandbox',
      last_name: 'Owner',
      address: '',
      country: 'United States',
      country_code: 'US',
      phone: '',
      admin_email: 'owner@sandbox.local',
      order_email: 'orders@sandbox.local',
      favicon_url: '',
      timezone: {name: 'Etc/UTC', raw_offset: 0, dst_offset: 0, dst_correction: false, date_format: {}},
      language: 'en',
      currency: 'USD',
      currency_symbol: '$',
      decimal_separator: '.',
      thousands_separator: ',',
      decimal_places: 2,
      currency_symbol_location: 'left',
      weight_units: 'LBS',
      dimension_units: 'Inches',
      dimension_decimal_places: 2,
      dimension_decimal_token: '.',
      dimension_thousands_token: ',',
      plan_name: 'Standard',
      plan_level: 'Standard',
      plan_is_trial: false,
      industry: '',
      logo: [],
      is_price_entered_with_tax: false,
      store_id: 1,
      default_site_id: 1000,
      default_channel_id: 1,
      active_comparison_modules: [],
      features: {
        stencil_enabled: true,
        sitewidehttps_enabled: true,
        facebook_catalog_id: '',
        checkout_type: 'optimized',
        wishlists_enabled: true,
        graphql_storefront_api_enabled: true,
        shopper_consent_tracking_enabled: false,
        multi_storefront_enabled: true,
        storefront_limits: {active: 1, total_including_inactive: 1},
      },
    },
    products: [],
    brands: [],
    trees: [{id: 1, name: 'Default', channels: [1]}],
    categories: [],
    locations: [
      {
        id: 1,
        code: 'BC-LOCATION-1',
        label: 'Default location',
        description: '',
        managed_by_external_source: false,
        type_id: 'PHYSICAL',
        enabled: true,
        operating_hours: defaultOperatingHours(),
        time_zone: 'Etc/UTC',
        created_at: created,
        updated_at: created,
        address: defaultAddress(),
        storefront_visibility: true,
        special_hours: [],
      },
    ],
    stock: {},
    priceLists: [],
    priceRecords: [],
    assignments: [],
    customerGroups: [
      {
        id: 1,
        name: 'Retail',
        is_default: true,
        category_access: {type: 'all'},
        discount_rules: [],
        is_group_for_guests: false,
        date_created: created,
        date_modified: created,
      },
    ],
    storeMetafields: [],
    transactions: 0,
  }
}

export function defaultOperatingHours(): Json {
  const closed = {open: false, opening: '00:00', closing: '00:00'}
  return {
    sunday: closed,
    monday: closed,
    tuesday: closed,
    wednesday: closed,
    thursday: closed,
    friday: closed,
    saturday: closed,
  }
}

/** S-L types a location's address as an object (never null). */
export function defaultAddress(): Json {
  return {
    address1: '',
    address2: '',
    city: '',
    state: '',
    zip: '',
    email: 'owner@sandbox.local',
    phone: '',
    geo_coordinates: {latitude: 0, longitude: 0},
    country_code: 'US',
  }
}
