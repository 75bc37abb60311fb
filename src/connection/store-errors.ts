import {ApiError} from '../bigcommerce/api-error.js'
import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'

/**
 * A request the store failed is the store's problem or the user's to fix, never "a bug in catalogctl":
 * - 401 or 403: credentials or scopes (exit 5, the documented code for them);
 * - anything else (an error status after the retries, a timeout, no connection, an answer that is not
 *   BigCommerce's JSON): exit 1 with what failed and what to try.
 * The message is the client's, which never carries the token (central redaction). Other errors pass
 * through unchanged.
 */
export function explainStoreError(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error
  if (error.status === 401 || error.status === 403) {
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
  return new UserError(error.message, {
    code: `store.${error.reason}`,
    exitCode: ExitCode.error,
    hint: HINTS[error.reason],
    cause: error,
  })
}

const AGAIN =
  'Running again is safe: catalogctl plans from what the store holds, so nothing is written twice.'

const HINTS: Record<ApiError['reason'], string> = {
  status: `BigCommerce kept failing this request. ${AGAIN}`,
  timeout: `The store did not answer in time: run again, or raise --timeout. ${AGAIN}`,
  network: `The store could not be reached: check BIGCOMMERCE_API_URL and the network. ${AGAIN}`,
  'invalid-body':
    "The answer was not BigCommerce's JSON: check that BIGCOMMERCE_API_URL is the API's address (https://api.bigcommerce.com) and any proxy in between.",
}
