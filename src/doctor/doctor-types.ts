/**
 * What `doctor` needs from the catalog, as plain data (the command builds it from catalogctl.yaml, tests
 * write it inline).
 */
export interface DoctorInput {
  /** catalogctl.yaml `locations`: our key, and the BigCommerce id and/or code it maps to. */
  locations: Array<{key: string; id?: number; code?: string}>
  /** Customer group names referenced by price lists. */
  customerGroups: string[]
  /** categories.yaml `tree_id` (default 1). */
  treeId: number
  /** catalogctl.yaml `channel` (default 1). */
  channelId: number
}

/**
 * `pass`; `warn`: worth knowing, not blocking; `fail`: blocking; `skip`: not run because an earlier check
 * failed or there was nothing to check.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip'

/** `auth` failures (credentials, permissions) make doctor exit 5; any other failure exits 1. */
export type FailureKind = 'auth' | 'other'

export interface DoctorCheck {
  /** Stable id for `--json` consumers: `credentials`, `connection`, `scope.products`, `location.<key>`, … */
  id: string
  title: string
  status: CheckStatus
  /** One line: what was found. */
  detail: string
  /** How to fix it; present on every `fail` (and on `warn` when there is something to do). */
  fix?: string
  failureKind?: FailureKind
}

export interface RateLimitFacts {
  quota?: number | undefined
  windowMs?: number | undefined
  left?: number | undefined
  resetInMs?: number | undefined
  hourlyRemaining?: number | undefined
  plan?: string | undefined
}

export interface DoctorReport {
  checks: DoctorCheck[]
  rateLimit: RateLimitFacts
  /** 0 all pass, 5 credential/permission failures, 1 any other failure. */
  exitCode: 0 | 1 | 5
}
