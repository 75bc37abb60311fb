import type {LoadedCatalog} from '../catalog/index.js'

/**
 * What the catalog declares that this version of plan/apply does not sync yet, as plan notes: a user
 * must never believe variant stock or variant price-list records were applied when they were not.
 */
export function pendingFeatureNotes(catalog: LoadedCatalog): string[] {
  const notes: string[] = []
  // Variants and options are synced (kinds `option` and `variant`, src/plan/diff-variants.ts).
  const withVariants = catalog.products.filter((product) => (product.variants?.length ?? 0) > 0)
  // Stock of products without variants is synced (kind `stock`); variant SKUs wait for variants.
  const variantSkus = new Set(
    withVariants.flatMap((product) => (product.variants ?? []).map((variant) => variant.sku.toLowerCase())),
  )
  const variantRows = catalog.inventory.filter((row) => variantSkus.has(row.sku.toLowerCase())).length
  if (variantRows > 0) {
    notes.push(
      `inventory/ declares ${variantRows} stock level(s) for variant SKUs; variant stock is not synced yet (stock of products without variants is).`,
    )
  }
  // Price lists, their customer-group assignments and records for product SKUs are synced (scope pricing);
  // records for variant SKUs are counted in a note by the diff (src/plan/diff-price-lists.ts).
  return notes
}
