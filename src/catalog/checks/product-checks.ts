import type {PathSegment} from '../diagnostics.js'
import type {Product, TemplateFile, Variant} from '../generated/index.js'
import {customFieldsOf} from '../template-mapping.js'
import type {ProductEntry, Report} from './check-context.js'
import {error, hasAtMostFourDecimals, warning} from './check-context.js'
import {declaredCategoryPaths} from './settings-checks.js'
import type {CategoriesFile} from '../generated/index.js'

/** BigCommerce limits (products_catalog.v3.yml, product-variants_catalog.v3.yml, product-variant-options). */
export const limits = {
  variantsPerProduct: 600,
  valuesPerOption: 250,
  customFieldsPerProduct: 200,
  customFieldLength: 250,
} as const

const priceFields = ['price', 'sale_price', 'cost_price', 'retail_price'] as const

/** Checks one product (already schema-valid) that a schema cannot express. */
export function checkProduct(
  entry: ProductEntry,
  template: TemplateFile | undefined,
  categories: CategoriesFile | undefined,
  report: Report,
): void {
  const {product, path} = entry
  const file = entry.source.file
  checkPrices(product, path, file, report)
  checkImages(product, path, file, report)
  if (categories) checkCategoryReferences(product, path, file, categories, report)
  checkVariants(product, path, file, report)
  if (template) checkCustomFields(product, path, file, template, report)
}

function checkPrices(product: Product, path: PathSegment[], file: string, report: Report): void {
  const check = (owner: Product | Variant, ownerPath: PathSegment[]): void => {
    for (const field of priceFields) {
      const value = owner[field]
      if (value !== undefined && !hasAtMostFourDecimals(value))
        report(
          file,
          error('price/precision', `\`${field}\` ${value} has more than 4 decimals`, {path: [...ownerPath, field]}, 'BigCommerce keeps prices to 4 decimals; round it.'),
        )
    }
  }
  check(product, path)
  if (product.sale_price !== undefined && product.sale_price > product.price)
    report(
      file,
      warning(
        'price/sale-above-price',
        `sale_price ${product.sale_price} is above price ${product.price}`,
        {path: [...path, 'sale_price']},
        'A sale price is normally lower than the price; check for a typo.',
      ),
    )
  product.variants?.forEach((variant, index) => {
    const variantPath = [...path, 'variants', index]
    check(variant, variantPath)
    if (variant.sale_price === undefined && variant.price === undefined) return
    const price = variant.price ?? product.price
    const sale = variant.sale_price ?? product.sale_price
    if (sale !== undefined && sale > price)
      report(
        file,
        warning(
          'price/sale-above-price',
          `variant ${variant.sku}: sale_price ${sale} is above price ${price}`,
          {path: [...variantPath, variant.sale_price === undefined ? 'price' : 'sale_price']},
          'A sale price is normally lower than the price; check for a typo.',
        ),
      )
  })
}

export function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}

function checkImages(product: Product, path: PathSegment[], file: string, report: Report): void {
  const hint = 'Use an absolute URL such as https://cdn.example.com/images/tee.jpg; BigCommerce downloads it.'
  product.images?.forEach((image, index) => {
    if (!isAbsoluteHttpUrl(image.url))
      report(file, error('image/url', `image URL ${JSON.stringify(image.url)} is not an absolute http(s) URL`, {path: [...path, 'images', index, 'url']}, hint))
  })
  product.variants?.forEach((variant, index) => {
    if (variant.image !== undefined && !isAbsoluteHttpUrl(variant.image))
      report(
        file,
        error('image/url', `image URL ${JSON.stringify(variant.image)} is not an absolute http(s) URL`, {path: [...path, 'variants', index, 'image']}, hint),
      )
  })
}

function checkCategoryReferences(
  product: Product,
  path: PathSegment[],
  file: string,
  categories: CategoriesFile,
  report: Report,
): void {
  const declared = declaredCategoryPaths(categories)
  product.categories?.forEach((category, index) => {
    const normalized = category.split('/').map((s) => s.trim()).join('/')
    if (declared.has(normalized)) return
    const staticMode = categories.mode === 'static'
    report(
      file,
      error(
        'category/undeclared',
        `category ${JSON.stringify(category)} is not declared in categories.yaml`,
        {path: [...path, 'categories', index]},
        staticMode ? 'In static mode every category needs an id under `static:`.' : 'Add the path to `categories:` in categories.yaml, or fix the spelling.',
      ),
    )
  })
}

function checkVariants(product: Product, path: PathSegment[], file: string, report: Report): void {
  const variants = product.variants ?? []
  if (variants.length === 0) return
  if (variants.length > limits.variantsPerProduct)
    report(
      file,
      error(
        'variant/too-many',
        `product ${product.sku} has ${variants.length} variants; BigCommerce allows at most ${limits.variantsPerProduct}`,
        {path: [...path, 'variants'], target: 'key'},
        'Split it into several products.',
      ),
    )
  const first = variants[0]
  const expected = Object.keys(first?.options ?? {}).sort()
  const combinations = new Map<string, number>()
  const values = new Map<string, Set<string>>()
  variants.forEach((variant, index) => {
    const variantPath = [...path, 'variants', index]
    const names = Object.keys(variant.options).sort()
    if (names.join('\u0000') !== expected.join('\u0000'))
      report(
        file,
        error(
          'variant/option-names',
          `variant ${variant.sku} has options ${names.join(', ')}; the first variant has ${expected.join(', ')}`,
          {path: [...variantPath, 'options']},
          'Every variant of a product must use the same option names.',
        ),
      )
    const combination = names.map((name) => `${name}=${String(variant.options[name]).trim().toLowerCase()}`).join('\u0000')
    const previous = combinations.get(combination)
    if (previous !== undefined)
      report(
        file,
        error(
          'variant/duplicate-options',
          `variant ${variant.sku} has the same options as variant ${variants[previous]?.sku ?? ''} (${names.map((n) => `${n}: ${String(variant.options[n])}`).join(', ')})`,
          {path: [...variantPath, 'options']},
          'Each variant needs a distinct combination of option values.',
        ),
      )
    else combinations.set(combination, index)
    for (const name of names) {
      let set = values.get(name)
      if (!set) values.set(name, (set = new Set()))
      set.add(String(variant.options[name]))
    }
  })
  for (const [name, set] of values)
    if (set.size > limits.valuesPerOption)
      report(
        file,
        error(
          'variant/too-many-values',
          `option ${name} has ${set.size} values; BigCommerce allows at most ${limits.valuesPerOption} per option`,
          {path: [...path, 'variants'], target: 'key'},
        ),
      )
  if (product.option_order) {
    const order = [...product.option_order].sort()
    if (order.join('\u0000') !== expected.join('\u0000'))
      report(
        file,
        error(
          'variant/option-order',
          `option_order lists ${product.option_order.join(', ')} but the variants use ${expected.join(', ')}`,
          {path: [...path, 'option_order']},
          'List each option name the variants use, once.',
        ),
      )
  }
}

function checkCustomFields(product: Product, path: PathSegment[], file: string, template: TemplateFile, report: Report): void {
  const fields = customFieldsOf(product, template)
  if (fields.length > limits.customFieldsPerProduct)
    report(
      file,
      error(
        'custom-field/too-many',
        `product ${product.sku} would get ${fields.length} custom fields; BigCommerce allows at most ${limits.customFieldsPerProduct}`,
        {path: [...path, 'attributes'], target: 'key'},
        'Map some attributes to metafields in templates/bigcommerce.yaml, or set `unmapped_attributes: ignore`.',
      ),
    )
  for (const field of fields) {
    const at = {path: [...path, 'attributes', field.attribute]}
    if (field.value.length < 1 || field.value.length > limits.customFieldLength)
      report(
        file,
        error(
          'custom-field/length',
          `custom field ${JSON.stringify(field.name)} value is ${field.value.length} characters; it must be 1–${limits.customFieldLength}`,
          at,
          field.value.length < 1 ? 'Remove the empty attribute or give it a value.' : 'Shorten it, or map it to a metafield in the template.',
        ),
      )
    if (field.name.length > limits.customFieldLength)
      report(
        file,
        error('custom-field/length', `custom field name is ${field.name.length} characters; it must be 1–${limits.customFieldLength}`, {...at, target: 'key'}),
      )
  }
}
