import {ApiError} from '../bigcommerce/api-error.js'
import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'

/**
 * A 401 or 403 while reading the store is a credentials problem the user fixes (exit 5, the documented
 * code for credentials and permissions), not a bug in catalogctl. Other errors pass through unchanged.
 * The message is the client's, which never carries the token (central redaction).
 */
export function explainStoreError(error: unknown): unknown {
  if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) return error
  const unauthorized = error.status === 401
  return new UserError(error.message, {
    code: unauthorized ? 'auth.unauthorized' : 'auth.forbidden',
    exitCode: ExitCode.auth,
    hint: unauthorized
      ? 'The store did not accept the access token: check BIGCOMMERCE_ACCESS_TOKEN and BIGCOMMERCE_STORE_HASH (or the names in catalogctl.yaml `store:`), then run `catalogctl doctor`.'
      : 'The API account lacks a scope this needs: `catalogctl doctor` lists the scopes it found.',
    cause: error,
  })
}
