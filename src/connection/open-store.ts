import path from 'node:path'

import {BigCommerceClient} from '../bigcommerce/client.js'
import {credentialsFromEnvironment, type CredentialEnvNames} from '../bigcommerce/environment.js'
import {startEmbeddedSandbox} from './embedded-sandbox.js'

export interface OpenStoreOptions {
  catalogDir: string
  /** Run against the embedded sandbox persisted in `.catalogctl/sandbox.json` (no credentials needed). */
  sandbox: boolean
  envNames: CredentialEnvNames
  env?: NodeJS.ProcessEnv
  concurrency?: number
  timeoutMs?: number
  /** Retries after the first try; the client's default (5) when absent. */
  retries?: number
  verbose?: boolean
}

export interface StoreConnection {
  client: BigCommerceClient
  storeHash: string
  /** `sandbox (.catalogctl/sandbox.json)` or the API host: for headers and reports, never a secret. */
  description: string
  close(): Promise<void>
}

/** Connects to the store named by the environment, or starts the embedded sandbox. */
export async function openStore(options: OpenStoreOptions): Promise<StoreConnection> {
  const clientOptions = {
    ...(options.concurrency === undefined ? {} : {concurrency: options.concurrency}),
    ...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
    ...(options.retries === undefined ? {} : {retry: {maxAttempts: options.retries + 1}}),
    ...(options.verbose === undefined ? {} : {verbose: options.verbose}),
  }
  if (options.sandbox) {
    const sandbox = await startEmbeddedSandbox(options.catalogDir)
    const client = new BigCommerceClient({
      baseUrl: sandbox.url,
      storeHash: sandbox.storeHash,
      accessToken: sandbox.token,
      ...clientOptions,
    })
    return {
      client,
      storeHash: sandbox.storeHash,
      description: `embedded sandbox (${path.relative(process.cwd(), sandbox.dataFile) || sandbox.dataFile})`,
      close: () => sandbox.stop(),
    }
  }
  const credentials = credentialsFromEnvironment(options.envNames, options.env ?? process.env)
  const client = new BigCommerceClient({
    baseUrl: credentials.baseUrl,
    storeHash: credentials.storeHash,
    accessToken: credentials.accessToken,
    ...clientOptions,
  })
  const storeHash = credentials.storeHash
  const baseUrl = credentials.baseUrl
  return {client, storeHash, description: new URL(baseUrl).host, close: async () => {}}
}
