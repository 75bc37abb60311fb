import type {SandboxData} from '../../../src/sandbox/state.js'

/** Every combination of the option values as catalog variants, SKU `<product>-<value>-…` upper-cased. */
export function variantRows(
  product: string,
  options: Record<string, string[]>,
): {sku: string; options: Record<string, string>}[] {
  let rows: Record<string, string>[] = [{}]
  for (const [name, values] of Object.entries(options))
    rows = rows.flatMap((row) => values.map((value) => ({...row, [name]: value})))
  return rows.map((row) => ({
    sku: [product, ...Object.values(row)].join('-').replace(/\s+/g, '').toUpperCase(),
    options: row,
  }))
}

export interface LiveVariantView {
  id: number
  sku: string
  data: Record<string, unknown>
  /** Option display name → label. */
  options: Record<string, string>
}

/** A product's option variants as the sandbox holds them (base variant left out). */
export function liveVariants(data: SandboxData, productSku: string): LiveVariantView[] {
  const product = data.products.find((candidate) => candidate.data.sku === productSku)
  if (!product) throw new Error(`${productSku} is not in the store`)
  const labels = new Map<number, [string, string]>()
  for (const option of product.options)
    for (const value of option.option_values) labels.set(value.id, [option.display_name, value.label])
  return product.variants
    .filter((variant) => variant.optionValueIds.length > 0)
    .map((variant) => ({
      id: variant.data.id as number,
      sku: variant.data.sku as string,
      data: variant.data,
      options: Object.fromEntries(variant.optionValueIds.map((ref) => labels.get(ref.id) ?? ['?', '?'])),
    }))
}

/** Option display name → labels, in the sandbox's order. */
export function liveOptions(data: SandboxData, productSku: string): Record<string, string[]> {
  const product = data.products.find((candidate) => candidate.data.sku === productSku)
  if (!product) throw new Error(`${productSku} is not in the store`)
  return Object.fromEntries(
    product.options.map((option) => [option.display_name, option.option_values.map((value) => value.label)]),
  )
}
