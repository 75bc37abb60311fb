import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Ajv} from 'ajv'
import addFormats from 'ajv-formats'
import {describe, expect, it} from 'vitest'

import {diff} from '../../src/plan/diff.js'
import {renderPlanJson} from '../../src/render/json.js'
import {renderPlanMarkdown} from '../../src/render/markdown.js'
import {renderPlanText} from '../../src/render/text.js'
import {diffOptions} from '../plan/factories.js'
import {
  aCatalogProduct,
  combinations,
  desiredWithVariants,
  liveWithVariants,
} from '../plan/variant-factories.js'
import {expectGolden} from './golden.js'

const OPTIONS = {
  Size: ['S', 'M', 'L', 'XL'],
  Color: ['Navy', 'Grey', 'Forest'],
  Fit: ['Regular', 'Slim', 'Relaxed'],
}

/**
 * A 36-variant product where the catalog renames a colour, adds a size (9 new variants), overrides the
 * price of the 12 XL variants, removes one variant (prune: delete), and a second product is created with
 * its 4 variants.
 */
function variantPlan() {
  const live = combinations('TEE', OPTIONS)
  const catalog = combinations('TEE', {...OPTIONS, Size: [...OPTIONS.Size, 'XXL']})
    .filter((variant) => variant.sku !== 'TEE-S-NAVY-RELAXED')
    .map((variant) => ({
      ...variant,
      options: {
        ...variant.options,
        Color: variant.options['Color'] === 'Grey' ? 'Heather Grey' : variant.options['Color']!,
      },
      ...(variant.options['Size'] === 'XL' ? {price: 30} : {}),
    }))
  const mug = aCatalogProduct(
    'MUG',
    combinations('MUG', {Size: ['8 oz', '12 oz'], Glaze: ['Matte', 'Gloss']}),
  )
  return diff(
    desiredWithVariants([aCatalogProduct('TEE', catalog), mug]),
    liveWithVariants([aCatalogProduct('TEE', live)]),
    diffOptions({prune: {products: 'delete'}}),
  )
}

describe('variant plans', () => {
  it('text: variants grouped under their product, unchanged ones collapsed (golden)', () => {
    const text = renderPlanText(variantPlan())
    expectGolden('plan-variants.text.golden', text)
  })

  it('markdown: the same grouping inside the product section (golden)', () =>
    expectGolden('plan-variants.markdown.golden', renderPlanMarkdown(variantPlan())))

  it('json validates against schemas/plan.schema.json, replaces included', () => {
    const schemasDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas')
    const ajv = new Ajv({allErrors: true, strict: true, allowUnionTypes: true})
    addFormats.default(ajv)
    const validate = ajv.compile(
      JSON.parse(readFileSync(path.join(schemasDir, 'plan.schema.json'), 'utf8')) as object,
    )
    const json: unknown = JSON.parse(renderPlanJson(variantPlan()))
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    const replace = diff(
      desiredWithVariants([aCatalogProduct('TEE', combinations('TEE', {Size: ['S'], Fit: ['Slim']}))]),
      liveWithVariants([aCatalogProduct('TEE', combinations('TEE', {Size: ['S']}))]),
      diffOptions(),
    )
    expect(validate(JSON.parse(renderPlanJson(replace))), JSON.stringify(validate.errors)).toBe(true)
    const text = renderPlanText(replace)
    expect(text).toContain('-/+ replace: BigCommerce deletes, then creates again')
    expect(text).toContain(
      '-/+ option Fit: Slim (replace: option Fit added to a product that already has variants',
    )
  })
})
