export {AmbiguousWriteError, ApiError, isApiError, type ApiErrorReason} from './api-error.js'
export type {BatchResult} from './batch-result.js'
export {
  BigCommerceClient,
  DEFAULT_API_URL,
  DEFAULT_TIMEOUT_MS,
  type ApiResponse,
  type ClientOptions,
  type HttpMethod,
  type RequestOptions,
} from './client.js'
export type {ClientStats, RouteStats} from './client-stats.js'
export {
  clientFromEnvironment,
  credentialsFromEnvironment,
  DEFAULT_ENV_NAMES,
  type CredentialEnvNames,
  type StoreCredentials,
} from './environment.js'
export {describeItemError, parseErrorBody, type ItemError, type ParsedErrorBody} from './error-body.js'
export type {ListOptions} from './pagination.js'
export type {PathParams, Query} from './path-template.js'
export {readRateLimitHeaders, type RateLimitObservation} from './rate-limit-headers.js'
export {
  RateLimiter,
  sharedRateLimiter,
  type RateLimiterOptions,
  type RateLimiterSnapshot,
} from './rate-limiter.js'
export {redactor, Redactor} from './redaction.js'
export type {RetryOptions} from './retry-policy.js'
