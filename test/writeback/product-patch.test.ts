import {parseDocument} from 'yaml'
import {describe, expect, it} from 'vitest'

import type {Product, TemplateFile} from '../../src/catalog/generated/index.js'
import {desiredProduct} from '../../src/model/desired.js'
import {productPatch} from '../../src/writeback/product-patch.js'
import {ReverseTemplate} from '../../src/writeback/reverse-template.js'
import {applyOps, documentText} from '../../src/writeback/yaml-edit.js'

const template: TemplateFile = {
  fields: {search_keywords: 'attributes.keywords'},
  rules: [
    {attribute: 'material', custom_field: 'Material'},
    {attribute: 'warranty_years', metafield: {namespace: 'specs', key: 'warranty_years'}},
  ],
}

const FILE = `# yaml-language-server: $schema=../schemas/product.schema.json
sku: MUG-1
name: Speckled Mug # the storefront name
price: 18 # list price
categories: [Home/Mugs]
attributes:
  material: Stoneware
  warranty_years: 2
  keywords: mug, coffee
  colour: Speckled
`

function patchAgainst(live: ReturnType<typeof desiredProduct>, options: {only?: Set<string>} = {}) {
  const doc = parseDocument(FILE)
  const reverse = new ReverseTemplate(template)
  const patch = productPatch(doc.toJS() as Product, live, {reverse, template, ...options})
  applyOps(doc, [], patch.ops)
  return {text: documentText(doc), patch, reverse}
}

describe('productPatch (the export template in reverse)', () => {
  const current = parseDocument(FILE).toJS() as Product
  const exported = desiredProduct(current, template)

  it('writes nothing when the store exports the same values', () => {
    const {text, patch} = patchAgainst(exported)
    expect(patch.ops).toEqual([])
    expect(text).toBe(FILE)
  })

  it('maps custom fields, metafields and mapped fields back to their attributes, keeping comments', () => {
    const live = {
      ...exported,
      price: 19.5,
      custom_fields: [
        {name: 'Material', value: 'Porcelain'},
        {name: 'colour', value: 'Speckled'},
      ],
      metafields: [{namespace: 'specs', key: 'warranty_years', value: '3', permission_set: 'app_only'}],
      mapped: {search_keywords: 'mug'},
    }
    const {text, patch} = patchAgainst(live)
    expect(patch.fields.sort()).toEqual(['custom_fields', 'mapped', 'metafields', 'price'])
    expect(text).toContain('price: 19.5 # list price')
    expect(text).toContain('name: Speckled Mug # the storefront name')
    expect(text).toContain('material: Porcelain')
    expect(text).toContain('warranty_years: 3') // still a number
    expect(text).toContain('keywords: mug\n')
    // Applying the patch makes the catalog export exactly what the store holds.
    const after = desiredProduct(parseDocument(text).toJS() as Product, template)
    expect(after.mapped).toEqual({search_keywords: 'mug'})
    expect(after.metafields.map((m) => m.value)).toEqual(['3'])
    expect(after.custom_fields).toEqual(live.custom_fields)
    expect(after.price).toBe(19.5)
  })

  it('adds a template rule for a live value the template has no way to export', () => {
    const live = {
      ...exported,
      metafields: [
        ...exported.metafields,
        {namespace: 'erp', key: 'supplier', value: 'ACME', permission_set: 'read'},
      ],
    }
    const {text, reverse} = patchAgainst(live)
    expect(reverse.additions().rules).toEqual([
      {attribute: 'supplier', metafield: {namespace: 'erp', key: 'supplier', permission_set: 'read'}},
    ])
    expect(text).toContain('supplier: ACME')
  })

  it('removes what the store no longer has, and only the drifted fields when asked', () => {
    const live = {
      ...exported,
      categories: [],
      price: 25,
      custom_fields: exported.custom_fields.filter((f) => f.name !== 'colour'),
    }
    const {text} = patchAgainst(live, {only: new Set(['categories'])})
    expect(text).not.toContain('categories:')
    expect(text).toContain('price: 18 # list price')
    expect(text).toContain('colour: Speckled')
  })
})
