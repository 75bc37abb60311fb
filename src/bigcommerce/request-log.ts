import type {RateLimitObservation} from './rate-limit-headers.js'
import {redactor} from './redaction.js'

/**
 * Request logging for `--verbose` and `DEBUG=catalogctl*`: one line per attempt on stderr with method, path
 * TEMPLATE, status, duration, request id and the rate-limit headers (ecosystem.md §B2.3 item 5). Never a
 * header that could hold a secret, never a body; every line goes through the central redactor anyway.
 */
export type LogSink = (line: string) => void

/** True when `DEBUG` names catalogctl (`catalogctl*`, `catalogctl:http`, `*`), the `debug` package's syntax. */
export function debugEnabled(debugValue: string | undefined): boolean {
  if (!debugValue) return false
  return debugValue
    .split(/[\s,]+/)
    .filter((pattern) => pattern !== '' && !pattern.startsWith('-'))
    .some((pattern) =>
      new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(
        'catalogctl:http',
      ),
    )
}

export const stderrSink: LogSink = (line) => {
  process.stderr.write(`${line}\n`)
}

export interface AttemptLog {
  method: string
  path: string
  attempt: number
  status?: number
  failure?: string
  durationMs: number
  requestId?: string | undefined
  rateLimit?: RateLimitObservation
}

export function formatAttempt(entry: AttemptLog): string {
  const parts = [`catalogctl:http ${entry.method} ${entry.path}`]
  parts.push(entry.status !== undefined ? `${entry.status}` : `failed (${entry.failure ?? 'error'})`)
  parts.push(`${Math.round(entry.durationMs)}ms`)
  if (entry.attempt > 1) parts.push(`attempt ${entry.attempt}`)
  const rl = entry.rateLimit
  if (rl && (rl.left !== undefined || rl.resetMs !== undefined)) {
    const quota = rl.quota !== undefined ? `/${rl.quota}` : ''
    const left = rl.left !== undefined ? `left ${rl.left}${quota}` : ''
    const reset = rl.resetMs !== undefined ? `reset ${rl.resetMs}ms` : ''
    const windowMs = rl.windowMs !== undefined ? `window ${rl.windowMs}ms` : ''
    const retry = rl.retryAfterSeconds !== undefined ? `retry-after ${rl.retryAfterSeconds}s` : ''
    parts.push(`[${[left, reset, windowMs, retry].filter(Boolean).join(', ')}]`)
  }
  if (entry.requestId) parts.push(`request-id ${entry.requestId}`)
  return redactor.redact(parts.join(' '))
}
