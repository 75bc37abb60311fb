/**
 * Reading errors thrown by the store connection without depending on its classes: an API error
 * carries the HTTP status and the parsed body; anything else is a connection-level failure.
 */
export interface Failure {
  status: number | null
  message: string
  body: unknown
}

export function describeFailure(error: unknown): Failure {
  if (error && typeof error === 'object') {
    const candidate = error as {status?: unknown; body?: unknown; message?: unknown}
    const status = typeof candidate.status === 'number' && candidate.status > 0 ? candidate.status : null
    const message = typeof candidate.message === 'string' ? candidate.message : String(error)
    return {status, message, body: candidate.body ?? null}
  }
  return {status: null, message: String(error), body: null}
}

/**
 * A create whose outcome is unknown: the connection dropped, the request timed out, or the server
 * failed (5xx). The record may or may not exist now, so the caller must look it up by its natural key
 * before trying again (ecosystem.md §B1: creates must be idempotent).
 */
export function isAmbiguous(failure: Failure): boolean {
  return failure.status === null || failure.status >= 500
}

export function responseOf(failure: Failure): {status: number; body: unknown} | undefined {
  return failure.status === null ? undefined : {status: failure.status, body: failure.body}
}
