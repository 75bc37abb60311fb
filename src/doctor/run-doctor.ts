import {ApiError, type BigCommerceClient} from '../bigcommerce/index.js'
import type {UserError} from '../errors/user-error.js'
import {checkCatalogReferences} from './reference-checks.js'
import {ADMIN_PATH, SCOPE_PROBES, type ScopeProbe} from './scope-probes.js'
import type {DoctorCheck, DoctorInput, DoctorReport, RateLimitFacts} from './doctor-types.js'

export interface DoctorOptions {
  /** A client, or the UserError that explains why none could be built (missing credentials). */
  connection:
    | {
        client: BigCommerceClient
        apiUrl: string
        envNames: {storeHash: string; accessToken: string; apiUrl: string}
      }
    | {error: UserError}
  /** What the catalog references; `undefined` when there is no catalog to check against. */
  input: DoctorInput | undefined
  /** Why `input` is missing (shown on the skipped line). */
  inputMissingReason?: string
  /** The token is meant for `plan` only: read-only scopes pass instead of failing. */
  readOnlyOk?: boolean
}

export function exitCodeFor(checks: DoctorCheck[]): DoctorReport['exitCode'] {
  const failures = checks.filter((check) => check.status === 'fail')
  if (failures.some((check) => check.failureKind === 'auth')) return 5
  return failures.length > 0 ? 1 : 0
}

function report(checks: DoctorCheck[], rateLimit: RateLimitFacts = {}): DoctorReport {
  return {checks, rateLimit, exitCode: exitCodeFor(checks)}
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error)
}

async function checkConnection(
  client: BigCommerceClient,
  apiUrl: string,
  names: {storeHash: string; accessToken: string; apiUrl: string},
): Promise<DoctorCheck> {
  const base = {id: 'connection', title: 'GET /v2/time'}
  try {
    const response = await client.get<{time?: number}>('/v2/time')
    const skew =
      typeof response.body?.time === 'number' ? Math.round(Date.now() / 1000 - response.body.time) : undefined
    // Only worth a mention when the clocks really differ (the API's time has whole seconds).
    const clock = skew === undefined || Math.abs(skew) < 5 ? '' : `; clocks differ by ${Math.abs(skew)} s`
    return {...base, status: 'pass', detail: `store ${client.storeHash} answered at ${apiUrl}${clock}`}
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    if (error.status === 401) {
      return {
        ...base,
        status: 'fail',
        failureKind: 'auth',
        detail: 'the access token is wrong or revoked (401)',
        fix: `Create a store-level API account (${ADMIN_PATH}) or copy its token again, and export it as ${names.accessToken}.`,
      }
    }
    if (error.status === 404) {
      return {
        ...base,
        status: 'fail',
        failureKind: 'auth',
        detail: `no store with this hash (${client.storeHash}) at ${apiUrl} (404)`,
        fix: `Check ${names.storeHash}: it is the part after /stores/ in the API path shown when the API account was created.`,
      }
    }
    if (error.status === 403) {
      return {
        ...base,
        status: 'fail',
        failureKind: 'auth',
        detail: 'the token may not read store information (403)',
        fix: `In ${ADMIN_PATH}, set Information & Settings to read-only or modify.`,
      }
    }
    return {
      ...base,
      status: 'fail',
      failureKind: 'other',
      detail: describe(error),
      fix: `Check ${names.apiUrl} (now ${apiUrl}) and the network; BigCommerce's status page tells whether the API is down.`,
    }
  }
}

type WriteAccess = 'modify' | 'read-only' | 'unknown'

async function probeWrite(
  client: BigCommerceClient,
  probe: NonNullable<ScopeProbe['write']>,
): Promise<WriteAccess> {
  try {
    await client.request(probe.method, probe.path, {body: probe.body})
    return 'modify'
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    if (error.status === 403) return 'read-only'
    // Any other HTTP answer means the scope check passed and the (deliberately empty) body was judged.
    return error.reason === 'status' && error.status !== 401 ? 'modify' : 'unknown'
  }
}

async function checkScopes(client: BigCommerceClient, readOnlyOk: boolean): Promise<DoctorCheck[]> {
  const writeProbes = new Map<string, Promise<WriteAccess>>()
  const checks: DoctorCheck[] = []
  for (const probe of SCOPE_PROBES) {
    const base = {id: `scope.${probe.resource.replace(/\s+/g, '-')}`, title: `scope: ${probe.resource}`}
    const modifyFix = `In ${ADMIN_PATH}, set ${probe.uiName} = modify (scope ${probe.scope}).`
    try {
      await client.get(probe.read.path, probe.read.query ? {query: probe.read.query} : {})
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (error.status === 403 || error.status === 401) {
        const needed = probe.write ? 'modify' : 'read-only'
        checks.push({
          ...base,
          status: 'fail',
          failureKind: 'auth',
          detail: `missing scope ${probe.uiName} (${probe.write ? probe.scope : probe.readOnlyScope}); needed for ${probe.usedFor}`,
          fix: `In ${ADMIN_PATH}, set ${probe.uiName} = ${needed}.`,
        })
      } else if (error.status === 404) {
        checks.push({
          ...base,
          status: 'fail',
          failureKind: 'other',
          detail: `${probe.read.path} answered 404: this store does not offer ${probe.resource}`,
          fix: `Check that the store's plan includes ${probe.resource} and that the API URL points at BigCommerce.`,
        })
      } else {
        checks.push({
          ...base,
          status: 'fail',
          failureKind: 'other',
          detail: describe(error),
          fix: 'Run again; if it persists, run with DEBUG=catalogctl* and report the request id.',
        })
      }
      continue
    }
    if (!probe.write) {
      checks.push({
        ...base,
        status: 'pass',
        detail: `can read (${probe.readOnlyScope} is enough: ${probe.usedFor})`,
      })
      continue
    }
    const key = `${probe.write.method} ${probe.write.path}`
    let access = writeProbes.get(key)
    if (!access) {
      access = probeWrite(client, probe.write)
      writeProbes.set(key, access)
    }
    const result = await access
    if (result === 'modify') {
      checks.push({...base, status: 'pass', detail: `modify (${probe.scope})`})
    } else if (result === 'read-only') {
      checks.push({
        ...base,
        status: readOnlyOk ? 'pass' : 'fail',
        ...(readOnlyOk ? {} : {failureKind: 'auth' as const}),
        detail: `read-only (${probe.readOnlyScope}): plan works, apply needs modify for ${probe.usedFor}`,
        ...(readOnlyOk ? {} : {fix: `${modifyFix} Or pass --read-only if this token is only for plan.`}),
      })
    } else {
      checks.push({
        ...base,
        status: 'warn',
        detail: `can read; could not tell whether it may write (${probe.scope} needed for apply)`,
        fix: modifyFix,
      })
    }
  }
  return checks
}

interface StoreInfo {
  plan_name?: string
  plan_level?: string
}

async function checkRateLimit(
  client: BigCommerceClient,
): Promise<{check: DoctorCheck; facts: RateLimitFacts}> {
  let plan: string | undefined
  try {
    const store = (await client.get<StoreInfo>('/v2/store')).body
    plan = [store?.plan_name, store?.plan_level].filter(Boolean).join(' / ') || undefined
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
  }
  const limiter = client.rateLimit()
  const facts: RateLimitFacts = {
    quota: limiter.quota,
    windowMs: limiter.windowMs,
    left: limiter.left,
    resetInMs: limiter.resetInMs,
    hourlyRemaining: limiter.hourlyRemaining,
    plan,
  }
  const base = {id: 'rate-limit', title: 'rate limit'}
  if (limiter.quota === undefined) {
    return {
      facts,
      check: {
        ...base,
        status: 'warn',
        detail: `the store sent no X-Rate-Limit headers${plan ? `; plan ${plan}` : ''}`,
        fix: 'Nothing to do for catalogctl (it will back off on 429s); an "Unlimited" Enterprise plan sends none.',
      },
    }
  }
  const windowS = (limiter.windowMs ?? 30_000) / 1000
  const usable = limiter.quota - limiter.reserve
  const perHour = Math.floor((3600 / windowS) * usable)
  const left =
    limiter.left === undefined
      ? ''
      : `, ~${Math.max(0, limiter.left)} left in this window (resets in ${Math.ceil((limiter.resetInMs ?? 0) / 1000)} s)`
  const hourly = limiter.hourlyRemaining === undefined ? '' : `, ${limiter.hourlyRemaining} left this hour`
  const detail = `${limiter.quota} requests per ${windowS} s${plan ? ` (plan ${plan})` : ''}${left}${hourly}; catalogctl keeps ${limiter.reserve} for other apps, so ~${perHour.toLocaleString('en-US')} requests/hour for a run`
  const low = limiter.left !== undefined && limiter.left <= limiter.reserve
  return {
    facts,
    check: low
      ? {
          ...base,
          status: 'warn',
          detail,
          fix: 'Other apps are using most of the quota right now: a run will wait for window resets.',
        }
      : {...base, status: 'pass', detail},
  }
}

/**
 * `catalogctl doctor`: checks, in order, that catalogctl can work with this store and this catalog, one line
 * each with a fix for every failure (issue #4). Stops early when there is nothing left to check against
 * (no credentials, or the store does not answer).
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  if ('error' in options.connection) {
    const {error} = options.connection
    return report([
      {
        id: 'credentials',
        title: 'credentials',
        status: 'fail',
        failureKind: 'auth',
        detail: error.message,
        ...(error.hint ? {fix: error.hint} : {}),
      },
      {id: 'connection', title: 'GET /v2/time', status: 'skip', detail: 'skipped: no credentials'},
    ])
  }
  const {client, apiUrl, envNames} = options.connection
  const checks: DoctorCheck[] = [
    {
      id: 'credentials',
      title: 'credentials',
      status: 'pass',
      detail: `${envNames.storeHash} and ${envNames.accessToken} are set (store ${client.storeHash})`,
    },
  ]
  const connection = await checkConnection(client, apiUrl, envNames)
  checks.push(connection)
  if (connection.status === 'fail') return report(checks)

  const scopeChecks = await checkScopes(client, options.readOnlyOk === true)
  checks.push(...scopeChecks)
  const readable = new Set(
    scopeChecks
      .filter((check) => check.status !== 'fail' || /read-only/.test(check.detail))
      .map((check) => check.id),
  )
  if (options.input) {
    checks.push(...(await checkCatalogReferences(client, options.input, readable)))
  } else {
    checks.push({
      id: 'catalog',
      title: 'catalog references',
      status: 'skip',
      detail:
        options.inputMissingReason ??
        'no catalog given: location, customer group, tree and channel checks skipped',
    })
  }
  const {check, facts} = await checkRateLimit(client)
  checks.push(check)
  return report(checks, facts)
}
