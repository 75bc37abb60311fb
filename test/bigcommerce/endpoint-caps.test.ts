import {setTimeout as sleep} from 'node:timers/promises'

import {describe, expect, it} from 'vitest'

import {EndpointCaps} from '../../src/bigcommerce/endpoint-caps.js'

/** Runs tasks through the caps and reports the most that were ever running at once, per label. */
async function peakConcurrency(
  caps: EndpointCaps,
  calls: Array<{method: string; path: string; body?: unknown; label: string}>,
) {
  const running: Record<string, number> = {}
  const peak: Record<string, number> = {}
  await Promise.all(
    calls.map((call) =>
      caps.run(call.method, call.path, call.body, async () => {
        running[call.label] = (running[call.label] ?? 0) + 1
        peak[call.label] = Math.max(peak[call.label] ?? 0, running[call.label] ?? 0)
        await sleep(5)
        running[call.label] = (running[call.label] ?? 1) - 1
      }),
    ),
  )
  return peak
}

const adjust = (locationId: number, label: string) => ({
  method: 'PUT',
  path: '/v3/inventory/adjustments/absolute',
  body: {items: [{location_id: locationId, sku: 'A', quantity: 1}]},
  label,
})

describe('EndpointCaps', () => {
  it('price-list record upserts: one at a time; uncapped routes run together', async () => {
    const caps = new EndpointCaps()
    const upserts = Array.from({length: 4}, () => ({
      method: 'PUT',
      path: '/v3/pricelists/{price_list_id}/records',
      label: 'upsert',
    }))
    const reads = Array.from({length: 4}, () => ({
      method: 'GET',
      path: '/v3/catalog/products',
      label: 'read',
    }))
    const peak = await peakConcurrency(caps, [...upserts, ...reads])
    expect(peak).toEqual({upsert: 1, read: 4})
  })

  it('inventory adjustments: serialised per location, different locations in parallel', async () => {
    const caps = new EndpointCaps()
    const peak = await peakConcurrency(caps, [
      adjust(1, 'one'),
      adjust(1, 'one'),
      adjust(1, 'one'),
      adjust(2, 'two'),
      adjust(3, 'three'),
    ])
    expect(peak).toEqual({one: 1, two: 1, three: 1})
    const overlap = await peakConcurrency(new EndpointCaps(), [adjust(2, 'any'), adjust(3, 'any')])
    expect(overlap.any).toBe(2)
  })

  it('an adjustment spanning two locations waits for both, without deadlock', async () => {
    const caps = new EndpointCaps()
    const both = {
      method: 'POST',
      path: '/v3/inventory/adjustments/relative',
      body: {items: [{location_id: 2}, {location_id: 1}]},
      label: 'x',
    }
    const reversed = {...both, body: {items: [{location_id: 1}, {location_id: 2}]}}
    await expect(
      peakConcurrency(caps, [both, reversed, adjust(1, 'y'), adjust(2, 'z')]),
    ).resolves.toBeDefined()
  })
})
