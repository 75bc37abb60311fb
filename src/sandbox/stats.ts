/** What `/__sandbox/stats` reports: requests by method and route template, 429s and faults. */
export class SandboxStats {
  requests = 0
  byRoute: Record<string, number> = {}
  byStatus: Record<string, number> = {}
  rateLimited = 0
  concurrencyLimited = 0

  count(method: string, template: string | undefined, status: number): void {
    this.requests++
    const key = `${method} ${template ?? '(unmatched)'}`
    this.byRoute[key] = (this.byRoute[key] ?? 0) + 1
    this.byStatus[String(status)] = (this.byStatus[String(status)] ?? 0) + 1
  }

  reset(): void {
    this.requests = 0
    this.byRoute = {}
    this.byStatus = {}
    this.rateLimited = 0
    this.concurrencyLimited = 0
  }
}
