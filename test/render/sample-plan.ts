import type {Plan} from '../../src/plan/plan.js'

import {diff} from '../../src/plan/diff.js'
import {aDesiredState, aLiveState, aProduct, diffOptions} from '../plan/factories.js'
import {aPriceList, aRecord, withLivePricing} from '../plan/pricing-factories.js'

const longDescription = (material: string) =>
  `<h2>The classic mug</h2><p>Made from ${material}, holds 350 ml.</p><ul><li>Dishwasher safe</li><li>Microwave safe</li></ul><p>Designed in Lisbon.</p>`

/** A plan with every kind of change the renderers must show, built by the real diff. */
export function samplePlan(): Plan {
  const mugLive = aProduct({
    sku: 'MUG-01',
    name: 'Classic Mug',
    brand: 'Acme',
    price: 24,
    description: longDescription('stoneware'),
    categories: ['Kitchen'],
    images: [{url: 'https://img.example/mug.jpg', alt: 'Mug'}],
    custom_fields: [{name: 'Material', value: 'Stoneware'}],
  })
  const mugDesired = {
    ...mugLive,
    inventory_tracking: 'product' as const,
    price: 19,
    description: longDescription('porcelain'),
    categories: ['Kitchen/Mugs'],
    images: [...mugLive.images, {url: 'https://img.example/mug-side.jpg', alt: ''}],
    custom_fields: [
      {name: 'Material', value: 'Porcelain'},
      {name: 'Volume', value: '350 ml'},
    ],
  }
  const capLive = aProduct({sku: 'CAP-01', name: 'Cap', categories: ['Apparel'], custom_fields: []})
  const tiers = [{quantity_min: 24, quantity_max: 95, type: 'price' as const, amount: 1}]
  const desired = aDesiredState(
    [
      aProduct({
        sku: 'TEE-CLASSIC',
        brand: 'Northwind',
        categories: ['Apparel/Tops/T-Shirts'],
        inventory_tracking: 'product',
      }),
      mugDesired,
      {...capLive, name: 'Baseball Cap'},
    ],
    {
      priceLists: [
        aPriceList('Wholesale', [aRecord({sku: 'MUG-01', price: 9.5, tiers: [{...tiers[0]!, amount: 1.5}]})]),
        aPriceList('VIP', [aRecord({sku: 'MUG-01', price: 21, sale_price: 18})]),
      ],
      variantSkus: [],
      locations: [
        {model: {key: 'east', code: null, label: 'East Warehouse', type: null, address: {}}, id: 1},
        {
          model: {
            key: 'west',
            code: 'WH-WEST',
            label: 'West Warehouse',
            type: 'VIRTUAL',
            address: {city: 'Reno'},
          },
          id: null,
        },
      ],
      stock: [
        {model: {location: 'east', sku: 'MUG-01', quantity: 30}},
        {model: {location: 'west', sku: 'TEE-CLASSIC', quantity: 5}},
      ],
    },
  )
  const live = aLiveState(
    [
      mugLive,
      {model: capLive, managed: false},
      aProduct({sku: 'OLD-1', name: 'Old tee'}),
      {model: aProduct({sku: 'THEIRS'}), managed: false},
    ],
    {brands: ['Acme'], categories: ['Apparel', 'Apparel/Tops', 'Kitchen', 'Kitchen/Mugs']},
  )
  live.products[0] = {...mugLive, inventory_tracking: 'none'}
  live.locations = [
    {id: 1, code: 'BC-LOCATION-1', label: 'Default location', type: 'PHYSICAL', enabled: true, address: {}},
  ]
  live.ids.locations = {east: 1}
  live.stock = [{location: 'east', sku: 'MUG-01', quantity: 12}]
  const liveWithPricing = withLivePricing(
    live,
    {
      priceLists: [{name: 'Wholesale', active: true}],
      assignments: [{price_list: 'Wholesale', customer_group: 'Wholesale'}],
      records: [aRecord({sku: 'MUG-01', price: 10, sale_price: 8, tiers}), aRecord({sku: 'OLD-1', price: 5})],
    },
    ['Wholesale'],
  )
  return diff(
    desired,
    liveWithPricing,
    diffOptions({prune: {products: 'delete'}, catalogHash: 'sha256:catalog'}),
  )
}
