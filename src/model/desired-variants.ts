import type {AttributeValue, CatalogProductInput, CatalogTemplateInput} from './catalog-input.js'
import type {MetafieldModel, SourceLocation} from './product.js'
import type {OptionModel, VariantModel} from './variant.js'

import {roundAmount, stringifyAttribute} from './normalise.js'

export interface DesiredOption {
  model: OptionModel
  source?: SourceLocation
}

export interface DesiredVariant {
  model: VariantModel
  source?: SourceLocation
}

/**
 * A product's options and variants in normal form. Options are ordered by `option_order`, then by first
 * appearance; values by first appearance. Variant overrides the catalog leaves out are null (inherit the
 * product's value, as BigCommerce does for `price: null`); attributes reach variant metafields through the
 * template's `variant_metafield` rules (other variant attributes have no BigCommerce home and are ignored).
 */
export function desiredVariantsOf(
  product: CatalogProductInput,
  template: CatalogTemplateInput = {},
): {options: OptionModel[]; variants: VariantModel[]} {
  const variants = product.variants ?? []
  if (variants.length === 0) return {options: [], variants: []}
  const values = new Map<string, string[]>()
  for (const variant of variants) {
    for (const [name, raw] of Object.entries(variant.options)) {
      if (raw === undefined) continue
      const label = labelOf(raw)
      const list = values.get(name) ?? []
      if (!list.includes(label)) list.push(label)
      values.set(name, list)
    }
  }
  const order = [...(product.option_order ?? []).filter((name) => values.has(name))]
  for (const name of values.keys()) if (!order.includes(name)) order.push(name)
  const options = order.map((name) => ({product: product.sku, name, values: values.get(name) ?? []}))
  const rules = (template.rules ?? []).filter((rule) => rule.variant_metafield !== undefined)

  return {
    options,
    variants: variants.map((variant): VariantModel => {
      const optionsOf: Record<string, string> = {}
      for (const name of order) {
        const raw = variant.options[name]
        if (raw !== undefined) optionsOf[name] = labelOf(raw)
      }
      const metafields: MetafieldModel[] = []
      for (const rule of rules) {
        const target = rule.variant_metafield
        const raw: AttributeValue | undefined = variant.attributes?.[rule.attribute]
        if (!target || raw === undefined || raw === null) continue
        const value = stringifyAttribute(raw)
        if (value.trim() === '') continue
        metafields.push({
          namespace: target.namespace,
          key: target.key,
          value,
          permission_set: target.permission_set ?? 'app_only',
        })
      }
      return normaliseVariant({
        sku: variant.sku,
        product: product.sku,
        options: optionsOf,
        price: variant.price ?? null,
        sale_price: variant.sale_price ?? null,
        cost_price: variant.cost_price ?? null,
        retail_price: variant.retail_price ?? null,
        weight: variant.weight ?? null,
        width: variant.dimensions?.width ?? null,
        height: variant.dimensions?.height ?? null,
        depth: variant.dimensions?.depth ?? null,
        image: variant.image ?? null,
        gtin: variant.gtin ?? '',
        upc: variant.upc ?? '',
        mpn: variant.mpn ?? '',
        purchasing_disabled: variant.purchasing_disabled ?? false,
        metafields,
      })
    }),
  }
}

/** Labels are strings in BigCommerce; YAML may have parsed `42` or `8.5` as numbers. */
function labelOf(raw: string | number): string {
  return typeof raw === 'number' ? String(raw) : raw.trim()
}

/** The normal form both sides pass through: amounts at 4 decimals, metafields sorted. */
export function normaliseVariant(variant: VariantModel): VariantModel {
  const amount = (value: number | null): number | null => (value === null ? null : roundAmount(value))
  return {
    ...variant,
    sku: variant.sku.trim(),
    price: amount(variant.price),
    sale_price: amount(variant.sale_price),
    cost_price: amount(variant.cost_price),
    retail_price: amount(variant.retail_price),
    weight: amount(variant.weight),
    width: amount(variant.width),
    height: amount(variant.height),
    depth: amount(variant.depth),
    image: variant.image === null || variant.image.trim() === '' ? null : variant.image.trim(),
    metafields: [...variant.metafields].sort((a, b) =>
      a.namespace < b.namespace
        ? -1
        : a.namespace > b.namespace
          ? 1
          : a.key < b.key
            ? -1
            : a.key > b.key
              ? 1
              : 0,
    ),
  }
}

/** Namespaces the template's `variant_metafield` rules write: live variant metafields outside them are not compared. */
export function managedVariantMetafieldNamespaces(template: CatalogTemplateInput): string[] {
  const namespaces = new Set<string>()
  for (const rule of template.rules ?? [])
    if (rule.variant_metafield) namespaces.add(rule.variant_metafield.namespace)
  return [...namespaces].sort()
}
