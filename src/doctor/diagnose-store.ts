import {BigCommerceClient, credentialsFromEnvironment, DEFAULT_ENV_NAMES} from '../bigcommerce/index.js'
import {isUserError} from '../errors/user-error.js'
import {readDoctorCatalog} from './doctor-input.js'
import type {DoctorReport} from './doctor-types.js'
import {runDoctor} from './run-doctor.js'

export interface DiagnoseOptions {
  dir: string
  env?: Record<string, string | undefined>
  /** Use these instead of the environment (the embedded sandbox of `--sandbox`). */
  credentials?: {baseUrl: string; storeHash: string; accessToken: string}
  readOnlyOk?: boolean
  timeoutMs?: number
  concurrency?: number
  verbose?: boolean
}

/**
 * The `doctor` use case end to end: read what the catalog references and which variables hold the
 * credentials, build the client (or note why not), run the checks.
 */
export async function diagnoseStore(options: DiagnoseOptions): Promise<DoctorReport> {
  const facts = await readDoctorCatalog(options.dir)
  const names = {...DEFAULT_ENV_NAMES, ...facts.envNames}
  let connection: Parameters<typeof runDoctor>[0]['connection']
  try {
    const credentials = options.credentials ?? credentialsFromEnvironment(names, options.env ?? process.env)
    const client = new BigCommerceClient({
      baseUrl: credentials.baseUrl,
      storeHash: credentials.storeHash,
      accessToken: credentials.accessToken,
      // Doctor must answer quickly: one retry at most, short backoff.
      retry: {maxAttempts: 2, maxElapsedMs: 30_000},
      ...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
      ...(options.concurrency === undefined ? {} : {concurrency: options.concurrency}),
      ...(options.verbose === undefined ? {} : {verbose: options.verbose}),
    })
    connection = {
      client,
      apiUrl: credentials.baseUrl,
      envNames: {storeHash: names.storeHashEnv, accessToken: names.accessTokenEnv, apiUrl: names.apiUrlEnv},
    }
  } catch (error) {
    if (!isUserError(error)) throw error
    connection = {error}
  }
  const report = await runDoctor({
    connection,
    input: facts.input,
    ...(facts.note === undefined ? {} : {inputMissingReason: facts.note}),
    ...(options.readOnlyOk === undefined ? {} : {readOnlyOk: options.readOnlyOk}),
  })
  if (facts.errorCount > 0) {
    report.checks.push({
      id: 'catalog',
      title: 'catalog',
      status: 'warn',
      detail: `${options.dir} has ${facts.errorCount} validation error${facts.errorCount > 1 ? 's' : ''}; the references above come from what could be read`,
      fix: `Run \`catalogctl validate --dir ${options.dir}\`.`,
    })
  }
  return report
}
