import pLimit, {type LimitFunction} from 'p-limit'

/**
 * Per-endpoint concurrency caps that BigCommerce enforces with a 429 when exceeded
 * (../shared/docs/bigcommerce-api.md §8–10, ecosystem.md §B2.1). Keyed by `METHOD path-template`.
 * Price-list upserts: the spec intro allows 2 but the guide says one bulk upsert at a time — we take 1.
 */
const CAPS: Record<string, number> = {
  'PUT /v3/pricelists/{price_list_id}/records': 1,
  'PUT /v3/pricelists/records': 1,
  'POST /v3/pricelists/{price_list_id}/records': 10,
  'POST /v3/pricelists/records': 10,
  'DELETE /v3/pricelists/{price_list_id}': 1,
  'PUT /v3/pricelists/{price_list_id}/assignments': 25,
  'GET /v3/catalog/trees': 1,
  'GET /v3/catalog/trees/categories': 1,
}

/**
 * Inventory adjustments are serialised per location: D-INV asks to send the next bulk request only after
 * the previous one returned, grouped by location, and warns that concurrent absolute adjustments to the
 * same item and location land in an unpredictable order.
 */
const PER_LOCATION = new Set([
  'PUT /v3/inventory/adjustments/absolute',
  'POST /v3/inventory/adjustments/relative',
])

function locationIds(body: unknown): number[] {
  if (typeof body !== 'object' || body === null) return []
  const items = (body as {items?: unknown}).items
  if (!Array.isArray(items)) return []
  const ids = new Set<number>()
  for (const item of items) {
    const id = (item as {location_id?: unknown} | null)?.location_id
    if (typeof id === 'number') ids.add(id)
  }
  return [...ids].sort((a, b) => a - b)
}

export class EndpointCaps {
  private readonly limits = new Map<string, LimitFunction>()

  private limitFor(key: string, size: number): LimitFunction {
    let limit = this.limits.get(key)
    if (!limit) {
      limit = pLimit(size)
      this.limits.set(key, limit)
    }
    return limit
  }

  /** The gates (in a fixed order, so two requests never wait on each other crosswise) a request must pass. */
  gatesFor(method: string, pathTemplate: string, body: unknown): LimitFunction[] {
    const route = `${method} ${pathTemplate}`
    const gates: LimitFunction[] = []
    const cap = CAPS[route]
    if (cap !== undefined) gates.push(this.limitFor(route, cap))
    if (PER_LOCATION.has(route)) {
      // Locations are locked in ascending id order; absolute and relative share one lock per location.
      for (const id of locationIds(body)) gates.push(this.limitFor(`inventory-location:${id}`, 1))
    }
    return gates
  }

  /** Runs `task` once every gate for this route has a free slot. */
  run<T>(method: string, pathTemplate: string, body: unknown, task: () => Promise<T>): Promise<T> {
    const gates = this.gatesFor(method, pathTemplate, body)
    const wrapped = gates.reduceRight<() => Promise<T>>((inner, gate) => () => gate(inner), task)
    return wrapped()
  }
}
