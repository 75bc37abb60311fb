import type {StoreApi} from './store-api.js'

/**
 * The raw live state catalogctl reads for a plan: the records as BigCommerce returns them, before
 * they are mapped into the model. Reads are list endpoints at 250 a page (bigcommerce-api.md §13):
 * never `include=options|modifiers`, which caps a page at 10.
 */
export interface LiveSnapshot {
  products: Record<string, unknown>[]
  brands: Record<string, unknown>[]
  categories: Record<string, unknown>[]
  /** Product metafields in the namespaces catalogctl manages (its own and the template's). */
  productMetafields: Record<string, unknown>[]
}

export interface ReadOptions {
  treeId: number
  /** Namespaces of product metafields to read: `catalogctl` plus the template's. */
  metafieldNamespaces: string[]
  /** `include=` sub-resources for the product list. */
  productIncludes: string[]
  /**
   * Only these product fields (`include_fields`), and no brands or categories: an inventory plan needs
   * a product's id, SKU and tracking mode, not its content (bigcommerce-api.md §13).
   */
  productFields?: readonly string[]
}

export const PAGE_LIMIT = 250

export async function readStore(api: StoreApi, options: ReadOptions): Promise<LiveSnapshot> {
  const fields = options.productFields
  const slim = fields !== undefined
  const productQuery = slim
    ? {include_fields: fields.join(','), limit: PAGE_LIMIT}
    : {include: options.productIncludes.join(','), limit: PAGE_LIMIT}
  const [products, brands, categories, productMetafields] = await Promise.all([
    api.listAll<Record<string, unknown>>('/v3/catalog/products', {query: productQuery}),
    slim
      ? Promise.resolve([])
      : api.listAll<Record<string, unknown>>('/v3/catalog/brands', {query: {limit: PAGE_LIMIT}}),
    slim
      ? Promise.resolve([])
      : api.listAll<Record<string, unknown>>('/v3/catalog/trees/categories', {
          query: {'tree_id:in': options.treeId, limit: PAGE_LIMIT},
        }),
    api.listAll<Record<string, unknown>>('/v3/catalog/products/metafields', {
      query: {'namespace:in': options.metafieldNamespaces.join(','), limit: PAGE_LIMIT},
    }),
  ])
  return {products, brands, categories, productMetafields}
}
