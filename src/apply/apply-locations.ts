import type {LocationModel} from '../model/product.js'
import type {CreateChange, UpdateChange} from '../plan/plan.js'
import type {ApplyContext} from './context.js'

import {fieldOfPath} from '../model/kinds.js'

interface LocationJson {
  id: number
  code: string
  address?: Record<string, unknown> | null
}

/**
 * Locations (locations.v3.yml): creates in one array `POST /v3/inventory/locations`, updates in one array
 * `PUT`. Both answer a `transaction_id`, not the records, so the new ids are read back by code. Never
 * deleted: a location holds stock the catalog may not list.
 */
export async function applyLocationChanges(
  ctx: ApplyContext,
  creates: CreateChange<'location'>[],
  updates: UpdateChange<'location'>[],
): Promise<void> {
  if (creates.length > 0) await createLocations(ctx, creates)
  if (updates.length > 0) await updateLocations(ctx, updates)
}

export function locationCreateBody(model: LocationModel): Record<string, unknown> {
  const body: Record<string, unknown> = {label: model.label, enabled: true}
  if (model.code !== null) body.code = model.code
  if (model.type !== null) body.type_id = model.type
  if (Object.keys(model.address).length > 0) body.address = addressBody(model.address)
  return body
}

/** The model's address lines → the API's address: `geo_coordinates` back to `{latitude, longitude}`. */
export function addressBody(lines: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {...lines}
  const geo = lines['geo_coordinates']
  if (typeof geo === 'string') {
    const [latitude, longitude] = geo.split(',').map(Number)
    body['geo_coordinates'] = {latitude, longitude}
  }
  return body
}

async function createLocations(ctx: ApplyContext, creates: CreateChange<'location'>[]): Promise<void> {
  const [first] = creates
  if (!first) return
  await ctx.schedule(first, async () => {
    try {
      await ctx.api.request('POST', '/v3/inventory/locations', {
        body: creates.map((change) => locationCreateBody(change.after)),
      })
    } catch (error) {
      for (const change of creates) ctx.fail(change, error)
      return
    }
    const codes = creates.map((change) => change.after.code ?? '')
    const found = await ctx.api.listAll<LocationJson>('/v3/inventory/locations', {
      query: {'location_code:in': codes.join(',')},
    })
    const idByCode = new Map(found.map((location) => [location.code.toLowerCase(), location.id]))
    for (const change of creates) {
      const id = idByCode.get((change.after.code ?? '').toLowerCase())
      if (id === undefined) {
        ctx.record(change, 'failed', {
          message: `location ${change.after.code ?? change.key} was accepted but is not listed yet; run plan again`,
        })
        continue
      }
      ctx.ids.locations[change.key] = id
      ctx.record(change, 'applied')
    }
  })
}

async function updateLocations(ctx: ApplyContext, updates: UpdateChange<'location'>[]): Promise<void> {
  const [first] = updates
  if (!first) return
  await ctx.schedule(first, async () => {
    // A PUT replaces the address object whole: merge the catalog's lines into the store's full address
    // (geo coordinates, email…) read just before.
    const addressIds = updates
      .filter((change) => change.fields.some((field) => fieldOfPath(field.path) === 'address'))
      .map((change) => change.id)
    const current =
      addressIds.length === 0
        ? []
        : await ctx.api.listAll<LocationJson>('/v3/inventory/locations', {
            query: {'location_id:in': addressIds.join(',')},
          })
    const addressById = new Map(current.map((location) => [location.id, location.address ?? {}]))
    const body = updates.map((change) => locationUpdateBody(change, addressById.get(change.id)))
    try {
      await ctx.api.request('PUT', '/v3/inventory/locations', {body})
    } catch (error) {
      for (const change of updates) ctx.fail(change, error)
      return
    }
    for (const change of updates) ctx.record(change, 'applied')
  })
}

export function locationUpdateBody(
  change: UpdateChange<'location'>,
  address: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const changed = new Set(change.fields.map((field) => fieldOfPath(field.path)))
  const body: Record<string, unknown> = {id: change.id}
  if (changed.has('code')) body.code = change.after.code
  if (changed.has('label')) body.label = change.after.label
  if (changed.has('type')) body.type_id = change.after.type
  if (changed.has('address')) body.address = {...address, ...addressBody(change.after.address)}
  return body
}
