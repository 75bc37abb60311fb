import {assertValid, loadCatalog} from '../catalog/index.js'
import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import {applyRunner} from './apply-runner.js'
import {startServe, type RunningServe} from './start-serve.js'

export const TOKEN_ENV = 'CATALOGCTL_WEBHOOK_TOKEN'
export const NEXT_TOKEN_ENV = 'CATALOGCTL_WEBHOOK_TOKEN_NEXT'
const MIN_TOKEN_LENGTH = 16

export interface ServeRequest {
  dir: string
  host: string
  port: number
  sandbox: boolean
  allowDeletes: boolean
  schedules: boolean
  log: (line: string) => void
  env?: Record<string, string | undefined>
}

/** Reads the token(s) and the schedules, and starts the server with the real apply runner. */
export async function serveCatalog(request: ServeRequest): Promise<RunningServe & {jobs: number}> {
  const env = request.env ?? process.env
  const tokens = [env[TOKEN_ENV], env[NEXT_TOKEN_ENV]].map((value) => value?.trim() ?? '').filter(Boolean)
  if (tokens.length === 0 || !env[TOKEN_ENV]?.trim())
    throw new UserError(`${TOKEN_ENV} is not set: serve never runs without a token`, {
      code: 'serve.no-token',
      hint: `Export a long random value, e.g. ${TOKEN_ENV}=$(openssl rand -hex 32), and give it to the systems that trigger syncs.`,
      exitCode: ExitCode.error,
    })
  if (tokens.some((token) => token.length < MIN_TOKEN_LENGTH))
    throw new UserError(`${TOKEN_ENV} is shorter than ${MIN_TOKEN_LENGTH} characters`, {
      code: 'serve.weak-token',
      hint: `Use a long random value, e.g. $(openssl rand -hex 32).`,
      exitCode: ExitCode.error,
    })
  const catalog = await loadCatalog(request.dir)
  assertValid(catalog)
  const jobs = request.schedules ? (catalog.schedules.jobs ?? []) : []
  const running = await startServe({
    host: request.host,
    port: request.port,
    tokens,
    jobs,
    log: request.log,
    runner: applyRunner({
      dir: request.dir,
      sandbox: request.sandbox,
      allowDeletes: request.allowDeletes,
      log: request.log,
      env,
    }),
  })
  return {...running, jobs: jobs.filter((job) => job.enabled !== false).length}
}
