import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {parse} from 'yaml'

import type {CatalogctlConfig, Notifications} from '../catalog/generated/index.js'
import {DEFAULT_ENV_NAMES} from '../bigcommerce/environment.js'
import type {ApplyOutcome, ApplyRequest} from '../services/apply-service.js'
import {eventFromError, eventFromReport, shouldNotify, type ApplyEvent} from './apply-event.js'
import {sendNotifications, type NotifyResult} from './send-notifications.js'

export interface NotifyingApplyOptions {
  /** `cli`, `serve`, `schedule:<job>`: said in the message. */
  trigger: string
  env?: Record<string, string | undefined>
  /** Where problems sending a notification are reported (default: stderr). */
  report?: (line: string) => void
  /** Called with what was sent, for logs and tests. */
  onNotified?: (event: ApplyEvent, result: NotifyResult) => void
  timeoutMs?: number
}

/**
 * The one place apply notifies (the `apply` command and `serve` both run applies through it): run the
 * apply, turn its outcome — report or error — into an event, send it when catalogctl.yaml
 * `notifications` asks for it, then return or rethrow exactly what the apply did. A notification that
 * fails is reported and never changes the apply's outcome.
 */
export function withNotifications<Request extends ApplyRequest>(
  apply: (request: Request) => Promise<ApplyOutcome>,
  options: NotifyingApplyOptions,
): (request: Request) => Promise<ApplyOutcome> {
  return (request) => applyAndNotify(apply, request, options)
}

async function applyAndNotify<Request extends ApplyRequest>(
  apply: (request: Request) => Promise<ApplyOutcome>,
  request: Request,
  options: NotifyingApplyOptions,
): Promise<ApplyOutcome> {
  let outcome: ApplyOutcome
  try {
    outcome = await apply(request)
  } catch (error) {
    const event = eventFromError(error as Error & {exitCode?: number}, {
      trigger: options.trigger,
      scope: request.scope,
      mode: request.mode,
    })
    await notifySafely(request.dir, event, options)
    throw error
  }
  if (!outcome.cancelled) {
    const event = eventFromReport(outcome.report, {
      trigger: options.trigger,
      historyFile: outcome.historyFile ? path.relative(process.cwd(), outcome.historyFile) : null,
      interrupted: request.signal?.aborted ?? false,
    })
    await notifySafely(request.dir, event, options)
  }
  return outcome
}

async function notifySafely(dir: string, event: ApplyEvent, options: NotifyingApplyOptions): Promise<void> {
  const report = options.report ?? ((line: string) => process.stderr.write(`${line}\n`))
  try {
    const config = await readConfig(dir)
    const notifications = config.notifications
    if (!notifications || !shouldNotify(event, notifications)) return
    const env = options.env ?? process.env
    const result = await sendNotifications(event, notifications, {
      env,
      secrets: secretValues(config, env),
      ...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
    })
    for (const failure of result.failed)
      report(`Warning: the ${failure.channel} notification was not sent: ${failure.error}`)
    options.onNotified?.(event, result)
  } catch (error) {
    report(`Warning: notifications were not sent: ${(error as Error).message}`)
  }
}

/** catalogctl.yaml alone (the apply has validated it, or failed for it). */
async function readConfig(dir: string): Promise<CatalogctlConfig & {notifications?: Notifications}> {
  try {
    const parsed = parse(await readFile(path.join(dir, 'catalogctl.yaml'), 'utf8')) as unknown
    return parsed && typeof parsed === 'object' ? (parsed as CatalogctlConfig) : {}
  } catch {
    return {}
  }
}

/** Values that must never reach a message: the store token and the serve token. */
function secretValues(config: CatalogctlConfig, env: Record<string, string | undefined>): string[] {
  return [
    env[config.store?.access_token_env ?? DEFAULT_ENV_NAMES.accessTokenEnv],
    env['CATALOGCTL_WEBHOOK_TOKEN'],
  ]
    .map((value) => value?.trim())
    .filter((value): value is string => Boolean(value))
}
