import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import type {ApplyReport, RecordResult} from '../../src/apply/result.js'
import {UserError} from '../../src/errors/user-error.js'
import {withNotifications} from '../../src/notify/notify-apply.js'
import type {ApplyOutcome, ApplyRequest} from '../../src/services/apply-service.js'
import {startSmtpReceiver, startWebhookReceiver} from './receivers.js'

const SMTP_PASSWORD = 'smtp-pass-7f3a91c2'
const WEBHOOK_SECRET = 'hook-secret-55b1e0aa'
const STORE_TOKEN = 'store-token-9d2c44e1'

function aResult(index: number, status: RecordResult['status']): RecordResult {
  return {
    kind: 'product',
    key: `SKU-${index}`,
    action: 'update',
    status,
    ...(status === 'failed'
      ? {
          message: `The field 'upc' must be at most 14 characters (SKU-${index})`,
          response: {status: 422, body: {}},
        }
      : {}),
  }
}

function anOutcome(applied: number, failed: number): ApplyOutcome {
  const results = [
    ...Array.from({length: applied}, (_v, i) => aResult(i, 'applied')),
    ...Array.from({length: failed}, (_v, i) => aResult(applied + i, 'failed')),
  ]
  const report: ApplyReport = {
    format_version: '1.0',
    run_id: '2026-12-03T19-00-00-000Z-ab12',
    started_at: '2026-12-03T19:00:00.000Z',
    finished_at: '2026-12-03T19:00:05.000Z',
    store: {hash: 'abc123'},
    scope: 'pricing',
    mode: 'delta',
    commit: '0123456789abcdef0123456789abcdef01234567',
    summary: {create: 0, update: results.length, delete: 0, unchanged: 0, unmanaged: 0, adopt: 0},
    results,
    stats: {requests: 10, retries: 0, rate_limited: 0},
  }
  return {
    plan: {} as ApplyOutcome['plan'],
    report,
    stale: [],
    historyFile: '/repo/.catalogctl/history/2026-12-03T19-00-00-000Z-ab12.json',
    cancelled: false,
    marker: null,
    deltaFallback: null,
  }
}

const request = (dir: string) =>
  ({
    dir,
    sandbox: false,
    scope: 'pricing',
    mode: 'delta',
    selection: {},
    allowDeletes: false,
    force: false,
    skipStale: false,
    confirm: () => Promise.resolve(true),
  }) satisfies ApplyRequest

describe('notifications', () => {
  let dir: string
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>
  let env: Record<string, string>
  let warnings: string[]

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'catalogctl-notify-'))
    smtp = await startSmtpReceiver({user: 'alerts', pass: SMTP_PASSWORD})
    hook = await startWebhookReceiver()
    await writeFile(
      path.join(dir, 'catalogctl.yaml'),
      [
        'notifications:',
        '  on: [failure, partial]',
        '  error_rate: 0.05',
        '  email: {to: [ops@example.com], from: catalog@example.com, smtp_url_env: TEST_SMTP_URL}',
        '  webhook: {url_env: TEST_HOOK_URL, secret_env: TEST_HOOK_SECRET}',
        '',
      ].join('\n'),
    )
    env = {
      TEST_SMTP_URL: smtp.url,
      TEST_HOOK_URL: hook.url,
      TEST_HOOK_SECRET: WEBHOOK_SECRET,
      BIGCOMMERCE_ACCESS_TOKEN: STORE_TOKEN,
    }
  })
  afterAll(async () => {
    await smtp.stop()
    await hook.stop()
    await rm(dir, {recursive: true, force: true})
  })
  beforeEach(() => {
    smtp.mails.length = 0
    hook.posts.length = 0
    hook.state.status = 200
    warnings = []
  })

  const notifying = (apply: (request: ApplyRequest) => Promise<ApplyOutcome>) =>
    withNotifications(apply, {trigger: 'test', env, report: (line) => warnings.push(line)})

  const expectNoSecret = () => {
    const everything = JSON.stringify([smtp.mails, hook.posts.map((post) => post.body), warnings])
    for (const secret of [SMTP_PASSWORD, WEBHOOK_SECRET, STORE_TOKEN])
      expect(everything).not.toContain(secret)
  }

  it('a failed apply (exit non-zero) sends email and webhook, and the error is rethrown', async () => {
    const apply = notifying(() =>
      Promise.reject(
        new UserError(`GET /v3/catalog/products returned 500 (token ${STORE_TOKEN})`, {code: 'x'}),
      ),
    )
    await expect(apply(request(dir))).rejects.toThrow(/returned 500/)
    expect(smtp.mails).toHaveLength(1)
    expect(smtp.mails[0]).toMatchObject({
      from: 'catalog@example.com',
      to: ['ops@example.com'],
      user: 'alerts',
    })
    expect(smtp.mails[0]?.raw).toContain('Subject: catalogctl apply failed')
    expect(smtp.mails[0]?.raw).toContain('GET /v3/catalog/products returned 500')
    expect(hook.posts).toHaveLength(1)
    expect(hook.posts[0]?.headers.authorization).toBe(`Bearer ${WEBHOOK_SECRET}`)
    expect(hook.posts[0]?.body).toMatchObject({
      text: expect.stringContaining('catalogctl apply failed') as unknown,
      catalogctl: {kind: 'apply', outcome: 'failure', exitCode: 1, scope: 'pricing', trigger: 'test'},
    })
    expect(warnings).toEqual([])
    expectNoSecret()
  })

  it('an error rate above the threshold notifies with store, commit, counts, SKUs, messages and history', async () => {
    const outcome = anOutcome(8, 2) // 2 of 10 = 20 % > 5 %
    const returned = await notifying(() => Promise.resolve(outcome))(request(dir))
    expect(returned).toBe(outcome)
    expect(hook.posts).toHaveLength(1)
    const body = hook.posts[0]?.body as {text: string; catalogctl: Record<string, unknown>}
    expect(body.catalogctl).toMatchObject({
      outcome: 'partial',
      exitCode: 3,
      store: 'abc123',
      commit: '0123456789abcdef0123456789abcdef01234567',
      counts: {applied: 8, failed: 2, attempted: 10},
      errorRate: 0.2,
    })
    for (const text of [body.text, smtp.mails[0]?.raw ?? '']) {
      expect(text).toContain('Store: abc123')
      expect(text).toContain('Commit: 0123456789abcdef0123456789abcdef01234567')
      expect(text).toContain('8 applied')
      expect(text).toContain('2 failed')
      expect(text).toContain('product SKU-8 (update): 422 The field')
      expect(text).toContain('SKU-9')
      expect(text).toContain('.catalogctl/history/2026-12-03T19-00-00-000Z-ab12.json')
    }
    expectNoSecret()
  })

  it('nothing is sent when the error rate is under the threshold, or all applied', async () => {
    await notifying(() => Promise.resolve(anOutcome(39, 1)))(request(dir)) // 2.5 %
    await notifying(() => Promise.resolve(anOutcome(10, 0)))(request(dir))
    expect(smtp.mails).toEqual([])
    expect(hook.posts).toEqual([])
  })

  it('a failing notification is reported and never fails the apply', async () => {
    hook.state.status = 500
    const outcome = anOutcome(1, 1)
    const failing = withNotifications(() => Promise.resolve(outcome), {
      trigger: 'test',
      env: {...env, TEST_SMTP_URL: 'smtp://alerts:' + SMTP_PASSWORD + '@127.0.0.1:1'},
      report: (line) => warnings.push(line),
      timeoutMs: 2000,
    })
    await expect(failing(request(dir))).resolves.toBe(outcome)
    expect(
      warnings.some((line) =>
        line.startsWith('Warning: the webhook notification was not sent: the receiver answered 500'),
      ),
    ).toBe(true)
    expect(warnings.some((line) => line.startsWith('Warning: the email notification was not sent'))).toBe(
      true,
    )
    expectNoSecret()
  })
})
