import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import {BigCommerceClient, DEFAULT_API_URL, type ClientOptions} from './client.js'

/** Names of the environment variables that hold the connection (catalogctl.yaml `store:`). */
export interface CredentialEnvNames {
  storeHashEnv?: string
  accessTokenEnv?: string
  apiUrlEnv?: string
}

export const DEFAULT_ENV_NAMES = {
  storeHashEnv: 'BIGCOMMERCE_STORE_HASH',
  accessTokenEnv: 'BIGCOMMERCE_ACCESS_TOKEN',
  apiUrlEnv: 'BIGCOMMERCE_API_URL',
} as const

export interface StoreCredentials {
  baseUrl: string
  storeHash: string
  accessToken: string
  names: Required<CredentialEnvNames>
}

/**
 * Reads the store connection from the environment. Secrets come only from the environment, never from
 * flags or the catalog (ecosystem.md §B4). Missing values are a UserError with exit code 5 naming the
 * variable to set.
 */
export function credentialsFromEnvironment(
  names: CredentialEnvNames = {},
  env: Record<string, string | undefined> = process.env,
): StoreCredentials {
  const resolved = {...DEFAULT_ENV_NAMES, ...stripUndefined(names)}
  const storeHash = env[resolved.storeHashEnv]?.trim() ?? ''
  const accessToken = env[resolved.accessTokenEnv]?.trim() ?? ''
  const missing = [
    ...(storeHash === '' ? [resolved.storeHashEnv] : []),
    ...(accessToken === '' ? [resolved.accessTokenEnv] : []),
  ]
  if (missing.length > 0) {
    const list = missing.join(' and ')
    const what = [
      ...(storeHash === ''
        ? [
            `${resolved.storeHashEnv}: the store hash (the part after /stores/ in the API path shown with the API account)`,
          ]
        : []),
      ...(accessToken === ''
        ? [
            `${resolved.accessTokenEnv}: the access token of a store-level API account (BigCommerce admin: Settings › API › Store-level API accounts)`,
          ]
        : []),
    ]
    throw new UserError(`${list} ${missing.length > 1 ? 'are' : 'is'} not set`, {
      code: 'auth.missing-credentials',
      exitCode: ExitCode.auth,
      hint: `Export ${what.join('; ')}. The variable names come from \`store:\` in catalogctl.yaml.`,
    })
  }
  const rawUrl = env[resolved.apiUrlEnv]?.trim() || DEFAULT_API_URL
  let baseUrl: string
  try {
    const url = new URL(rawUrl)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)')
    baseUrl = rawUrl.replace(/\/+$/, '')
  } catch {
    throw new UserError(`${resolved.apiUrlEnv} is not an http(s) URL`, {
      code: 'auth.bad-api-url',
      exitCode: ExitCode.auth,
      hint: `Unset ${resolved.apiUrlEnv} to use ${DEFAULT_API_URL}, or set it to the sandbox URL.`,
    })
  }
  return {baseUrl, storeHash, accessToken, names: resolved}
}

function stripUndefined(names: CredentialEnvNames): Partial<Required<CredentialEnvNames>> {
  return Object.fromEntries(Object.entries(names).filter(([, value]) => value !== undefined && value !== ''))
}

/** A client for the store the environment names (see `credentialsFromEnvironment`). */
export function clientFromEnvironment(
  names: CredentialEnvNames = {},
  env: Record<string, string | undefined> = process.env,
  options: Partial<Omit<ClientOptions, 'baseUrl' | 'storeHash' | 'accessToken'>> = {},
): BigCommerceClient {
  const credentials = credentialsFromEnvironment(names, env)
  return new BigCommerceClient({
    ...options,
    baseUrl: credentials.baseUrl,
    storeHash: credentials.storeHash,
    accessToken: credentials.accessToken,
  })
}
