import type {DesiredLocation} from './desired.js'
import type {LiveLocation} from './live-state.js'

export interface ResolvedLocation {
  desired: DesiredLocation
  live: LiveLocation | undefined
  problem?: string
}

/** Each catalog location → the store's (by `id`, else by `code`, case-insensitively like the API). */
export function resolveLocations(
  desired: readonly DesiredLocation[],
  live: readonly LiveLocation[],
): ResolvedLocation[] {
  const byId = new Map(live.map((location) => [location.id, location]))
  const byCode = new Map(live.map((location) => [location.code.toLowerCase(), location]))
  return desired.map((location): ResolvedLocation => {
    const {key, code, label} = location.model
    if (location.id !== null) {
      const found = byId.get(location.id)
      if (found) return {desired: location, live: found}
      return {
        desired: location,
        live: undefined,
        problem: `location "${key}" names id ${location.id}, which does not exist in the store`,
      }
    }
    if (code === null) {
      return {desired: location, live: undefined, problem: `location "${key}" has neither an id nor a code`}
    }
    const found = byCode.get(code.toLowerCase())
    if (found) return {desired: location, live: found}
    if (label === null) {
      return {
        desired: location,
        live: undefined,
        problem: `location "${key}" (code ${code}) is not in the store and has no label to create it with`,
      }
    }
    const missing = missingAddressLines(location)
    if (missing.length > 0) {
      return {
        desired: location,
        live: undefined,
        problem: `location "${key}" (code ${code}) is not in the store and is PHYSICAL, which BigCommerce creates only with a full address: add ${missing.join(', ')} under its address (or type: VIRTUAL)`,
      }
    }
    return {desired: location, live: undefined}
  })
}

/** locations.v3.yml `LocationsCreateRequest`: a PHYSICAL location (the default type) needs these lines. */
const PHYSICAL_ADDRESS_LINES = [
  'address1',
  'city',
  'state',
  'zip',
  'email',
  'country_code',
  'geo_coordinates',
]

/** The address lines a location to create still lacks (none for a VIRTUAL one). */
export function missingAddressLines(location: DesiredLocation): string[] {
  if ((location.model.type ?? 'PHYSICAL') !== 'PHYSICAL') return []
  return PHYSICAL_ADDRESS_LINES.filter((line) => !location.model.address[line])
}
