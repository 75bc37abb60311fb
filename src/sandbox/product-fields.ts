import type {FieldRules} from './field-rules.js'
import type {Json} from './state.js'

const money = {type: 'number', min: 0} as const
const optionalMoney = {type: 'number', min: 0, nullable: true} as const
const text = {type: 'string'} as const

/** Writable product fields (S-P `product_Base_POST` / `product_Base_PUT`). */
export const PRODUCT_RULES: FieldRules = {
  name: {type: 'string', min: 1, max: 250, required: true},
  type: {type: 'string', enum: ['physical', 'digital'], required: true},
  sku: {type: 'string', max: 255},
  description: text,
  weight: {...money, required: true},
  width: money,
  depth: money,
  height: money,
  price: {...money, required: true},
  cost_price: money,
  retail_price: money,
  sale_price: money,
  map_price: money,
  tax_class_id: {type: 'integer', min: 0},
  product_tax_code: {type: 'string', max: 255},
  categories: {type: 'array'},
  brand_id: {type: 'integer', min: 0},
  brand_name: {type: 'string', max: 255},
  inventory_level: {type: 'integer', min: 0},
  inventory_warning_level: {type: 'integer', min: 0},
  inventory_tracking: {type: 'string', enum: ['none', 'product', 'variant']},
  fixed_cost_shipping_price: money,
  is_free_shipping: {type: 'boolean'},
  is_visible: {type: 'boolean'},
  is_featured: {type: 'boolean'},
  related_products: {type: 'array'},
  warranty: {type: 'string', max: 65535},
  bin_picking_number: {type: 'string', max: 255},
  layout_file: {type: 'string', max: 500},
  upc: {type: 'string', max: 14},
  mpn: {type: 'string', max: 255},
  gtin: {type: 'string', max: 14},
  search_keywords: {type: 'string', max: 65535},
  availability: {type: 'string', enum: ['available', 'disabled', 'preorder']},
  availability_description: {type: 'string', max: 255},
  gift_wrapping_options_type: {type: 'string', enum: ['any', 'none', 'list']},
  gift_wrapping_options_list: {type: 'array'},
  sort_order: {type: 'integer', min: -2147483648, max: 2147483647},
  condition: {type: 'string', enum: ['New', 'Used', 'Refurbished']},
  is_condition_shown: {type: 'boolean'},
  order_quantity_minimum: {type: 'integer', min: 0},
  order_quantity_maximum: {type: 'integer', min: 0},
  page_title: {type: 'string', max: 255},
  meta_keywords: {type: 'array'},
  meta_description: {type: 'string', max: 65535},
  view_count: {type: 'integer', min: 0},
  preorder_release_date: {type: 'string', nullable: true},
  preorder_message: {type: 'string', max: 255},
  is_preorder_only: {type: 'boolean'},
  is_price_hidden: {type: 'boolean'},
  price_hidden_label: {type: 'string', max: 200},
  custom_url: {type: 'object'},
  open_graph_type: {
    type: 'string',
    enum: ['product', 'album', 'book', 'drink', 'food', 'game', 'movie', 'song', 'tv_show'],
  },
  open_graph_title: text,
  open_graph_description: text,
  open_graph_use_meta_description: {type: 'boolean'},
  open_graph_use_product_name: {type: 'boolean'},
  open_graph_use_image: {type: 'boolean'},
}

/** Writable variant fields (S-V `productVariant_Base`); `null` prices and sizes inherit the product's. */
export const VARIANT_RULES: FieldRules = {
  sku: {type: 'string', min: 1, max: 255},
  cost_price: optionalMoney,
  price: optionalMoney,
  sale_price: optionalMoney,
  retail_price: optionalMoney,
  map_price: optionalMoney,
  weight: optionalMoney,
  width: optionalMoney,
  height: optionalMoney,
  depth: optionalMoney,
  is_free_shipping: {type: 'boolean'},
  fixed_cost_shipping_price: optionalMoney,
  purchasing_disabled: {type: 'boolean'},
  purchasing_disabled_message: {type: 'string', max: 255},
  image_url: text,
  upc: {type: 'string', max: 14},
  mpn: {type: 'string', max: 255},
  gtin: {type: 'string', max: 14},
  inventory_level: {type: 'integer', min: 0},
  inventory_warning_level: {type: 'integer', min: 0},
  bin_picking_number: {type: 'string', max: 255},
}

/**
 * What a product has when a field was never sent (values as in the recorded product responses). Records are
 * built with `Object.assign(productDefaults(id), fields, …)`, not object spread: V8 gives a spread-built
 * record of this size a property store several times larger (≈ 850 vs 230 bytes for a variant), which for
 * 60,000 variants was a third of the sandbox's heap (bench/sandbox.ts).
 */
export function productDefaults(id: number): Json & {id: number} {
  return {
    id,
    sku: '',
    description: '',
    width: 0,
    depth: 0,
    height: 0,
    cost_price: 0,
    retail_price: 0,
    sale_price: 0,
    map_price: 0,
    tax_class_id: 0,
    product_tax_code: '',
    categories: [],
    brand_id: 0,
    option_set_id: null,
    option_set_display: 'right',
    inventory_warning_level: 0,
    inventory_tracking: 'none',
    reviews_rating_sum: 0,
    reviews_count: 0,
    total_sold: 0,
    fixed_cost_shipping_price: 0,
    is_free_shipping: false,
    is_visible: true,
    is_featured: false,
    related_products: [],
    warranty: '',
    bin_picking_number: '',
    layout_file: 'product.html',
    upc: '',
    mpn: '',
    gtin: '',
    search_keywords: '',
    availability: 'available',
    availability_description: '',
    gift_wrapping_options_type: 'any',
    gift_wrapping_options_list: [],
    sort_order: 0,
    condition: 'New',
    is_condition_shown: false,
    order_quantity_minimum: 0,
    order_quantity_maximum: 0,
    page_title: '',
    meta_keywords: [],
    meta_description: '',
    view_count: 0,
    preorder_release_date: null,
    preorder_message: '',
    is_preorder_only: false,
    is_price_hidden: false,
    price_hidden_label: '',
    open_graph_type: 'product',
    open_graph_title: '',
    open_graph_description: '',
    open_graph_use_meta_description: true,
    open_graph_use_product_name: true,
    open_graph_use_image: true,
  }
}

export function variantDefaults(): Json {
  return {
    cost_price: null,
    price: null,
    sale_price: null,
    retail_price: null,
    map_price: null,
    weight: null,
    width: null,
    height: null,
    depth: null,
    is_free_shipping: false,
    fixed_cost_shipping_price: null,
    purchasing_disabled: false,
    purchasing_disabled_message: '',
    image_url: '',
    upc: '',
    mpn: '',
    gtin: '',
    inventory_warning_level: 0,
    bin_picking_number: '',
  }
}

/** Fields never stored on the record: they are derived when a product or variant is rendered. */
export const COMPUTED_FIELDS = new Set(['inventory_level', 'brand_name', 'inventory_warning_level_ignored'])

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}
