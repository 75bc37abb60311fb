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
    return {desired: location, live: undefined}
  })
}
