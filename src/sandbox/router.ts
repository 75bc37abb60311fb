import type {RouteDefinition} from './http-types.js'

interface CompiledRoute {
  route: RouteDefinition
  segments: string[]
}

export interface RouteMatch {
  route: RouteDefinition
  params: Record<string, string>
}

const isParam = (segment: string): boolean => segment.startsWith('{')

/**
 * A small router over route templates. Literal segments win over parameters at the same position
 * (so `/v3/catalog/products/metafields` is not read as product id "metafields"), and `{…_id}`
 * parameters only match digits. Routes are grouped by segment count so a lookup scans few candidates.
 */
export class Router {
  private readonly bySize = new Map<number, CompiledRoute[]>()

  add(routes: RouteDefinition[]): void {
    for (const route of routes) {
      const segments = route.template.split('/').filter(Boolean)
      const list = this.bySize.get(segments.length) ?? []
      list.push({route, segments})
      list.sort(compareSpecificity)
      this.bySize.set(segments.length, list)
    }
  }

  /** Finds the route for a path; `allowed` lists the methods that exist for a path with no match. */
  match(method: string, path: string): {match?: RouteMatch; allowed: string[]} {
    const parts = path.split('/').filter(Boolean)
    const candidates = this.bySize.get(parts.length) ?? []
    const allowed: string[] = []
    let matchedShape: string[] | undefined
    for (const candidate of candidates) {
      const params = matchSegments(candidate.segments, parts)
      if (!params) continue
      if (matchedShape && candidate.segments.join('/') !== matchedShape.join('/')) continue
      matchedShape = candidate.segments
      if (candidate.route.method === method) return {match: {route: candidate.route, params}, allowed}
      allowed.push(candidate.route.method)
    }
    return {allowed}
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] as string
    const part = parts[index] as string
    if (isParam(segment)) {
      const name = segment.slice(1, -1)
      if (name.endsWith('_id') && !/^\d+$/.test(part)) return undefined
      params[name] = decodeURIComponent(part)
    } else if (segment !== part) return undefined
  }
  return params
}

function compareSpecificity(a: CompiledRoute, b: CompiledRoute): number {
  for (let index = 0; index < a.segments.length; index++) {
    const left = isParam(a.segments[index] as string)
    const right = isParam(b.segments[index] as string)
    if (left !== right) return left ? 1 : -1
  }
  return 0
}
