import type {TemplateFile, TemplateRule} from '../catalog/generated/index.js'
import type {ProductModel} from '../model/product.js'

import {mappableField} from '../model/kinds.js'

/** Template `fields:` targets the template schema accepts for core BigCommerce fields outside the model. */
export const MAPPABLE_TEMPLATE_TARGETS = [
  'upc',
  'gtin',
  'mpn',
  'search_keywords',
  'page_title',
  'meta_description',
  'warranty',
  'condition',
  'is_featured',
] as const

/** What the import or `drift --write` added to templates/bigcommerce.yaml. */
export interface TemplateAdditions {
  fields: Record<string, string>
  rules: TemplateRule[]
}

/**
 * The export template read backwards (templates/bigcommerce.yaml, schemas/template.schema.json): which
 * catalog attribute a live custom field, metafield or mapped core field comes from. One class for
 * `import bigcommerce` and `drift --write`, so both write live values back the same way.
 *
 * When a live value has no way back (a metafield no rule names, a custom field whose name an attribute
 * already uses for something else, a core field the template does not map), `ensure…` adds a rule or field
 * mapping and remembers it in `additions()`: the caller writes them into the template file before the
 * products, so the catalog exports the value again exactly as the store holds it.
 */
export class ReverseTemplate {
  private readonly rules: TemplateRule[]
  private readonly fields: Record<string, string>
  private readonly added: TemplateAdditions = {fields: {}, rules: []}
  /** Attribute names taken: by a rule, a field mapping, or an unmapped custom field of the same name. */
  private readonly taken = new Set<string>()
  private readonly unmappedAsFields: boolean

  constructor(template: TemplateFile) {
    this.rules = [...(template.rules ?? [])]
    this.fields = {}
    for (const [target, source] of Object.entries(template.fields ?? {})) {
      if (typeof source === 'string') this.fields[target] = source
    }
    this.unmappedAsFields = (template.unmapped_attributes ?? 'custom_field') === 'custom_field'
    for (const rule of this.rules) this.taken.add(rule.attribute)
    for (const source of Object.values(this.fields)) {
      if (source.startsWith('attributes.')) this.taken.add(source.slice('attributes.'.length))
    }
  }

  /** The template as it is now: the original plus additions (what desired-state building must use). */
  template(original: TemplateFile): TemplateFile {
    const fields = {...(original.fields ?? {}), ...this.added.fields}
    return {
      ...original,
      ...(Object.keys(fields).length > 0 ? {fields} : {}),
      rules: [...(original.rules ?? []), ...this.added.rules],
    }
  }

  additions(): TemplateAdditions {
    return this.added
  }

  /** The catalog path (`name`, `attributes.web_title`) a core target reads from, when the template maps it. */
  fieldSource(target: string): string | undefined {
    return this.fields[target]
  }

  /** The attribute holding custom field `name`, or undefined when the template has no way for it. */
  customFieldAttribute(name: string): string | undefined {
    const rule = this.rules.find((candidate) => candidate.custom_field === name)
    if (rule) return rule.attribute
    if (this.unmappedAsFields && !this.mentioned(name)) return name
    return undefined
  }

  metafieldAttribute(namespace: string, key: string): string | undefined {
    return this.rules.find((rule) => rule.metafield?.namespace === namespace && rule.metafield.key === key)
      ?.attribute
  }

  /** Every attribute that exports to a custom field for this template (rules first, then unmapped ones). */
  customFieldAttributes(attributes: Record<string, unknown>): Set<string> {
    const result = new Set<string>()
    for (const rule of this.rules) if (rule.custom_field !== undefined) result.add(rule.attribute)
    if (this.unmappedAsFields) {
      for (const name of Object.keys(attributes)) if (!this.mentioned(name)) result.add(name)
    }
    return result
  }

  metafieldAttributes(): Set<string> {
    return new Set(this.rules.filter((rule) => rule.metafield).map((rule) => rule.attribute))
  }

  /** Makes sure every custom field, metafield and non-default mapped field of `product` has a way back. */
  cover(product: ProductModel, extraMapped: Record<string, unknown> = {}): void {
    for (const field of product.custom_fields) this.ensureCustomField(field.name)
    for (const metafield of product.metafields)
      this.ensureMetafield(metafield.namespace, metafield.key, metafield.permission_set)
    for (const target of MAPPABLE_TEMPLATE_TARGETS) {
      const value = extraMapped[target] ?? product.mapped[target]
      if (value === undefined || value === null || value === '') continue
      if (value === mappableField(target).default) continue
      this.ensureMappedField(target)
    }
  }

  ensureCustomField(name: string): string {
    const existing = this.customFieldAttribute(name)
    if (existing !== undefined) {
      // An unmapped custom field claims its name, so a later rule never reuses it.
      this.taken.add(existing)
      return existing
    }
    const attribute = this.freeName([name, `${name}_field`])
    const rule: TemplateRule = {attribute, custom_field: name}
    this.addRule(rule)
    return attribute
  }

  ensureMetafield(namespace: string, key: string, permission: string): string {
    const existing = this.metafieldAttribute(namespace, key)
    if (existing !== undefined) return existing
    const attribute = this.freeName([key, `${namespace}_${key}`])
    const rule: TemplateRule = {
      attribute,
      metafield: {
        namespace,
        key,
        ...(permission === 'app_only' ? {} : {permission_set: permission as 'read'}),
      },
    }
    this.addRule(rule)
    return attribute
  }

  ensureMappedField(target: string): string {
    const existing = this.fields[target]
    if (existing !== undefined) return existing
    const source = `attributes.${this.freeName([target, `bc_${target}`])}`
    this.fields[target] = source
    this.added.fields[target] = source
    return source
  }

  private addRule(rule: TemplateRule): void {
    this.rules.push(rule)
    this.added.rules.push(rule)
    this.taken.add(rule.attribute)
  }

  private mentioned(name: string): boolean {
    return (
      this.rules.some((rule) => rule.attribute === name) ||
      Object.values(this.fields).some((source) => source === `attributes.${name}`)
    )
  }

  private freeName(candidates: string[]): string {
    for (const candidate of candidates) if (this.isFree(candidate)) return candidate
    const base = candidates[0] ?? 'attribute'
    for (let n = 2; n < 10_000; n++) if (this.isFree(`${base}_${n}`)) return `${base}_${n}`
    throw new Error(`no free attribute name for ${base}`)
  }

  private isFree(name: string): boolean {
    return name.length >= 1 && name.length <= 250 && !this.taken.has(name) && !this.mentioned(name)
  }
}
