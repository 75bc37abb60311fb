import type {ApiReply} from './http-types.js'

/** The `type` URL BigCommerce puts in its error bodies (see the recorded 422 fixtures). */
export const ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes'

/** Thrown by handlers to answer with a BigCommerce error body; nothing is applied before it is thrown. */
export class ApiFailure extends Error {
  constructor(readonly reply: ApiReply) {
    super(`sandbox API failure ${reply.status}`)
  }
}

/** `{status, title, type, errors}` — the standard V3 error (errorResponse_409/422). */
export function errorReply(status: number, title: string, errors: Record<string, string> = {}): ApiReply {
  return {status, body: {status, title, type: ERROR_TYPE, errors}}
}

export function fail(status: number, title: string, errors: Record<string, string> = {}): never {
  throw new ApiFailure(errorReply(status, title, errors))
}

/** 404 carries `instance` and no `errors` (S-P `NotFound`). */
export function notFound(what = 'The requested resource was not found.'): never {
  throw new ApiFailure({status: 404, body: {status: 404, title: what, type: ERROR_TYPE, instance: ''}})
}

/** 422 with a `detail` string instead of `errors`, as recorded from real stores. */
export function failWithDetail(status: number, title: string, detail: string): never {
  throw new ApiFailure({status, body: {status, title, type: ERROR_TYPE, detail}})
}

export function tooLarge(max: number): never {
  fail(413, `The request payload is too large. The maximum items allowed in the array is ${max}`)
}
