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
  /** Namespaces of product metafields to read: `catalogctl` plus the template's; none when empty. */
  metafieldNamespaces: string[]
  /** `include=` sub-resources for the product list. */
  productIncludes: string[]
  /** `include_fields=` for the product list (a pricing plan reads only SKUs and prices); all when absent. */
  productFields?: readonly string[]
  /** Read brands and the category tree (default true; a pricing plan needs neither). */
  structure?: boolean
}

export const PAGE_LIMIT = 250

export async function readStore(api: StoreApi, options: ReadOptions): Promise<LiveSnapshot> {
  const structure = options.structure ?? true
  const none = Promise.resolve<Record<string, unknown>[]>([])
  const [products, brands, categories, productMetafields] = await Promise.all([
    api.listAll<Record<string, unknown>>('/v3/catalog/products', {
      query: {
        ...(options.productIncludes.length > 0 ? {include: options.productIncludes.join(',')} : {}),
        ...(options.productFields ? {include_fields: options.productFields.join(',')} : {}),
        limit: PAGE_LIMIT,
      },
    }),
    structure
      ? api.listAll<Record<string, unknown>>('/v3/catalog/brands', {query: {limit: PAGE_LIMIT}})
      : none,
    structure
      ? api.listAll<Record<string, unknown>>('/v3/catalog/trees/categories', {
          query: {'tree_id:in': options.treeId, limit: PAGE_LIMIT},
        })
      : none,
    options.metafieldNamespaces.length > 0
      ? api.listAll<Record<string, unknown>>('/v3/catalog/products/metafields', {
          query: {'namespace:in': options.metafieldNamespaces.join(','), limit: PAGE_LIMIT},
        })
      : none,
  ])
  return {products, brands, categories, productMetafields}
}
