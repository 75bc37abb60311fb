import {execFileSync, spawn} from 'node:child_process'
import {copyFile, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir, exampleCatalog, repoRoot} from '../e2e/helpers/catalog-dir.js'
import {aCatalogProduct, someCatalogProducts} from '../e2e/helpers/catalog-factory.js'
import {Catalogctl} from '../e2e/helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from '../e2e/helpers/e2e-store.js'
import {startSmtpReceiver, startWebhookReceiver} from '../notify/receivers.js'

const bin = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

// Issue 11 "Secret hygiene": every command runs with a known access token, SMTP password, webhook secret,
// Slack webhook URL and serve token in its environment (verbose, DEBUG=*, inside "GitHub Actions" so the
// step summary is written too). Every stdout and stderr, every file under the run folder (catalog, plan
// files, history, adopted and rendered files, the step summary), every answer of `serve`, and every
// notification received must be free of all of them — except where a secret is the credential itself (the
// webhook receives its own bearer secret in Authorization; the Slack URL's path is the Slack secret).
describe('secrets appear in no output, file, answer or notification of any command', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>
  let secrets: Record<string, string>
  let env: Record<string, string>

  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
      cwd: catalog.root,
      encoding: 'utf8',
    })
  const commitAll = (message: string) => {
    git('add', '-A')
    git('commit', '-q', '--allow-empty', '-m', message)
  }
  const run = async (args: string[], exitCodes: number[] = [0]) => {
    const result = await cli.run(args, {env})
    expect(exitCodes, `${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toContain(result.exitCode)
    return result
  }

  beforeAll(async () => {
    store = await startE2eStore()
    const tail = store.token.slice(-10)
    secrets = {
      'access token': store.token,
      'SMTP password': `smtp-pw-${tail}-Zq`,
      'webhook secret': `hook-secret-${tail}-Xw`,
      'Slack webhook path': `T000/B000/slack-${tail}-Yv`,
      'serve token': `serve-token-${tail}-Vu`,
    }
    smtp = await startSmtpReceiver({user: 'alerts', pass: secrets['SMTP password'] ?? ''})
    hooks = await startWebhookReceiver()
    catalog = await CatalogDir.fromParts({
      config: {
        guardrails: {max_change_share: 1},
        notifications: {
          on: ['failure', 'partial'],
          error_rate: 0,
          email: {to: ['ops@example.com'], from: 'catalogctl@example.com'},
          webhook: {secret_env: 'CATALOGCTL_HOOK_SECRET'},
          slack: {},
        },
      },
      products: someCatalogProducts(3),
    })
    await catalog.writeYaml('templates/bigcommerce.yaml', {fields: {upc: 'attributes.upc'}})
    await copyFile(path.join(exampleCatalog, 'schedules.yaml'), catalog.file('schedules.yaml'))
    env = {
      ...store.env,
      CATALOGCTL_SMTP_URL: smtp.url,
      CATALOGCTL_WEBHOOK_URL: hooks.url,
      CATALOGCTL_HOOK_SECRET: secrets['webhook secret'] ?? '',
      CATALOGCTL_SLACK_WEBHOOK_URL: `${hooks.url}/${secrets['Slack webhook path']}`,
      CATALOGCTL_WEBHOOK_TOKEN: secrets['serve token'] ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: path.join(catalog.root, 'step-summary.md'),
      DEBUG: '*',
    }
    cli = new Catalogctl(catalog, env)
    await writeFile(path.join(catalog.root, '.gitignore'), '.catalogctl/\n')
    git('init', '-q')
    commitAll('catalog')
  })

  afterAll(async () => {
    await smtp.stop()
    await hooks.stop()
    await store.stop()
    await catalog.remove()
  })

  it('validate, doctor, plan, apply (saved, failing, notifying), history, drift, import, schedules, init, serve, sandbox', async () => {
    await run(['validate', '--dir', 'catalog'])
    await run(['doctor', '--dir', 'catalog', '--verbose'])
    await run(['plan', '--dir', 'catalog', '--verbose', '--out', 'plan.json'])
    await run(['plan', '--dir', 'catalog', '--format', 'markdown'])
    await run(['apply', 'plan.json', '--dir', 'catalog', '--verbose'])

    // A record the store refuses: exit 3, its whole 422 kept in history, and all three channels notified.
    await catalog.writeYaml('products/products.yaml', [
      ...someCatalogProducts(2),
      {...aCatalogProduct(3), attributes: {material: 'Steel', upc: '12345678901234567890'}},
    ])
    commitAll('a UPC the store refuses')
    const failed = await run(['apply', '--dir', 'catalog', '--yes', '--verbose', '--json'], [3])
    expect(failed.stdout).toContain('"status": 422')
    expect(smtp.mails.length).toBeGreaterThanOrEqual(1)
    expect(hooks.posts.length).toBeGreaterThanOrEqual(2)
    const webhook = hooks.posts.find((post) => post.headers.authorization !== undefined)
    expect(webhook?.headers.authorization).toBe(`Bearer ${secrets['webhook secret']}`)

    await run(['history', '--dir', 'catalog'])
    const listed = await run(['history', '--dir', 'catalog', '--json'])
    const runs = JSON.parse(listed.stdout) as {run_id: string}[]
    expect(runs.length).toBe(2)
    for (const {run_id} of runs) await run(['history', 'show', run_id, '--dir', 'catalog'])

    // Put the UPC back in range, then let the merchant edit a price in the admin: drift, then written back.
    await catalog.writeYaml('products/products.yaml', someCatalogProducts(3))
    commitAll('fix the UPC')
    await run(['apply', '--dir', 'catalog', '--yes'])
    const found = await store.api<{data: {id: number}[]}>('GET', '/v3/catalog/products?sku=E2E-01')
    await store.api('PUT', `/v3/catalog/products/${found.body.data[0]?.id}`, {price: 7})
    await run(['drift', '--dir', 'catalog', '--json'], [2])
    await run(['drift', '--dir', 'catalog', '--write'], [2])
    commitAll('drift written back')

    await run(['import', 'bigcommerce', '--dir', 'adopted'])
    await run(['plan', '--dir', 'adopted'])
    await run(['schedules', 'render', '--dir', 'catalog', '--out', 'workflows'])
    await run(['init', 'fresh', '--workflows'])
    const feed = path.join(repoRoot, 'test', 'fixtures', 'import-csv', 'bigcommerce-current.csv')
    await run(['import', 'csv', feed, '--dir', 'fresh'], [0, 3])

    const served = await serveOnce()
    cli.outputs.push(...served)
    cli.outputs.push(await sandboxOutput())

    cli.outputs.push(...smtp.mails.map((mail) => mail.raw))
    for (const post of hooks.posts) {
      const {authorization: _credential, ...headers} = post.headers
      cli.outputs.push(JSON.stringify(headers), JSON.stringify(post.body))
    }
    const summary = await readFile(path.join(catalog.root, 'step-summary.md'), 'utf8')
    expect(summary).toContain('catalogctl')

    for (const secret of Object.values(secrets)) await cli.expectNoSecret(secret)
    // The scan really looks: the failure's own message is in the history and in a notification.
    expect(cli.outputs.join('\n')).toContain('upc must be at most 14 characters')
  })

  /** `serve`: a trigger with the token, one with a wrong token, the run's status, then SIGTERM. */
  async function serveOnce(): Promise<string[]> {
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--dir', 'catalog', '--port', '0', '--no-schedules'],
      {
        cwd: catalog.root,
        env: {...process.env, ...env, NO_COLOR: '1'},
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    const answers: string[] = []
    try {
      let url: string | undefined
      for (let attempt = 0; attempt < 600 && !url; attempt++) {
        url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
        if (!url) await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(url, output).toBeDefined()
      const call = async (route: string, token: string, init: RequestInit = {}) => {
        const response = await fetch(`${url}${route}`, {
          ...init,
          headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
        })
        const text = await response.text()
        answers.push(`${response.status} ${JSON.stringify([...response.headers])} ${text}`)
        return {status: response.status, text}
      }
      const sync = '/api/v1/channels/bigcommerce/sync'
      const body = JSON.stringify({scope: 'all', mode: 'full'})
      expect((await call(sync, `${secrets['serve token']}x`, {method: 'POST', body})).status).toBe(401)
      const accepted = await call(sync, secrets['serve token'] ?? '', {method: 'POST', body})
      expect(accepted.status).toBe(202)
      const id = (JSON.parse(accepted.text) as {run_id: string}).run_id
      let status = 'queued'
      for (let attempt = 0; attempt < 600 && ['queued', 'running'].includes(status); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        status = (
          JSON.parse((await call(`/api/v1/runs/${id}`, secrets['serve token'] ?? '')).text) as {
            status: string
          }
        ).status
      }
      expect(status).toBe('succeeded')
      await call('/api/v1/runs', secrets['serve token'] ?? '')
      child.kill('SIGTERM')
      expect(await exited, output).toBe(0)
    } finally {
      clearTimeout(timer)
    }
    return [output, ...answers]
  }

  /** `sandbox` with every secret in its environment: it uses none, and prints none. */
  async function sandboxOutput(): Promise<string> {
    const child = spawn(process.execPath, [bin, 'sandbox', '--port', '0'], {
      cwd: catalog.root,
      env: {...process.env, ...env, NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
    for (let attempt = 0; attempt < 600 && !/127\.0\.0\.1:\d+/.test(output); attempt++)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(output).toMatch(/127\.0\.0\.1:\d+/)
    child.kill('SIGTERM')
    await exited
    return output
  }
})
