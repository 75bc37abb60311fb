/** Counters for `stats()`: what a run cost, in total and per route (`METHOD path-template`). */
export interface RouteStats {
  /** Attempts sent, retries included. */
  requests: number
  retries: number
  /** 429 answers (each one retried or surfaced). */
  rateLimited: number
  /** Calls that ended in an error after all retries. */
  failures: number
  /** Time on the wire, summed over attempts. */
  totalMs: number
}

export interface ClientStats extends RouteStats {
  /** Time spent waiting: queued in the rate limiter or endpoint caps, plus backoff sleeps. */
  waitMs: number
  byRoute: Record<string, RouteStats>
}

function emptyRoute(): RouteStats {
  return {requests: 0, retries: 0, rateLimited: 0, failures: 0, totalMs: 0}
}

export class StatsRecorder {
  private readonly totals: ClientStats = {...emptyRoute(), waitMs: 0, byRoute: {}}

  private route(route: string): RouteStats {
    const existing = this.totals.byRoute[route]
    if (existing) return existing
    const created = emptyRoute()
    this.totals.byRoute[route] = created
    return created
  }

  attempt(route: string, durationMs: number, status: number | undefined): void {
    for (const target of [this.totals, this.route(route)]) {
      target.requests += 1
      target.totalMs += durationMs
      if (status === 429) target.rateLimited += 1
    }
  }

  retry(route: string): void {
    this.totals.retries += 1
    this.route(route).retries += 1
  }

  failure(route: string): void {
    this.totals.failures += 1
    this.route(route).failures += 1
  }

  waited(ms: number): void {
    this.totals.waitMs += ms
  }

  snapshot(): ClientStats {
    return structuredClone(this.totals)
  }
}
