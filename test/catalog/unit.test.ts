import fc from 'fast-check'
import jsYaml from 'js-yaml'
import {describe, expect, it} from 'vitest'
import {LineCounter, parseDocument, isSeq} from 'yaml'

import {detachStrings} from '../../src/catalog/detach-strings.js'
import {editDistance, suggest} from '../../src/catalog/did-you-mean.js'
import {escapeData, escapeProperty, formatGithubAnnotations} from '../../src/catalog/github-annotations.js'
import type {Diagnostic, LoadedCatalog} from '../../src/catalog/index.js'
import {assertValid, formatDiagnostic} from '../../src/catalog/index.js'
import {UserError} from '../../src/errors/user-error.js'
import {SourceLocator, scanSequenceItemLines} from '../../src/catalog/source-positions.js'

const aDiagnostic = (overrides: Partial<Diagnostic> = {}): Diagnostic => ({
  file: 'catalog/products/tee.yaml',
  line: 4,
  col: 1,
  severity: 'error',
  message: 'unknown key `sale_prize` in the product',
  rule: 'schema/unknown-key',
  hint: 'did you mean `sale_price`?',
  ...overrides,
})

describe('did you mean', () => {
  it('measures edits', () => {
    expect(editDistance('sale_prize', 'sale_price')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3)
  })
  it('suggests the closest plausible key and nothing for far-off words', () => {
    expect(suggest('sale_prize', ['price', 'sale_price', 'cost_price'])).toBe('sale_price')
    expect(suggest('Price', ['price', 'sku'])).toBe('price')
    expect(suggest('banana', ['price', 'sku', 'name'])).toBeUndefined()
  })
})

describe('text format', () => {
  it('is file:line:col  severity  message  (rule) with the hint below', () => {
    expect(formatDiagnostic(aDiagnostic())).toBe(
      'catalog/products/tee.yaml:4:1  error  unknown key `sale_prize` in the product  (schema/unknown-key)\n    hint: did you mean `sale_price`?',
    )
  })
})

describe('GitHub annotations', () => {
  it('escapes data and properties like @actions/core', () => {
    expect(escapeData('50% off\r\nnow')).toBe('50%25 off%0D%0Anow')
    expect(escapeProperty('a,b:c%')).toBe('a%2Cb%3Ac%25')
  })

  it('prints a file relative to the workspace, with line, col and escaped text', () => {
    const lines = formatGithubAnnotations(
      [aDiagnostic({file: '/repo/catalog/products/a,b.yaml', message: 'bad: 100%', hint: 'fix it'})],
      '/repo',
    )
    expect(lines).toEqual([
      '::error file=catalog/products/a%2Cb.yaml,line=4,col=1,title=catalogctl schema/unknown-key::bad: 100%25%0Afix it',
    ])
  })

  it('caps annotations at 10 per severity and says how many more there are', () => {
    const many = [
      ...Array.from({length: 12}, (_, i) => aDiagnostic({line: i + 1})),
      ...Array.from({length: 3}, (_, i) => aDiagnostic({line: i + 1, severity: 'warning'})),
    ]
    const lines = formatGithubAnnotations(many, process.cwd())
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10)
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(3)
    expect(lines.at(-1)).toBe('::notice title=catalogctl::2 more problems are not annotated; see the validate output in the job log.')
  })
})

describe('source positions', () => {
  const product = fc.record({
    sku: fc.stringMatching(/^[A-Z][A-Z0-9-]{0,10}$/),
    name: fc.string({minLength: 1, maxLength: 30}),
    price: fc.double({min: 0, max: 1000, noNaN: true}),
    description: fc.option(fc.string({maxLength: 80}), {nil: undefined}),
    variants: fc.array(fc.record({sku: fc.stringMatching(/^[A-Z]{1,6}$/), options: fc.dictionary(fc.constantFrom('Size', 'Color'), fc.string({maxLength: 8}))}), {maxLength: 3}),
  })

  it('the line scan finds the same item lines as the yaml parser, for any dumped list', () => {
    fc.assert(
      fc.property(fc.array(product, {minLength: 1, maxLength: 6}), fc.boolean(), (products, header) => {
        const text = `${header ? '# products\n\n' : ''}${jsYaml.dump(JSON.parse(JSON.stringify(products)), {lineWidth: 40})}`
        const counter = new LineCounter()
        const doc = parseDocument(text, {lineCounter: counter})
        const expected = isSeq(doc.contents) ? doc.contents.items.map((item) => counter.linePos(item.range?.[0] ?? 0).line) : []
        expect(scanSequenceItemLines(text)).toEqual(expected)
      }),
      {numRuns: 200},
    )
  })

  it('locates a path inside one list item without parsing the rest of the file', () => {
    const text = '- sku: A\n  price: 1\n- sku: B\n  price: 2\n  variants:\n    - sku: B-1\n      options: {Size: M}\n'
    const locator = new SourceLocator(text, scanSequenceItemLines(text))
    expect(locator.locate([1, 'variants', 0, 'options', 'Size'])).toEqual({line: 7, col: 23})
    expect(locator.locate([1, 'price'], 'key')).toEqual({line: 4, col: 3})
    expect(locator.locate([0, 'missing'])).toEqual({line: 1, col: 3})
  })
})

describe('assertValid', () => {
  const aLoaded = (diagnostics: Diagnostic[]): LoadedCatalog => ({diagnostics, dir: 'catalog'}) as unknown as LoadedCatalog

  it('passes with warnings only', () => {
    expect(() => assertValid(aLoaded([aDiagnostic({severity: 'warning'})]))).not.toThrow()
  })

  it('throws a UserError with exit code 4 listing the errors', () => {
    let thrown: unknown
    try {
      assertValid(aLoaded([aDiagnostic(), aDiagnostic({line: 9, severity: 'warning'})]))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(UserError)
    expect(thrown).toMatchObject({exitCode: 4, code: 'catalog.invalid'})
    expect((thrown as UserError).message).toBe(
      'the catalog in catalog is invalid (1 error):\ncatalog/products/tee.yaml:4:1  error  unknown key `sale_prize` in the product  (schema/unknown-key)\n    hint: did you mean `sale_price`?',
    )
  })
})

describe('detachStrings', () => {
  it('leaves every parsed value as it was (strings copied in place, other values untouched)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = jsYaml.load(jsYaml.dump(value), {schema: jsYaml.CORE_SCHEMA})
        const copy = structuredClone(parsed)
        expect(detachStrings(parsed)).toEqual(copy)
      }),
      {numRuns: 200},
    )
  })
})
