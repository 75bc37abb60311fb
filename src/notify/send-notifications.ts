import nodemailer from 'nodemailer'
import {request} from 'undici'

import type {Notifications} from '../catalog/generated/index.js'
import type {ApplyEvent} from './apply-event.js'
import {notificationSubject, notificationText, webhookBody} from './render-notification.js'

export interface NotifyResult {
  sent: string[]
  failed: {channel: string; error: string}[]
}

export interface SendOptions {
  env?: Record<string, string | undefined>
  /** Per-channel timeout (connect + answer), default 10 s. */
  timeoutMs?: number
  /** More values that must never appear in a message or an error (the store token, the serve token). */
  secrets?: string[]
}

/**
 * Sends the event to every channel catalogctl.yaml configures: email through SMTP (nodemailer; the
 * server, user and password come from one URL in an environment variable), a Slack incoming webhook
 * (`{text}`) and a JSON webhook (`{text, catalogctl: {...}}`, optional bearer secret). Never throws:
 * a channel that fails is returned in `failed`, and the caller reports it without changing the run's
 * outcome. Every known secret value is blanked out of messages and errors.
 */
export async function sendNotifications(
  event: ApplyEvent,
  config: Notifications,
  options: SendOptions = {},
): Promise<NotifyResult> {
  const env = options.env ?? process.env
  const timeoutMs = options.timeoutMs ?? 10_000
  const named = (name: string | undefined): string | undefined =>
    name ? env[name]?.trim() || undefined : undefined
  const emailUrlEnv = config.email?.smtp_url_env ?? 'CATALOGCTL_SMTP_URL'
  const slackUrlEnv = config.slack?.webhook_url_env ?? 'CATALOGCTL_SLACK_WEBHOOK_URL'
  const webhookUrlEnv = config.webhook?.url_env ?? 'CATALOGCTL_WEBHOOK_URL'
  const secrets = [
    ...(options.secrets ?? []),
    ...[emailUrlEnv, slackUrlEnv, webhookUrlEnv, config.webhook?.secret_env].map(named),
  ].filter((value): value is string => Boolean(value && value.length >= 4))
  const clean = (text: string): string => redact(text, secrets)
  const subject = clean(notificationSubject(event))
  const text = clean(notificationText(event))

  const jobs: {channel: string; send: () => Promise<void>}[] = []
  if (config.email) {
    const email = config.email
    jobs.push({
      channel: 'email',
      send: async () => {
        const url = requireEnv(named(emailUrlEnv), emailUrlEnv)
        const transport = nodemailer.createTransport({
          ...smtpOptions(url),
          connectionTimeout: timeoutMs,
          greetingTimeout: timeoutMs,
          socketTimeout: timeoutMs,
        })
        try {
          await transport.sendMail({from: email.from ?? 'catalogctl@localhost', to: email.to, subject, text})
        } finally {
          transport.close()
        }
      },
    })
  }
  if (config.slack)
    jobs.push({
      channel: 'slack',
      send: () => postJson(requireEnv(named(slackUrlEnv), slackUrlEnv), {text}, undefined, timeoutMs),
    })
  if (config.webhook) {
    const secret = named(config.webhook.secret_env)
    jobs.push({
      channel: 'webhook',
      send: () =>
        postJson(
          requireEnv(named(webhookUrlEnv), webhookUrlEnv),
          JSON.parse(clean(JSON.stringify(webhookBody(event)))) as unknown,
          secret,
          timeoutMs,
        ),
    })
  }
  const result: NotifyResult = {sent: [], failed: []}
  await Promise.all(
    jobs.map(async (job) => {
      try {
        await job.send()
        result.sent.push(job.channel)
      } catch (error) {
        result.failed.push({channel: job.channel, error: clean((error as Error).message)})
      }
    }),
  )
  return result
}

function requireEnv(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is not set`)
  return value
}

/** smtp://user:pass@host:587 or smtps://… → nodemailer options (the password never leaves this object). */
function smtpOptions(url: string): {
  host: string
  port: number
  secure: boolean
  auth?: {user: string; pass: string}
} {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error('the SMTP URL is not a URL (expected smtp://user:password@host:587)')
  }
  const secure = parsed.protocol === 'smtps:'
  if (!secure && parsed.protocol !== 'smtp:')
    throw new Error(`the SMTP URL must start with smtp:// or smtps://`)
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(parsed.username
      ? {auth: {user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password)}}
      : {}),
  }
}

async function postJson(
  url: string,
  body: unknown,
  bearer: string | undefined,
  timeoutMs: number,
): Promise<void> {
  const response = await request(url, {
    method: 'POST',
    headers: {'content-type': 'application/json', ...(bearer ? {authorization: `Bearer ${bearer}`} : {})},
    body: JSON.stringify(body),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  })
  await response.body.text()
  // The URL is a secret (Slack's URL is the credential): errors name the status only.
  if (response.statusCode < 200 || response.statusCode > 299)
    throw new Error(`the receiver answered ${response.statusCode}`)
}

export function redact(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) result = result.split(secret).join('***')
  return result
}
