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
  const attributes = product.attributes ?? {}
  const ruled = new Map<string, string | undefined>()
  for (const rule of template.rules ?? []) ruled.set(rule.attribute, rule.custom_field)
  const mappedByField = new Set(
    Object.values(template.fields ?? {})
      .filter((source): source is string => typeof source === 'string' && source.startsWith('attributes.'))
      .map((source) => source.slice('attributes.'.length)),
  )
  const fields: CustomFieldValue[] = []
  for (const [attribute, value] of Object.entries(attributes)) {
    if (value === undefined) continue
    if (ruled.has(attribute)) {
      const name = ruled.get(attribute)
      if (name !== undefined) fields.push({attribute, name, value: String(value)})
    } else if (!mappedByField.has(attribute) && (template.unmapped_attributes ?? 'custom_field') === 'custom_field') {
      fields.push({attribute, name: attribute, value: String(value)})
    }
  }
  return fields
}
