import {ExitCode} from './exit-codes.js'

export interface UserErrorOptions {
  /** A stable, machine-readable code, e.g. `catalog.invalid` or `auth.missing-token`. */
  code: string
  /** How the user can fix it. Printed under the message. */
  hint?: string
  /** Where the problem is: `file:line:col`, a SKU, a CSV row. */
  where?: string
  exitCode?: ExitCode
  cause?: unknown
}

/**
 * A problem the user can fix: bad input, missing credentials, a refused apply.
 * Printed as `Error: message` plus a hint, never with a stack trace.
 * Anything that is not a UserError is a bug and is reported as such.
 */
export class UserError extends Error {
  readonly code: string
  readonly hint: string | undefined
  readonly where: string | undefined
  readonly exitCode: ExitCode

  constructor(message: string, options: UserErrorOptions) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'UserError'
    this.code = options.code
    this.hint = options.hint
    this.where = options.where
    this.exitCode = options.exitCode ?? ExitCode.error
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}

/** For exhaustive switches over tagged unions: adding a variant is a compile error until handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`)
}
