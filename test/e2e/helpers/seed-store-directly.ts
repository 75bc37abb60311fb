import {expect} from 'vitest'

import type {E2eStore} from './e2e-store.js'

/**
 * A store built the way a merchant's store is: straight through the API, by other apps and the admin, with
 * records catalogctl never had. Used by the adoption scenario (issue 9).
 */
export const ODD_SKUS = [
  'ACME/BOLT 10mm',
  'ACME-BOLT-10MM',
  'Crème-Brûlée-250g',
  'ÄRM/γ-ω',
  'nul',
  'x'.repeat(120),
]

export interface SeededStore {
  productSkus: string[]
  variantSkus: string[]
}

async function ok<T>(store: E2eStore, method: string, path: string, body?: unknown): Promise<T> {
  const response = await store.api<T>(method, path, body)
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300)
  return response.body
}

export async function seedStoreDirectly(
  store: E2eStore,
  options: {variants?: number} = {},
): Promise<SeededStore> {
  const sizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL']
  const colors = Array.from(
    {length: Math.ceil((options.variants ?? 60) / sizes.length)},
    (_, i) => `Color ${i + 1}`,
  )
  const combos = colors
    .flatMap((color) => sizes.map((size) => ({color, size})))
    .slice(0, options.variants ?? 60)
  const variantSkus = combos.map(({color, size}) => `TEE-MANY-${size}-${color.replace(' ', '')}`)
  const productSkus: string[] = []

  const created = await ok<{data: {id: number}}>(store, 'POST', '/v3/catalog/products', {
    name: 'Many-variant tee',
    type: 'physical',
    sku: 'TEE-MANY',
    price: 25,
    weight: 0.3,
    brand_name: 'Directly Made',
    inventory_tracking: 'variant',
    categories: [],
    custom_fields: [
      {name: 'Material', value: 'Cotton'},
      {name: 'Fit / cut', value: 'Regular'},
    ],
    variants: combos.map(({color, size}, index) => ({
      sku: variantSkus[index],
      ...(index % 7 === 0 ? {price: 27.5} : {}),
      option_values: [
        {option_display_name: 'Color', label: color},
        {option_display_name: 'Size', label: size},
      ],
    })),
  })
  productSkus.push('TEE-MANY')
  const teeId = created.data.id

  const productIds: number[] = []
  for (const [index, sku] of ODD_SKUS.entries()) {
    const product = await ok<{data: {id: number}}>(store, 'POST', '/v3/catalog/products', {
      name: `Odd product ${index + 1}`,
      type: index === 3 ? 'digital' : 'physical',
      sku,
      price: 10 + index,
      sale_price: index === 1 ? 8.5 : 0,
      weight: index === 3 ? 0 : 1.25,
      description: `<p>Odd SKU number ${index + 1}</p>`,
      is_visible: index !== 2,
      inventory_tracking: 'product',
      upc: index === 0 ? '012345678905' : '',
      custom_fields: [{name: 'Origin', value: index % 2 === 0 ? 'Germany' : 'France'}],
      images: [
        {image_url: `https://cdn.example.com/odd/${index}.jpg`, is_thumbnail: true, description: 'front'},
      ],
    })
    productIds.push(product.data.id)
    productSkus.push(sku)
  }
  const [firstId] = productIds
  await ok(store, 'POST', `/v3/catalog/products/${firstId}/metafields`, {
    namespace: 'erp',
    key: 'supplier_code',
    value: 'SUP-991',
    permission_set: 'read',
  })

  // Three locations, besides the store's default one.
  await ok(store, 'POST', '/v3/inventory/locations', [
    {
      code: 'DC-NORTH',
      label: 'North DC',
      type_id: 'PHYSICAL',
      enabled: true,
      address: dcAddress('Fargo', 'ND'),
    },
    {
      code: 'DC-SOUTH',
      label: 'South DC',
      type_id: 'PHYSICAL',
      enabled: true,
      address: dcAddress('Austin', 'TX'),
    },
    {code: 'POP-UP', label: 'Pop-up store', type_id: 'VIRTUAL', enabled: true},
  ])
  const locations = await ok<{data: {id: number; code: string}[]}>(store, 'GET', '/v3/inventory/locations')
  const stockItems = locations.data.flatMap((location, l) =>
    productIds.map((product_id, p) => ({location_id: location.id, product_id, quantity: 5 * l + p})),
  )
  const variants = await ok<{data: {id: number; sku: string}[]}>(
    store,
    'GET',
    `/v3/catalog/products/${teeId}/variants?limit=250`,
  )
  const variantItems = variants.data
    .slice(0, 12)
    .map((variant, v) => ({location_id: locations.data[1]?.id ?? 1, variant_id: variant.id, quantity: v}))
  await ok(store, 'PUT', '/v3/inventory/adjustments/absolute', {
    reason: 'seed',
    items: [...stockItems, ...variantItems],
  })

  // Two price lists, each assigned to a customer group.
  const groupIds: number[] = []
  for (const name of ['Trade', 'Staff']) {
    const group = await ok<{id: number}>(store, 'POST', '/v2/customer_groups', {name})
    groupIds.push(group.id)
  }
  for (const [index, name] of ['Trade prices', 'Staff prices'].entries()) {
    const list = await ok<{data: {id: number}}>(store, 'POST', '/v3/pricelists', {name, active: true})
    await ok(store, 'POST', '/v3/pricelists/assignments', [
      {price_list_id: list.data.id, customer_group_id: groupIds[index], channel_id: 1},
    ])
    await ok(store, 'PUT', `/v3/pricelists/${list.data.id}/records`, [
      ...ODD_SKUS.slice(0, 3).map((sku, i) => ({
        sku,
        currency: 'USD',
        price: 9 + i - index,
        ...(i === 0 ? {sale_price: 7} : {}),
        ...(i === 1 ? {bulk_pricing_tiers: [{quantity_min: 10, type: 'percent', amount: 5}]} : {}),
      })),
      {sku: variantSkus[0], currency: 'USD', price: 20},
    ])
  }
  return {productSkus, variantSkus}
}

/** locations.v3.yml: a PHYSICAL location is created only with a full address. */
function dcAddress(city: string, state: string) {
  return {
    address1: '1 Depot Road',
    city,
    state,
    zip: '58102',
    email: 'dc@example.com',
    country_code: 'US',
    geo_coordinates: {latitude: 46.88, longitude: -96.79},
  }
}
