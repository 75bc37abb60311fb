import type {Product, TemplateFile} from './generated/index.js'

/** A product attribute that becomes a BigCommerce custom field under the template. */
export interface CustomFieldValue {
  attribute: string
  name: string
  value: string
}

/**
 * The custom fields the template produces for one product: attributes with a `custom_field` rule under
 * its display name, and (with `unmapped_attributes: custom_field`, the default) every attribute that no
 * rule or field mapping mentions, under its own name.
 */
export function customFieldsOf(product: Product, template: TemplateFile): CustomFieldValue[] {
  const attributes = product.attributes
  if (!attributes) return []
  const {ruled, mappedByField, unmappedAsFields} = planFor(template)
  const fields: CustomFieldValue[] = []
  for (const attribute in attributes) {
    const value = attributes[attribute]
    if (value === undefined) continue
    if (ruled.has(attribute)) {
      const name = ruled.get(attribute)
      if (name !== undefined) fields.push({attribute, name, value: String(value)})
    } else if (unmappedAsFields && !mappedByField.has(attribute)) {
      fields.push({attribute, name: attribute, value: String(value)})
    }
  }
  return fields
}

interface TemplatePlan {
  /** attribute → custom field name (undefined: the rule sends it to a metafield). */
  ruled: Map<string, string | undefined>
  mappedByField: Set<string>
  unmappedAsFields: boolean
}

const plans = new WeakMap<TemplateFile, TemplatePlan>()

/** The template digested once, not per product (10,000 products share it). */
function planFor(template: TemplateFile): TemplatePlan {
  let plan = plans.get(template)
  if (plan) return plan
  const ruled = new Map<string, string | undefined>()
  for (const rule of template.rules ?? []) ruled.set(rule.attribute, rule.custom_field)
  const mappedByField = new Set(
    Object.values(template.fields ?? {})
      .filter((source): source is string => typeof source === 'string' && source.startsWith('attributes.'))
      .map((source) => source.slice('attributes.'.length)),
  )
  plan = {ruled, mappedByField, unmappedAsFields: (template.unmapped_attributes ?? 'custom_field') === 'custom_field'}
  plans.set(template, plan)
  return plan
}
