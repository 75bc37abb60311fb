import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors/user-error.js'
import {normaliseProduct} from '../../src/model/normalise.js'
import {changedModelFields} from '../../src/plan/changed-fields.js'
import {diff} from '../../src/plan/diff.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from './factories.js'

const arbitraryProduct = fc
  .record({
    sku: fc.stringMatching(/^[A-Z][A-Z0-9-]{0,11}$/),
    name: fc.string({minLength: 1, maxLength: 20}),
    price: fc.double({min: 0, max: 10_000, noNaN: true}),
    sale_price: fc.double({min: 0, max: 10_000, noNaN: true}),
    brand: fc.option(fc.constantFrom('Acme', 'Globex', 'Initech'), {nil: null}),
    is_visible: fc.boolean(),
    categories: fc.array(fc.constantFrom('Apparel', 'Apparel/Tops', 'Kitchen/Mugs', 'Home'), {maxLength: 3}),
    images: fc.array(fc.record({url: fc.webUrl(), alt: fc.string({maxLength: 8})}), {maxLength: 3}),
    custom_fields: fc.array(
      fc.record({
        name: fc.constantFrom('Material', 'Fit', 'Origin'),
        value: fc.string({minLength: 1, maxLength: 8}),
      }),
      {maxLength: 3},
    ),
    description: fc.string({maxLength: 40}),
  })
  .map((fields) => aProduct(fields))

const uniqueProducts = fc.uniqueArray(arbitraryProduct, {maxLength: 8, selector: (p) => p.sku.toLowerCase()})

describe('diff', () => {
  it('is empty when the store matches the catalog (property)', () => {
    fc.assert(
      fc.property(uniqueProducts, (products) => {
        const plan = diff(aDesiredState(products), aLiveState(products), diffOptions())
        expect(plan.changes).toEqual([])
        expect(plan.summary).toMatchObject({create: 0, update: 0, delete: 0, unchanged: products.length})
      }),
      {numRuns: 100},
    )
  })

  it('ignores the order of categories and of custom fields', () => {
    const desired = aProduct({
      categories: ['Home', 'Apparel/Tops'],
      custom_fields: [
        {name: 'Material', value: 'Cotton'},
        {name: 'Fit', value: 'Slim'},
      ],
    })
    const live = aProduct({
      categories: ['Apparel/Tops', 'Home'],
      custom_fields: [
        {name: 'Fit', value: 'Slim'},
        {name: 'Material', value: 'Cotton'},
      ],
    })
    expect(diff(aDesiredState([desired]), aLiveState([live]), diffOptions()).changes).toEqual([])
  })

  it('creates a product missing from the store, with its brand and every missing category, parents first', () => {
    const tee = aProduct({brand: 'Acme', categories: ['Apparel/Tops/T-Shirts']})
    const plan = diff(
      aDesiredState([tee]),
      aLiveState([], {brands: [], categories: ['Apparel']}),
      diffOptions(),
    )
    expect(plan.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([
      'create brand Acme',
      'create category Apparel/Tops',
      'create category Apparel/Tops/T-Shirts',
      'create product TEE-CLASSIC',
    ])
    expect(plan.summary.create).toBe(4)
    expect(plan.fingerprints.find((f) => f.kind === 'product')).toMatchObject({id: null, hash: null})
  })

  it('matches brands case-insensitively and never deletes brands or categories', () => {
    const tee = aProduct({brand: 'ACME'})
    const plan = diff(
      aDesiredState([tee]),
      aLiveState([aProduct({brand: 'acme'})], {
        brands: ['acme', 'Old Brand'],
        categories: ['Apparel', 'Apparel/Tops', 'Gone'],
      }),
      diffOptions(),
    )
    expect(plan.changes).toEqual([])
  })

  it('reports field changes with readable paths', () => {
    const live = aProduct({
      price: 24,
      images: [{url: 'https://img.example/a.jpg', alt: 'A'}],
      custom_fields: [{name: 'Material', value: 'Cotton'}],
      metafields: [{namespace: 'specs', key: 'gsm', value: '180', permission_set: 'read'}],
      mapped: {upc: ''},
    })
    const desired = aProduct({
      price: 19,
      images: [
        {url: 'https://img.example/b.jpg', alt: 'A'},
        {url: 'https://img.example/c.jpg', alt: ''},
      ],
      custom_fields: [
        {name: 'Material', value: 'Linen'},
        {name: 'Origin', value: 'Portugal'},
      ],
      metafields: [{namespace: 'specs', key: 'gsm', value: '200', permission_set: 'read'}],
      mapped: {upc: '0123'},
    })
    const [change] = diff(aDesiredState([desired]), aLiveState([live]), diffOptions()).changes
    expect(change).toMatchObject({
      action: 'update',
      kind: 'product',
      key: 'TEE-CLASSIC',
      adopt: false,
      id: 100,
    })
    expect(change?.fields).toEqual([
      {path: 'price', before: 24, after: 19},
      {path: 'images[0].url', before: 'https://img.example/a.jpg', after: 'https://img.example/b.jpg'},
      {path: 'images[1]', before: null, after: {url: 'https://img.example/c.jpg', alt: ''}},
      {path: 'custom_fields[Material]', before: 'Cotton', after: 'Linen'},
      {path: 'custom_fields[Origin]', before: null, after: 'Portugal'},
      {path: 'metafields[specs.gsm].value', before: '180', after: '200'},
      {path: 'mapped.upc', before: '', after: '0123'},
    ])
  })

  it('treats a rename (same SKU, new name, different case) as an update', () => {
    const plan = diff(
      aDesiredState([aProduct({sku: 'tee-classic', name: 'Tee'})]),
      aLiveState([aProduct({name: 'Old'})]),
      diffOptions(),
    )
    expect(plan.changes).toHaveLength(1)
    expect(plan.changes[0]).toMatchObject({
      action: 'update',
      key: 'tee-classic',
      fields: [{path: 'name', before: 'Old', after: 'Tee'}],
    })
  })

  it('adopts a declared product without the marker, even with no field change', () => {
    const tee = aProduct()
    const plan = diff(aDesiredState([tee]), aLiveState([{model: tee, managed: false}]), diffOptions())
    expect(plan.changes).toEqual([expect.objectContaining({action: 'update', adopt: true, fields: []})])
    expect(plan.summary).toMatchObject({update: 1, adopt: 1, unmanaged: 0})
  })

  it('counts undeclared products without the marker as unmanaged and never touches them', () => {
    const plan = diff(
      aDesiredState([]),
      aLiveState([{model: aProduct({sku: 'THEIRS'}), managed: false}], {unkeyedProducts: 2}),
      diffOptions({prune: {products: 'delete'}}),
    )
    expect(plan.changes).toEqual([])
    expect(plan.summary.unmanaged).toBe(3)
  })

  describe('prune of managed products missing from the catalog', () => {
    const old = aProduct({sku: 'OLD-1'})
    it('off: a note, no change', () => {
      const plan = diff(aDesiredState([]), aLiveState([old]), diffOptions())
      expect(plan.changes).toEqual([])
      expect(plan.notes.join(' ')).toContain('1 managed product is not in the catalog; prune is off')
    })
    it('hide: is_visible false, destructive', () => {
      const plan = diff(aDesiredState([]), aLiveState([old]), diffOptions({prune: {products: 'hide'}}))
      expect(plan.changes).toEqual([
        expect.objectContaining({
          action: 'update',
          reason: 'prune: hide',
          destructive: true,
          fields: [{path: 'is_visible', before: true, after: false}],
        }),
      ])
      expect(plan.changes[0]?.after).toMatchObject({is_visible: false})
    })
    it('hide: nothing to do when already hidden', () => {
      const plan = diff(
        aDesiredState([]),
        aLiveState([aProduct({sku: 'OLD-1', is_visible: false})]),
        diffOptions({prune: {products: 'hide'}}),
      )
      expect(plan.changes).toEqual([])
    })
    it('delete: a destructive delete listed after creates and updates', () => {
      const plan = diff(
        aDesiredState([aProduct({sku: 'NEW-1'})]),
        aLiveState([old], {brands: ['Acme'], categories: ['Apparel', 'Apparel/Tops']}),
        diffOptions({prune: {products: 'delete'}}),
      )
      expect(plan.changes.map((c) => `${c.action} ${c.key}`)).toEqual(['create NEW-1', 'delete OLD-1'])
      expect(plan.changes[1]).toMatchObject({
        reason: 'prune: delete',
        destructive: true,
        id: 100,
        after: null,
      })
    })
  })

  describe('scopes', () => {
    const live = aProduct({price: 24, name: 'Old name'})
    const desired = aProduct({price: 19, name: 'New name'})
    it('pricing compares only pricing fields and creates nothing', () => {
      const plan = diff(
        aDesiredState([desired, aProduct({sku: 'NEW-1', brand: 'Other'})]),
        aLiveState([live]),
        diffOptions({scope: 'pricing'}),
      )
      expect(plan.changes).toHaveLength(1)
      expect(plan.changes[0]?.fields).toEqual([{path: 'price', before: 24, after: 19}])
      expect(plan.changes[0]?.after).toMatchObject({price: 19, name: 'Old name'})
      expect(plan.notes.join(' ')).toContain('1 catalog product is not in the store')
    })
    it('products leaves pricing fields alone', () => {
      const plan = diff(aDesiredState([desired]), aLiveState([live]), diffOptions({scope: 'products'}))
      expect(plan.changes[0]?.fields).toEqual([{path: 'name', before: 'Old name', after: 'New name'}])
      expect(plan.changes[0]?.after).toMatchObject({price: 24, name: 'New name'})
    })
    it('pricing does not adopt unmarked products', () => {
      const plan = diff(
        aDesiredState([desired]),
        aLiveState([{model: live, managed: false}]),
        diffOptions({scope: 'pricing'}),
      )
      expect(plan.changes).toEqual([])
      expect(plan.summary.unmanaged).toBe(1)
    })
  })

  describe('selection', () => {
    const products = [
      aProduct({sku: 'TEE-1'}),
      aProduct({sku: 'TEE-2'}),
      aProduct({sku: 'MUG-1', brand: 'Mugs Inc'}),
    ]
    it('limits desired and live records to the selected SKUs (globs, case-insensitive)', () => {
      const changed = products.map((p) => ({...p, price: 99}))
      const plan = diff(
        aDesiredState(changed),
        aLiveState([...products, aProduct({sku: 'TEE-OLD'}), aProduct({sku: 'MUG-OLD'})]),
        diffOptions({selection: {skus: ['tee-*']}, prune: {products: 'delete'}}),
      )
      expect(plan.changes.map((c) => `${c.action} ${c.key}`)).toEqual([
        'update TEE-1',
        'update TEE-2',
        'delete TEE-OLD',
      ])
      expect(plan.notes[0]).toContain('Partial plan')
    })
    it('selects by source file; unselected live products never show as deletes', () => {
      const desired = aDesiredState([
        {model: products[0]!, source: {file: 'catalog/products/tees.yaml', line: 1}},
        {
          model: aProduct({sku: 'MUG-1', brand: 'Mugs Inc', price: 1}),
          source: {file: 'catalog/products/mugs.yaml', line: 1},
        },
      ])
      const plan = diff(
        desired,
        aLiveState([{model: products[2]!, managed: true}], {brands: ['Mugs Inc']}),
        diffOptions({selection: {files: ['products/mugs.yaml']}, prune: {products: 'delete'}}),
      )
      expect(plan.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual(['update product MUG-1'])
    })
  })

  describe('static categories', () => {
    const tee = aProduct({categories: ['Apparel/Tops']})
    it('fails with the path and id when the id does not exist in the store', () => {
      const desired = aDesiredState([tee], {categoryMode: 'static', staticCategories: {'Apparel/Tops': 77}})
      const run = () => diff(desired, aLiveState([], {categories: ['Apparel']}), diffOptions())
      expect(run).toThrow(UserError)
      expect(run).toThrow(/"Apparel\/Tops" maps to category id 77/)
    })
    it('fails when a path is not mapped', () => {
      const desired = aDesiredState([tee], {categoryMode: 'static', staticCategories: {}})
      expect(() => diff(desired, aLiveState([]), diffOptions())).toThrow(
        /has no id in categories.yaml static/,
      )
    })
    it('creates no category in static mode', () => {
      const desired = aDesiredState([tee], {categoryMode: 'static', staticCategories: {'Apparel/Tops': 20}})
      const plan = diff(desired, aLiveState([], {categories: ['Shop All']}), diffOptions())
      expect(plan.changes.map((c) => c.kind)).toEqual(['brand', 'product'])
    })
  })

  it('refuses duplicate SKUs (case-insensitive) with exit 4', () => {
    const run = () =>
      diff(aDesiredState([aProduct({sku: 'A'}), aProduct({sku: 'a'})]), aLiveState([]), diffOptions())
    expect(run).toThrow(expect.objectContaining({exitCode: 4, code: 'catalog.duplicate-sku'}))
  })

  it('records plan metadata', () => {
    const plan = diff(aDesiredState([]), aLiveState([]), diffOptions({catalogHash: 'sha256:x'}))
    expect(plan).toMatchObject({
      format_version: '1.0',
      catalogctl_version: '0.1.0',
      store: {hash: 'abc123'},
      scope: 'all',
      mode: 'full',
      catalog: {hash: 'sha256:x'},
    })
  })

  it('does not see drift in values that normalise equal', () => {
    const live = normaliseProduct({...aProduct(), price: 24.00001, description: '<p>A classic tee.</p>\r\n'})
    expect(diff(aDesiredState([aProduct()]), aLiveState([live]), diffOptions()).changes).toEqual([])
  })
})

describe('changedModelFields', () => {
  it('lists the top-level fields an update writes', () => {
    const live = aProduct()
    const desired = aProduct({price: 1, custom_fields: [{name: 'Fit', value: 'Slim'}], images: []})
    const [change] = diff(aDesiredState([desired]), aLiveState([live]), diffOptions()).changes
    expect(changedModelFields(change!)).toEqual(['price', 'images', 'custom_fields'])
  })
})
