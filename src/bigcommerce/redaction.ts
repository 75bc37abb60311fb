/**
 * The one place that knows every secret value the process holds (access tokens today; SMTP passwords or
 * webhook URLs can be added by their owners). Every log line and every error message the client produces
 * goes through `redact` before it can reach stderr, a file or a `--json` document
 * (../shared/docs/ecosystem.md §B4: one central redactor holding the literal values).
 */
export class Redactor {
  private readonly secrets = new Set<string>()

  /** Registers a secret. Values shorter than 4 characters are ignored: masking them would shred text. */
  addSecret(value: string | undefined): void {
    const trimmed = value?.trim()
    if (trimmed && trimmed.length >= 4) this.secrets.add(trimmed)
  }

  redact(text: string): string {
    let result = text
    // Longest first, so a secret that contains another is masked whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      result = result.split(secret).join('***')
    }
    return result
  }

  /**
   * A copy of a JSON value with secrets masked in every string (keys included): response bodies are kept on
   * errors and results, which end up in `--json` output and run history.
   */
  redactValue<T>(value: T, depth = 0): T {
    if (typeof value === 'string') return this.redact(value) as T
    if (depth > 64 || typeof value !== 'object' || value === null || this.secrets.size === 0) return value
    if (Array.isArray(value)) return value.map((item: unknown) => this.redactValue(item, depth + 1)) as T
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [this.redact(key), this.redactValue(item, depth + 1)]),
    ) as T
  }

  /** Masks secrets in an error's message and stack, and down its `cause` chain (undici errors nest). */
  redactError<E>(error: E): E {
    const seen = new Set<unknown>()
    let current: unknown = error
    while (current instanceof Error && !seen.has(current)) {
      seen.add(current)
      // Some errors (DOMException from AbortSignal.timeout) have a read-only message: leave those be, they
      // are built by the platform and never contain request headers.
      try {
        current.message = this.redact(current.message)
        if (current.stack) current.stack = this.redact(current.stack)
      } catch {
        // read-only property
      }
      current = current.cause
    }
    return error
  }
}

/** Header names that never appear in a log line, whatever their value (ecosystem.md §B4 allow-list rule). */
export const SECRET_HEADER = /auth|token|secret|cookie|signature/i

/** The process-wide redactor: the client registers its token here on construction. */
export const redactor = new Redactor()
