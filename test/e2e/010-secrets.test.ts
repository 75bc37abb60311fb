import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {aCatalogProduct, someCatalogProducts} from './helpers/catalog-factory.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'

// Scenario 10 (issue 5): the access token never appears in any output (verbose request logs, errors,
// JSON), in a saved plan or in a history file — including a run with a failure whose BigCommerce response
// is kept whole, and a run refused by the store for a wrong token.
describe('010 the access token appears nowhere', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  beforeAll(async () => {
    store = await startE2eStore()
    catalog = await CatalogDir.fromParts({
      config: {guardrails: {max_change_share: 1}},
      products: someCatalogProducts(3),
    })
    await catalog.writeYaml('templates/bigcommerce.yaml', {fields: {upc: 'attributes.upc'}})
    cli = new Catalogctl(catalog, store.env)
  })

  afterAll(async () => {
    await store.stop()
    await catalog.remove()
  })

  it('plan, saved plan, apply with a failure, history, a wrong token: no token anywhere', async () => {
    const planned = await cli.run(['plan', '--dir', 'catalog', '--verbose', '--out', 'plan.json'])
    expect(planned.exitCode, planned.stderr).toBe(0)
    expect(planned.stderr).toMatch(/GET \/v3\/catalog\/products/) // the verbose log is really there

    const created = await cli.run(['apply', 'plan.json', '--dir', 'catalog', '--verbose'])
    expect(created.exitCode, created.stdout + created.stderr).toBe(0)

    const products = [
      ...someCatalogProducts(2),
      {...aCatalogProduct(3), attributes: {material: 'Steel', upc: '12345678901234567890'}},
    ]
    await catalog.writeYaml('products/products.yaml', products)
    const failed = await cli.run(['apply', '--dir', 'catalog', '--yes', '--verbose', '--json'])
    expect(failed.exitCode).toBe(3)
    expect(failed.stdout).toContain('"status": 422')

    for (const args of [['history', '--json'], ['history']]) {
      const listed = await cli.run([...args, '--dir', 'catalog'])
      expect(listed.exitCode, listed.stderr).toBe(0)
    }
    const runs = await readdir(path.join(catalog.dir, '.catalogctl', 'history'))
    expect(runs).toHaveLength(2)
    for (const run of runs) {
      const shown = await cli.run(['history', 'show', run.replace(/\.json$/, ''), '--dir', 'catalog'])
      expect(shown.exitCode, shown.stderr).toBe(0)
    }
    const history = await Promise.all(
      runs.map((run) => readFile(path.join(catalog.dir, '.catalogctl', 'history', run), 'utf8')),
    )
    expect(history.join('\n')).toContain('upc must be at most 14 characters')

    const wrongToken = `${store.token}-wrong`
    const refused = await cli.run(['plan', '--dir', 'catalog', '--verbose'], {
      env: {BIGCOMMERCE_ACCESS_TOKEN: wrongToken},
    })
    expect(refused.exitCode).toBe(5)
    expect(refused.stderr).toContain('Error: GET /v3/catalog/products returned 401')
    expect(refused.stderr).not.toContain('looks like a bug')
    expect(refused.stdout + refused.stderr).not.toContain(wrongToken)

    await cli.expectNoSecret(store.token)
  })

  it('notification secrets (SMTP password, webhook secret) and the serve token appear nowhere either', async () => {
    const smtpPassword = `smtp-${store.token.slice(-12)}-pw`
    const hookSecret = `hook-${store.token.slice(-12)}-secret`
    const serveToken = `serve-${store.token.slice(-12)}-token`
    await catalog.writeYaml('catalogctl.yaml', {
      guardrails: {max_change_share: 1},
      notifications: {
        email: {to: ['ops@example.com'], smtp_url_env: 'TEST_SMTP_URL'},
        webhook: {url_env: 'TEST_HOOK_URL', secret_env: 'TEST_HOOK_SECRET'},
      },
    })
    // Both receivers are down (port 1 is closed): each channel fails and is reported as a warning.
    const failed = await cli.run(['apply', '--dir', 'catalog', '--yes', '--verbose'], {
      env: {
        TEST_SMTP_URL: `smtp://alerts:${smtpPassword}@127.0.0.1:1`,
        TEST_HOOK_URL: `http://127.0.0.1:1/hook/${hookSecret}`,
        TEST_HOOK_SECRET: hookSecret,
        CATALOGCTL_WEBHOOK_TOKEN: serveToken,
      },
    })
    expect(failed.exitCode).toBe(3)
    expect(failed.stderr).toContain('Warning: the email notification was not sent')
    expect(failed.stderr).toContain('Warning: the webhook notification was not sent')
    for (const secret of [smtpPassword, hookSecret, serveToken]) await cli.expectNoSecret(secret)
  })
})
