import {afterEach, describe, expect, it} from 'vitest'

import type {StoreApi} from '../../src/live/store-api.js'

import {awaitStockVisible, stockSettleMs} from '../../src/apply/await-stock.js'
import {aProduct, startFixture, type SandboxFixture} from '../sandbox/helpers/sandbox-fixture.js'

let fixture: SandboxFixture | undefined
afterEach(async () => {
  await fixture?.stop()
  fixture = undefined
})

/** The StoreApi surface await-stock uses, over the sandbox fixture (one page is enough here). */
function apiOver(sandbox: SandboxFixture): StoreApi & {reads: () => number} {
  let reads = 0
  return {
    storeHash: 'sandbox',
    request: () => Promise.reject(new Error('not used')),
    async listAll<T>(path: string, options: {query?: Record<string, unknown>; limit?: number} = {}) {
      reads++
      const query = new URLSearchParams()
      for (const [name, value] of Object.entries(options.query ?? {})) query.set(name, String(value))
      query.set('limit', String(options.limit ?? 250))
      const answer = await sandbox.call<{data: T[]}>('GET', `${path}?${query.toString()}`)
      return answer.body.data
    },
    reads: () => reads,
  }
}

async function stockedProduct(sandbox: SandboxFixture): Promise<number> {
  const product = await sandbox.call<{data: {id: number}}>(
    'POST',
    '/v3/catalog/products',
    aProduct({sku: 'DELAYED-1', inventory_tracking: 'product'}),
  )
  return product.body.data.id
}

async function onHand(sandbox: SandboxFixture, productId: number): Promise<number | undefined> {
  const items = await sandbox.call<{data: Array<{locations: Array<{total_inventory_onhand: number}>}>}>(
    'GET',
    `/v3/inventory/items?product_id:in=${productId}&location_id:in=1`,
  )
  return items.body.data[0]?.locations[0]?.total_inventory_onhand
}

describe('asynchronous stock writes', () => {
  it('the sandbox shows an adjustment only after stockDelayMs (D-INV: writes are asynchronous)', async () => {
    fixture = await startFixture({stockDelayMs: 300})
    const id = await stockedProduct(fixture)
    const put = await fixture.call('PUT', '/v3/inventory/adjustments/absolute', {
      items: [{location_id: 1, product_id: id, quantity: 7}],
    })
    expect(put.status).toBe(200)
    expect(await onHand(fixture, id)).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 350))
    expect(await onHand(fixture, id)).toBe(7)
  })

  it('apply re-reads with a bounded wait until the level shows, and reports what never showed', async () => {
    fixture = await startFixture({stockDelayMs: 500})
    const id = await stockedProduct(fixture)
    await fixture.call('PUT', '/v3/inventory/adjustments/absolute', {
      items: [{location_id: 1, product_id: id, quantity: 9}],
    })
    const api = apiOver(fixture)
    const written = [{product_id: id, location_id: 1, quantity: 9}]
    expect(await awaitStockVisible(api, written, 5000)).toEqual([])
    expect(api.reads()).toBeGreaterThan(1)
    expect(api.reads()).toBeLessThan(8)

    // A level the store never reaches is returned once the wait is over, not waited on for ever.
    const started = Date.now()
    const never = [{product_id: id, location_id: 1, quantity: 10}]
    expect(await awaitStockVisible(api, never, 400)).toEqual(never)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('waits for variant levels too, matched by variant_id through their product', async () => {
    fixture = await startFixture({stockDelayMs: 300})
    const created = await fixture.call<{data: {id: number; variants: Array<{id: number; sku: string}>}}>(
      'POST',
      '/v3/catalog/products?include=variants',
      aProduct({
        sku: 'DELAYED-TEE',
        inventory_tracking: 'variant',
        variants: [
          {sku: 'DELAYED-TEE-S', option_values: [{option_display_name: 'Size', label: 'S'}]},
          {sku: 'DELAYED-TEE-M', option_values: [{option_display_name: 'Size', label: 'M'}]},
        ],
      }),
    )
    const productId = created.body.data.id
    const [small, medium] = created.body.data.variants.map((variant) => variant.id)
    await fixture.call('PUT', '/v3/inventory/adjustments/absolute', {
      items: [
        {location_id: 1, variant_id: small, quantity: 4},
        {location_id: 1, variant_id: medium, quantity: 6},
      ],
    })
    const api = apiOver(fixture)
    const written = [
      {product_id: productId, variant_id: small as number, location_id: 1, quantity: 4},
      {product_id: productId, variant_id: medium as number, location_id: 1, quantity: 6},
    ]
    expect(await awaitStockVisible(api, written, 5000)).toEqual([])
    // Each variant is compared with its own level, not its sibling's.
    const swapped = [{product_id: productId, variant_id: small as number, location_id: 1, quantity: 6}]
    expect(await awaitStockVisible(api, swapped, 200)).toEqual(swapped)
  })

  it('the wait is 10 s unless CATALOGCTL_STOCK_SETTLE_MS says otherwise', () => {
    expect(stockSettleMs({})).toBe(10_000)
    expect(stockSettleMs({CATALOGCTL_STOCK_SETTLE_MS: '0'})).toBe(0)
    expect(stockSettleMs({CATALOGCTL_STOCK_SETTLE_MS: '2500'})).toBe(2500)
    expect(stockSettleMs({CATALOGCTL_STOCK_SETTLE_MS: 'soon'})).toBe(10_000)
  })
})
