/** The kinds of trouble `--fail-rate` injects: what a client must survive from the real API. */
export type FaultKind = 'http500' | 'http502' | 'http503' | 'drop' | 'slow' | 'burst429'

const KINDS: FaultKind[] = ['http500', 'http502', 'http503', 'drop', 'slow', 'burst429']

/** mulberry32: a tiny seeded PRNG, so a `--seed` replays the same faults for the same request order. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Decides, per API request, whether to inject a fault. Faults are decided before the handler runs, so a
 * failed write is never half-applied. A 429 burst answers the next few requests with 429 and no
 * rate-limit headers (D-RL: platform load, not quota).
 */
export class FaultInjector {
  private readonly random: () => number
  private burstLeft = 0
  readonly counts: Record<string, number> = {}

  constructor(
    private readonly rate: number,
    seed: number,
    readonly slowMs = 1500,
  ) {
    this.random = mulberry32(seed)
  }

  next(): FaultKind | undefined {
    if (this.burstLeft > 0) {
      this.burstLeft--
      return this.count('burst429')
    }
    if (this.rate <= 0 || this.random() >= this.rate) return undefined
    const kind = KINDS[Math.floor(this.random() * KINDS.length)] ?? 'http500'
    if (kind === 'burst429') this.burstLeft = 2
    return this.count(kind)
  }

  private count(kind: FaultKind): FaultKind {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1
    return kind
  }
}
