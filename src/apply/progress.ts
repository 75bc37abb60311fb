import type {RecordResult} from './result.js'

export interface ProgressOptions {
  total: number
  /** Where progress goes (stderr: stdout is for data). */
  write: (text: string) => void
  /** A TTY gets one line redrawn in place; anything else gets plain periodic lines for CI logs. */
  interactive: boolean
  /** Plain mode prints at most once per interval (and always the last record). */
  intervalMs?: number
  now?: () => number
}

/**
 * Counts results as they arrive and reports them: a bar redrawn in place on a terminal, plain
 * `applying 120/400 (2 failed)` lines elsewhere. It never prints
 * record contents, only counts, so it is safe in any log.
 */
export class ApplyProgress {
  private done = 0
  private failed = 0
  private lastPrinted = Number.NEGATIVE_INFINITY
  private readonly intervalMs: number
  private readonly now: () => number

  constructor(private readonly options: ProgressOptions) {
    this.intervalMs = options.intervalMs ?? 2000
    this.now = options.now ?? Date.now
  }

  readonly onResult = (result: RecordResult): void => {
    this.done++
    if (result.status === 'failed') this.failed++
    const finished = this.done >= this.options.total
    if (this.options.interactive) {
      this.options.write(`\r${this.bar()} ${this.line()}${finished ? '\n' : ''}`)
      return
    }
    const at = this.now()
    if (finished || at - this.lastPrinted >= this.intervalMs) {
      this.lastPrinted = at
      this.options.write(`${this.line()}\n`)
    }
  }

  /** `[########------------]`: how far the run is, for a terminal. */
  private bar(width = 20): string {
    const filled = this.options.total === 0 ? width : Math.round((this.done / this.options.total) * width)
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`
  }

  private line(): string {
    const failed = this.failed > 0 ? ` (${this.failed} failed)` : ''
    return `applying ${this.done}/${this.options.total}${failed}`
  }
}
