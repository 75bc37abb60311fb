import {suggest} from '../did-you-mean.js'
import type {CatalogctlConfig} from '../generated/index.js'
import type {CheckInput, InventoryEntry, Report} from './check-context.js'
import {error, hasAtMostFourDecimals, inventoryAt, warning} from './check-context.js'
import {findInvisibleCharacter, nonAsciiCharacters, skuSkeleton} from './sku-text.js'

/** Suggestions compare against every SKU; cap how many unknown SKUs get one so a bad file stays fast. */
const maxSuggestions = 25

interface SkuOwner {
  sku: string
  kind: 'product' | 'variant'
  productSku: string
  hasVariants: boolean
  file: string
  line: number
}

/**
 * Cross-file rules: SKUs unique case-insensitively across products and variants (BigCommerce enforces it),
 * product names unique, brands spelt consistently, and inventory / price lists referencing SKUs,
 * locations and customer groups that exist.
 */
export function checkReferences(input: CheckInput, report: Report): Map<string, SkuOwner> {
  const skus = new Map<string, SkuOwner>()
  const skeletons = new Map<string, SkuOwner>()
  const names = new Map<string, {file: string; line: number}>()
  const brands = new Map<string, string>()
  for (const {product, source, path} of input.products) {
    const hasVariants = (product.variants?.length ?? 0) > 0
    const claim = (sku: string, kind: SkuOwner['kind'], at: (string | number)[]): void => {
      const key = sku.toLowerCase()
      const previous = skus.get(key)
      if (previous)
        report(
          source.file,
          error(
            'sku/duplicate',
            `SKU ${sku} is already used by ${previous.kind === 'product' ? 'product' : `a variant of ${previous.productSku}`} (${previous.file}:${previous.line})`,
            {path: at},
            'SKUs must be unique across all products and variants, ignoring case.',
          ),
        )
      else {
        const owner: SkuOwner = {sku, kind, productSku: product.sku, hasVariants, file: source.file, line: source.line}
        skus.set(key, owner)
        checkSkuText(owner, at, skeletons, (diagnostic) => report(source.file, diagnostic))
      }
    }
    claim(product.sku, 'product', [...path, 'sku'])
    product.variants?.forEach((variant, index) => claim(variant.sku, 'variant', [...path, 'variants', index, 'sku']))

    const nameKey = product.name.trim().toLowerCase()
    const previousName = names.get(nameKey)
    if (previousName)
      report(
        source.file,
        error('product/duplicate-name', `product name ${JSON.stringify(product.name)} is already used (${previousName.file}:${previousName.line})`, {path: [...path, 'name']}, 'BigCommerce requires unique product names.'),
      )
    else names.set(nameKey, source)

    if (product.brand !== undefined) {
      const spelling = brands.get(product.brand.toLowerCase())
      if (spelling !== undefined && spelling !== product.brand)
        report(
          source.file,
          warning('brand/inconsistent-case', `brand ${JSON.stringify(product.brand)} is spelt ${JSON.stringify(spelling)} elsewhere`, {path: [...path, 'brand']}, 'BigCommerce matches brands ignoring case; use one spelling.'),
        )
      else brands.set(product.brand.toLowerCase(), product.brand)
    }
  }
  for (const extra of input.extraSkus)
    if (!skus.has(extra.toLowerCase()))
      skus.set(extra.toLowerCase(), {sku: extra, kind: 'product', productSku: extra, hasVariants: false, file: '', line: 0})

  checkInventory(input, skus, report)
  checkPriceLists(input, skus, report)
  return skus
}

/** A SKU with an invisible character, or one that looks like another SKU but is other text: both errors. */
function checkSkuText(
  owner: SkuOwner,
  at: (string | number)[],
  skeletons: Map<string, SkuOwner>,
  report: (diagnostic: ReturnType<typeof error>) => void,
): void {
  const invisible = findInvisibleCharacter(owner.sku)
  if (invisible) {
    report(
      error(
        'sku/invisible-character',
        `SKU ${JSON.stringify(owner.sku)} contains the invisible character ${invisible.codePoint} at position ${invisible.index + 1}`,
        {path: at},
        'Retype the SKU: a control, zero-width or direction character was pasted into it.',
      ),
    )
    return
  }
  const skeleton = skuSkeleton(owner.sku)
  const lookalike = skeletons.get(skeleton)
  if (!lookalike) {
    skeletons.set(skeleton, owner)
    return
  }
  const odd = nonAsciiCharacters(owner.sku).concat(nonAsciiCharacters(lookalike.sku))
  report(
    error(
      'sku/confusable',
      `SKU ${JSON.stringify(owner.sku)} looks like SKU ${JSON.stringify(lookalike.sku)} (${lookalike.file}:${lookalike.line}) but is different text${odd.length > 0 ? ` (${odd.join(', ')})` : ''}`,
      {path: at},
      'Use plain letters: one of the two SKUs has a letter from another alphabet (Cyrillic, Greek) or a full-width form.',
    ),
  )
}

function unknownSkuHint(sku: string, skus: Map<string, SkuOwner>, budget: {left: number}, unloaded: string[]): string {
  if (unloaded[0] !== undefined)
    return `${unloaded[0]}${unloaded.length > 1 ? ` and ${unloaded.length - 1} more` : ''} could not be loaded; fix that first, the SKU may be defined there.`
  if (budget.left <= 0) return 'Add the product to products/, or remove the line.'
  budget.left--
  const guess = suggest(sku.toLowerCase(), skus.keys())
  const owner = guess === undefined ? undefined : skus.get(guess)
  return owner ? `did you mean \`${owner.sku}\`?` : 'Add the product to products/, or remove the line.'
}

function checkInventory(input: CheckInput, skus: Map<string, SkuOwner>, report: Report): void {
  const locations = new Set(Object.keys(input.config?.locations ?? {}))
  const seen = new Map<string, Map<string, InventoryEntry>>()
  const budget = {left: maxSuggestions}
  for (const row of input.inventory) {
    const file = row.source.file
    // A partial load (a delta's, src/delta/narrow-catalog.ts) checks the rows of the products it loaded:
    // the others are in stock files unchanged since they were last checked.
    if (input.partial && !skus.has(row.sku.toLowerCase())) continue
    if (input.config && !locations.has(row.location)) {
      const guess = suggest(row.location, locations)
      report(
        file,
        error(
          'inventory/unknown-location',
          `location ${JSON.stringify(row.location)} is not declared in catalogctl.yaml`,
          inventoryAt(row, 'location'),
          guess ? `did you mean \`${guess}\`?` : `declared locations: ${[...locations].join(', ') || '(none)'}`,
        ),
      )
    }
    const skuKey = row.sku.toLowerCase()
    const owner = skus.get(skuKey)
    if (!owner) {
      report(file, error('inventory/unknown-sku', `SKU ${row.sku} is not in the catalog`, inventoryAt(row, 'sku'), unknownSkuHint(row.sku, skus, budget, input.unloadedProductFiles)))
    } else if (owner.kind === 'product' && owner.hasVariants)
      report(
        file,
        error('inventory/parent-sku', `SKU ${row.sku} is a product with variants; stock is kept per variant`, inventoryAt(row, 'sku'), 'List each variant SKU instead.'),
      )
    let atLocation = seen.get(row.location)
    if (!atLocation) seen.set(row.location, (atLocation = new Map()))
    const previous = atLocation.get(skuKey)
    if (previous)
      report(
        file,
        error(
          'inventory/duplicate',
          `stock for ${row.sku} at ${row.location} is already set (${previous.source.file}:${previous.source.line})`,
          inventoryAt(row, 'sku'),
          'Keep one stock level per SKU and location.',
        ),
      )
    else atLocation.set(skuKey, row)
  }
}

function checkPriceLists(input: CheckInput, skus: Map<string, SkuOwner>, report: Report): void {
  const groups = Object.keys(input.config?.customer_groups ?? {})
  const names = new Map<string, string>()
  const budget = {left: maxSuggestions}
  for (const {data, source} of input.priceLists) {
    const file = source.file
    const previous = names.get(data.name.toLowerCase())
    if (previous) report(file, error('price-list/duplicate-name', `price list name ${JSON.stringify(data.name)} is also used by ${previous}`, {path: ['name']}))
    else names.set(data.name.toLowerCase(), file)
    data.customer_groups?.forEach((group, index) => {
      if (input.config && !groups.includes(group)) {
        const guess = suggest(group, groups)
        report(
          file,
          error('price-list/unknown-group', `customer group ${JSON.stringify(group)} is not declared in catalogctl.yaml`, {path: ['customer_groups', index]}, guess ? `did you mean \`${guess}\`?` : 'Declare it under `customer_groups:` in catalogctl.yaml.'),
        )
      }
    })
    for (const [sku, record] of Object.entries(data.prices)) {
      if (record === undefined) continue
      const owner = skus.get(sku.toLowerCase())
      if (!owner && input.partial) continue // as for stock rows above
      if (!owner) {
        report(file, error('price-list/unknown-sku', `SKU ${sku} is not in the catalog`, {path: ['prices', sku], target: 'key'}, unknownSkuHint(sku, skus, budget, input.unloadedProductFiles)))
      } else if (owner.kind === 'product' && owner.hasVariants)
        report(file, error('price-list/parent-sku', `SKU ${sku} is a product with variants; price-list records are per variant`, {path: ['prices', sku], target: 'key'}, 'BigCommerce rejects records for the parent SKU; list each variant SKU.'))
      for (const field of ['price', 'sale_price', 'retail_price'] as const) {
        const value = record[field]
        if (value !== undefined && !hasAtMostFourDecimals(value))
          report(file, error('price/precision', `\`${field}\` ${value} for ${sku} has more than 4 decimals`, {path: ['prices', sku, field]}, 'BigCommerce keeps prices to 4 decimals; round it.'))
      }
      if (record.sale_price !== undefined && record.sale_price > record.price)
        report(file, warning('price/sale-above-price', `sale_price ${record.sale_price} for ${sku} is above price ${record.price}`, {path: ['prices', sku, 'sale_price']}, 'A sale price is normally lower than the price; check for a typo.'))
      record.tiers?.forEach((tier, index) => {
        if (tier.quantity_max !== undefined && tier.quantity_max < tier.quantity_min)
          report(file, error('price-list/tier-range', `tier ${index + 1} for ${sku}: quantity_max ${tier.quantity_max} is below quantity_min ${tier.quantity_min}`, {path: ['prices', sku, 'tiers', index, 'quantity_max']}))
        if (!hasAtMostFourDecimals(tier.amount))
          report(file, error('price/precision', `tier ${index + 1} amount ${tier.amount} for ${sku} has more than 4 decimals`, {path: ['prices', sku, 'tiers', index, 'amount']}))
      })
    }
  }
}

/** Location ids and codes must not repeat: two keys would otherwise write the same BigCommerce location. */
export function checkConfig(config: CatalogctlConfig, file: string, report: Report): void {
  const ids = new Map<number, string>()
  const codes = new Map<string, string>()
  for (const [key, location] of Object.entries(config.locations ?? {})) {
    if (!location) continue
    if (location.id === undefined && location.code === undefined)
      report(file, warning('config/location-unmatched', `location ${key} has neither \`id\` nor \`code\``, {path: ['locations', key], target: 'key'}, `It will be matched by code ${JSON.stringify(key)}; set \`id\` or \`code\` to be explicit.`))
    if (location.id !== undefined) {
      const other = ids.get(location.id)
      if (other) report(file, error('config/duplicate-location', `locations ${other} and ${key} both use id ${location.id}`, {path: ['locations', key, 'id']}))
      else ids.set(location.id, key)
    }
    if (location.code !== undefined) {
      const other = codes.get(location.code)
      if (other) report(file, error('config/duplicate-location', `locations ${other} and ${key} both use code ${location.code}`, {path: ['locations', key, 'code']}))
      else codes.set(location.code, key)
    }
  }
}
