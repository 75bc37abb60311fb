/**
 * Exit codes are a public contract (README "Exit codes"; ../shared/docs/architecture.md).
 * Changing one is a breaking change.
 */
export const ExitCode = {
  /** Success; for `plan`, no changes. */
  ok: 0,
  /** A bug, a network failure or an unexpected API answer. */
  error: 1,
  /** `plan --detailed-exitcode`: changes are present. */
  changes: 2,
  /** `apply` finished but some records failed. */
  partial: 3,
  /** The catalog is invalid; nothing was sent to the store. */
  invalidCatalog: 4,
  /** Credentials or permissions (401/403, a missing scope). */
  auth: 5,
  /** Refused for safety: stale plan, guardrail tripped, deletes not allowed. */
  refused: 6,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
