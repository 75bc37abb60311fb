import {describe, expect, it} from 'vitest'

import {renderPlanJson} from '../../src/render/json.js'
import {renderPlanMarkdown} from '../../src/render/markdown.js'
import {renderPlanText} from '../../src/render/text.js'
import {diff} from '../../src/plan/diff.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from '../plan/factories.js'
import {expectGolden} from './golden.js'
import {samplePlan} from './sample-plan.js'

describe('plan renderers (golden)', () => {
  it('text', () => expectGolden('plan.text.golden', renderPlanText(samplePlan())))
  it('text in colour', () => expectGolden('plan.color.golden', renderPlanText(samplePlan(), {color: true})))
  it('markdown', () => expectGolden('plan.markdown.golden', renderPlanMarkdown(samplePlan())))
  it('json', () => expectGolden('plan.json.golden', renderPlanJson(samplePlan())))
  it('markdown truncated to 1,800 characters', () =>
    expectGolden('plan.markdown-truncated.golden', renderPlanMarkdown(samplePlan(), {maxLength: 1800})))
})

describe('renderPlanText', () => {
  it('says there is nothing to do for an empty plan', () => {
    const product = aProduct()
    const plan = diff(aDesiredState([product]), aLiveState([product], {unkeyedProducts: 1}), diffOptions())
    expect(renderPlanText(plan)).toBe('No changes. The store matches the catalog.\n')
  })

  it('shows only the symbols present in the legend and never colours without the option', () => {
    const text = renderPlanText(diff(aDesiredState([aProduct()]), aLiveState([]), diffOptions()))
    expect(text).toContain('  + create\n')
    expect(text).not.toContain('update in place\n')
    expect(text).not.toContain('\u001B[')
    expect(text).toContain('Plan: 4 to create, 0 to update, 0 to delete (0 unchanged, 0 unmanaged).')
  })

  it('formats large counts with thousands separators', () => {
    const products = Array.from({length: 1200}, (_, i) => aProduct({sku: `P-${i}`}))
    const plan = diff(aDesiredState(products), aLiveState(products), diffOptions())
    const one = diff(
      aDesiredState([{...products[0]!, price: 1}, ...products.slice(1)]),
      aLiveState(products),
      diffOptions(),
    )
    expect(renderPlanText(plan)).toBe('No changes. The store matches the catalog.\n')
    expect(renderPlanText(one)).toContain(
      'Plan: 0 to create, 1 to update, 0 to delete (1,199 unchanged, 0 unmanaged).',
    )
  })
})

describe('renderPlanMarkdown', () => {
  const big = () => {
    const live = Array.from({length: 600}, (_, i) =>
      aProduct({sku: `SKU-${String(i).padStart(4, '0')}`, description: 'x'.repeat(200)}),
    )
    return diff(
      aDesiredState(live.map((p) => ({...p, description: 'y'.repeat(200), price: 1}))),
      aLiveState(live),
      diffOptions(),
    )
  }

  it('stays under the limit, keeps the summary, never cuts inside a fence, and says what it left out', () => {
    const markdown = renderPlanMarkdown(big())
    expect(markdown.length).toBeLessThanOrEqual(65_535)
    expect(markdown).toContain(
      '**Plan: 0 to create, 600 to update, 0 to delete (0 unchanged, 0 unmanaged).**',
    )
    expect((markdown.match(/^`{3,}/gm) ?? []).length % 2).toBe(0)
    expect(markdown).toMatch(/> \*\*\d+ of 600 changes not shown\*\*/)
    expect(markdown.trimEnd().endsWith('for the full plan.')).toBe(true)
    expect(markdown).toContain('(product: ')
  })

  it('respects any limit it is given', () => {
    for (const maxLength of [1500, 4000, 20_000]) {
      const markdown = renderPlanMarkdown(big(), {maxLength})
      expect(markdown.length).toBeLessThanOrEqual(maxLength)
      expect((markdown.match(/^`{3,}/gm) ?? []).length % 2).toBe(0)
    }
  })

  it('uses a longer fence when a description contains backticks', () => {
    const live = aProduct({description: 'plain'})
    const plan = diff(
      aDesiredState([{...live, description: 'has ``` inside'}]),
      aLiveState([live]),
      diffOptions(),
    )
    expect(renderPlanMarkdown(plan)).toContain('````diff')
  })
})
