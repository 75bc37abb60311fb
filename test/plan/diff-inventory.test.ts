import {describe, expect, it} from 'vitest'

import type {DesiredLocation, DesiredStock} from '../../src/model/desired.js'
import type {LiveLocation, LiveState} from '../../src/model/live-state.js'

import {desiredStock} from '../../src/model/desired.js'
import {diff} from '../../src/plan/diff.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from './factories.js'
import {aCatalogProduct, combinations, desiredWithVariants, liveWithVariants} from './variant-factories.js'

function aLocation(key: string, fields: Partial<DesiredLocation['model']> = {}, id: number | null = null) {
  return {
    model: {
      key,
      code: `WH-${key.toUpperCase()}`,
      label: `${key} warehouse`,
      type: null,
      address: {},
      ...fields,
    },
    id,
  } satisfies DesiredLocation
}

function aLiveLocation(id: number, code: string, label: string): LiveLocation {
  return {id, code, label, type: 'PHYSICAL', enabled: true, address: {city: 'Reno', address1: '1 Main St'}}
}

const stock = (location: string, sku: string, quantity: number): DesiredStock => ({
  model: {location, sku, quantity},
})

function withInventory(
  live: LiveState,
  locations: LiveLocation[],
  levels: Array<[string, string, number]>,
): LiveState {
  live.locations = locations
  live.stock = levels.map(([location, sku, quantity]) => ({location, sku, quantity}))
  return live
}

describe('diff: locations', () => {
  it('creates a location declared by code that the store lacks, and leaves a matching one alone', () => {
    const desired = aDesiredState([], {locations: [aLocation('east'), aLocation('west', {type: 'VIRTUAL'})]})
    const live = withInventory(aLiveState([]), [aLiveLocation(1, 'wh-east', 'east warehouse')], [])
    const plan = diff(desired, live, diffOptions({scope: 'inventory'}))
    expect(plan.changes.map((change) => `${change.action} ${change.kind} ${change.key}`)).toEqual([
      'create location west',
    ])
    // The summary's unchanged count is products only (the guardrails' denominator).
    expect(plan.summary.unchanged).toBe(0)
  })

  it('a PHYSICAL location to create needs a full address (locations.v3.yml): a planning error names the lines', () => {
    const live = withInventory(aLiveState([]), [], [])
    const partial = aDesiredState([], {locations: [aLocation('west', {address: {city: 'Reno'}})]})
    expect(() => diff(partial, live, diffOptions({scope: 'inventory'}))).toThrow(
      'location "west" (code WH-WEST) is not in the store and is PHYSICAL, which BigCommerce creates only with a full address: add address1, state, zip, email, country_code, geo_coordinates under its address (or type: VIRTUAL)',
    )
    const address = {
      address1: '1 Main St',
      city: 'Reno',
      state: 'NV',
      zip: '89502',
      email: 'west@example.com',
      country_code: 'US',
      geo_coordinates: '39.5,-119.8',
    }
    const full = aDesiredState([], {locations: [aLocation('west', {type: 'PHYSICAL', address})]})
    expect(
      diff(full, live, diffOptions({scope: 'inventory'})).changes.map((change) => change.action),
    ).toEqual(['create'])
  })

  it('updates only the declared fields: label and the address lines the catalog gives', () => {
    const desired = aDesiredState([], {
      locations: [aLocation('east', {code: null, label: 'East', address: {city: 'Newark'}}, 1)],
    })
    const live = withInventory(aLiveState([]), [aLiveLocation(1, 'BC-LOCATION-1', 'Default')], [])
    const [change] = diff(desired, live, diffOptions({scope: 'inventory'})).changes
    expect(change?.action).toBe('update')
    expect(change?.fields).toEqual([
      {path: 'label', before: 'Default', after: 'East'},
      {path: 'address.city', before: 'Reno', after: 'Newark'},
    ])
    expect(change?.after).toMatchObject({
      code: 'BC-LOCATION-1',
      address: {city: 'Newark', address1: '1 Main St'},
    })
  })

  it('refuses a location id the store does not have, naming the key and the id', () => {
    const desired = aDesiredState([], {locations: [aLocation('north', {}, 42)]})
    const live = withInventory(aLiveState([]), [aLiveLocation(1, 'BC-LOCATION-1', 'Default')], [])
    expect(() => diff(desired, live, diffOptions({scope: 'inventory'}))).toThrow(
      /location "north" names id 42, which does not exist in the store/,
    )
  })

  it('never plans locations in a products or pricing plan', () => {
    const desired = aDesiredState([], {locations: [aLocation('west')]})
    for (const scope of ['products', 'pricing'] as const) {
      expect(diff(desired, aLiveState([]), diffOptions({scope})).changes).toEqual([])
    }
  })
})

describe('diff: stock', () => {
  const mug = aProduct({sku: 'MUG-01', inventory_tracking: 'product'})
  const cap = aProduct({sku: 'CAP-01', inventory_tracking: 'product'})
  const locations = [aLocation('east', {}, 1)]
  const store = [aLiveLocation(1, 'WH-EAST', 'east warehouse')]

  it('plans one update per differing (SKU, location) and leaves equal levels alone', () => {
    const desired = aDesiredState([mug, cap], {
      locations,
      stock: [stock('east', 'MUG-01', 30), stock('east', 'CAP-01', 4)],
    })
    const live = withInventory(aLiveState([mug, cap]), store, [
      ['east', 'mug-01', 12],
      ['east', 'CAP-01', 4],
    ])
    live.ids.locations = {east: 1}
    const plan = diff(desired, live, diffOptions({scope: 'inventory'}))
    expect(plan.changes).toHaveLength(1)
    expect(plan.changes[0]).toMatchObject({
      kind: 'stock',
      action: 'update',
      key: 'MUG-01@east',
      level: 3,
      fields: [{path: 'quantity', before: 12, after: 30}],
      id: 100,
    })
  })

  it('a level the store has not recorded is a create; a product this plan creates gets its stock too', () => {
    const desired = aDesiredState([mug, cap], {
      locations,
      stock: [stock('east', 'MUG-01', 0), stock('east', 'CAP-01', 7)],
    })
    const live = withInventory(aLiveState([mug]), store, [])
    const plan = diff(desired, live, diffOptions({scope: 'all'}))
    const stockChanges = plan.changes.filter((change) => change.kind === 'stock')
    expect(stockChanges.map((change) => `${change.action} ${change.key} ${change.reason}`)).toEqual([
      'create CAP-01@east new product',
      'create MUG-01@east no stock recorded at this location',
    ])
  })

  it('an inventory plan never creates or adopts products: their stock waits, with a note', () => {
    const desired = aDesiredState([mug, cap], {
      locations,
      stock: [stock('east', 'MUG-01', 3), stock('east', 'CAP-01', 7)],
    })
    const live = withInventory(aLiveState([{model: mug, managed: false}]), store, [])
    const plan = diff(desired, live, diffOptions({scope: 'inventory'}))
    expect(plan.changes).toEqual([])
    expect(plan.notes.join('\n')).toMatch(/1 stock row names a product not in the store/)
    expect(plan.notes.join('\n')).toMatch(/1 stock row names a product without the catalogctl marker/)
  })

  it('an inventory plan sets inventory_tracking and compares no other product field', () => {
    const live = aProduct({sku: 'MUG-01', name: 'Old name', price: 99, inventory_tracking: 'none'})
    const desired = aDesiredState([mug], {locations, stock: [stock('east', 'MUG-01', 3)]})
    const plan = diff(
      desired,
      withInventory(aLiveState([live]), store, [['east', 'MUG-01', 3]]),
      diffOptions({scope: 'inventory'}),
    )
    expect(plan.changes.map((change) => [change.kind, change.fields])).toEqual([
      ['product', [{path: 'inventory_tracking', before: 'none', after: 'product'}]],
    ])
  })

  it('a products plan does not compare stock or tracking', () => {
    const live = aProduct({sku: 'MUG-01', inventory_tracking: 'none'})
    const desired = aDesiredState([mug], {locations, stock: [stock('east', 'MUG-01', 3)]})
    const plan = diff(desired, withInventory(aLiveState([live]), store, []), diffOptions({scope: 'products'}))
    expect(plan.changes).toEqual([])
  })
})

describe('desiredStock', () => {
  const products = [
    {product: {sku: 'MUG-01', name: 'Mug', price: 1}},
    {product: {sku: 'TEE', name: 'Tee', price: 1, variants: [{sku: 'TEE-M', options: {Size: 'M'}}]}},
    {product: {sku: 'CAP', name: 'Cap', price: 1, variants: [{sku: 'CAP-S', options: {Size: 'S'}}]}},
  ]

  it('splits rows into product and variant levels, catalog spelling, last row wins', () => {
    const result = desiredStock(products, [
      {sku: 'mug-01', location: 'east', quantity: 1},
      {sku: 'tee-m', location: 'west', quantity: 5},
      {sku: 'TEE-M', location: 'east', quantity: 4},
      {sku: 'MUG-01', location: 'east', quantity: 2},
    ])
    expect(result.stock.map((entry) => entry.model)).toEqual([
      {location: 'east', sku: 'MUG-01', quantity: 2},
      {location: 'east', sku: 'TEE-M', quantity: 4, product: 'TEE'},
      {location: 'west', sku: 'TEE-M', quantity: 5, product: 'TEE'},
    ])
  })

  it('tracks by variant a product whose variants have stock, by product one without variants, others not at all', () => {
    const result = desiredStock(products, [
      {sku: 'MUG-01', location: 'east', quantity: 1},
      {sku: 'TEE-M', location: 'east', quantity: 5},
    ])
    expect(Object.fromEntries(result.tracking)).toEqual({'mug-01': 'product', tee: 'variant'})
  })
})

describe('diff: variant stock', () => {
  const OPTIONS = {Size: ['S', 'M'], Color: ['Navy']}
  const locations = [aLocation('east', {}, 1), aLocation('west', {}, 2)]
  const store = [aLiveLocation(1, 'WH-EAST', 'east warehouse'), aLiveLocation(2, 'WH-WEST', 'west warehouse')]
  const variantStock = (location: string, sku: string, quantity: number): DesiredStock => ({
    model: {location, sku, quantity, product: 'TEE'},
  })

  function desiredTee(variants = combinations('TEE', OPTIONS), rows: DesiredStock[] = []) {
    const desired = desiredWithVariants([aCatalogProduct('TEE', variants)])
    desired.locations = locations
    desired.stock = rows
    for (const product of desired.products) product.model.inventory_tracking = 'variant'
    return desired
  }

  function liveTee(tracking: 'product' | 'variant', levels: Array<[string, string, number]>) {
    const live = liveWithVariants([aCatalogProduct('TEE', combinations('TEE', OPTIONS))])
    for (const product of live.products) product.inventory_tracking = tracking
    live.ids.locations = {east: 1, west: 2}
    return withInventory(live, store, levels)
  }

  it('compares each variant at each location and addresses an update by the variant id', () => {
    const desired = desiredTee(undefined, [
      variantStock('east', 'TEE-M-NAVY', 30),
      variantStock('west', 'TEE-M-NAVY', 8),
      variantStock('east', 'TEE-S-NAVY', 4),
    ])
    const live = liveTee('variant', [
      ['east', 'TEE-M-NAVY', 12],
      ['west', 'TEE-M-NAVY', 8],
      ['east', 'tee-s-navy', 4],
    ])
    const plan = diff(desired, live, diffOptions({scope: 'inventory'}))
    expect(plan.changes).toHaveLength(1)
    expect(plan.changes[0]).toMatchObject({
      kind: 'stock',
      action: 'update',
      key: 'TEE-M-NAVY@east',
      fields: [{path: 'quantity', before: 12, after: 30}],
      after: {location: 'east', sku: 'TEE-M-NAVY', quantity: 30, product: 'TEE'},
      id: live.ids.variants?.['tee-m-navy']?.id,
    })
  })

  it('a product tracked by product gains variant tracking; its variant levels are creates', () => {
    const desired = desiredTee(undefined, [variantStock('east', 'TEE-M-NAVY', 30)])
    const live = liveTee('product', [['east', 'TEE', 50]])
    const plan = diff(desired, live, diffOptions({scope: 'inventory'}))
    expect(plan.changes.map((change) => [change.kind, change.action, change.key, change.fields])).toEqual([
      ['product', 'update', 'TEE', [{path: 'inventory_tracking', before: 'product', after: 'variant'}]],
      ['stock', 'create', 'TEE-M-NAVY@east', []],
    ])
  })

  it('a variant this plan creates gets its stock in the same plan; an inventory plan leaves it with a note', () => {
    const next = combinations('TEE', {...OPTIONS, Size: [...OPTIONS.Size, 'L']})
    const desired = desiredTee(next, [variantStock('east', 'TEE-L-NAVY', 9)])
    const live = liveTee('variant', [])
    const all = diff(desired, live, diffOptions({scope: 'all'}))
    const created = all.changes.filter((change) => change.kind === 'variant' || change.kind === 'stock')
    expect(created.map((change) => `${change.action} ${change.kind} ${change.key} ${change.reason}`)).toEqual(
      ['create stock TEE-L-NAVY@east new variant', 'create variant TEE-L-NAVY not in the store'],
    )
    const scoped = diff(desired, live, diffOptions({scope: 'inventory'}))
    expect(scoped.changes).toEqual([])
    expect(scoped.notes.join('\n')).toMatch(/1 stock row names a variant not in the store/)
  })

  it('a new product with variants gets every variant level with it', () => {
    const desired = desiredTee(undefined, [
      variantStock('east', 'TEE-M-NAVY', 1),
      variantStock('west', 'TEE-S-NAVY', 2),
    ])
    const live = withInventory(aLiveState([]), store, [])
    live.ids.locations = {east: 1, west: 2}
    live.variantsRead = true
    const plan = diff(desired, live, diffOptions({scope: 'all'}))
    expect(
      plan.changes
        .filter((change) => change.kind === 'stock')
        .map((change) => `${change.key} ${change.reason}`),
    ).toEqual(['TEE-M-NAVY@east new product', 'TEE-S-NAVY@west new product'])
    expect(plan.changes.find((change) => change.kind === 'product')?.after).toMatchObject({
      inventory_tracking: 'variant',
    })
  })

  it('a variant the plan replaces (options changed in place) gets its level as a create, for the new id', () => {
    const swapped = combinations('TEE', OPTIONS).map((variant) =>
      variant.sku === 'TEE-S-NAVY'
        ? {...variant, options: {Size: 'M', Color: 'Navy'}}
        : variant.sku === 'TEE-M-NAVY'
          ? {...variant, options: {Size: 'S', Color: 'Navy'}}
          : variant,
    )
    const desired = desiredTee(swapped, [variantStock('east', 'TEE-S-NAVY', 30)])
    const live = liveTee('variant', [['east', 'TEE-S-NAVY', 30]])
    const plan = diff(desired, live, diffOptions({scope: 'all'}))
    const replaced = plan.changes.filter(
      (change) => change.kind === 'variant' && change.replace !== undefined,
    )
    expect(replaced.map((change) => change.key)).toContain('TEE-S-NAVY')
    expect(
      plan.changes
        .filter((change) => change.kind === 'stock')
        .map((change) => `${change.action} ${change.key} ${change.reason}`),
    ).toEqual(['create TEE-S-NAVY@east new variant'])
  })

  it('never writes the variant stock of a product without the catalogctl marker', () => {
    const desired = desiredTee(undefined, [variantStock('east', 'TEE-M-NAVY', 30)])
    const live = liveTee('variant', [['east', 'TEE-M-NAVY', 12]])
    for (const ids of Object.values(live.ids.products)) ids.ownershipMetafieldId = null
    const plan = diff(desired, live, diffOptions({scope: 'inventory'}))
    expect(plan.changes).toEqual([])
    expect(plan.notes.join('\n')).toMatch(/1 stock row names a product without the catalogctl marker/)
  })
})
