import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from '../e2e/helpers/catalog-dir.js'
import {aCatalogProduct, someCatalogProducts} from '../e2e/helpers/catalog-factory.js'
import {Catalogctl} from '../e2e/helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from '../e2e/helpers/e2e-store.js'
import {startWebhookReceiver} from './receivers.js'

// The `apply` command notifies through the same hook as serve: a real apply against the sandbox where
// one product of three is rejected by BigCommerce (422) → exit 3, error rate 33 % → one webhook.
describe('apply notifies (CLI, sandbox)', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>

  beforeAll(async () => {
    store = await startE2eStore()
    hook = await startWebhookReceiver()
    catalog = await CatalogDir.fromParts({
      config: {guardrails: {max_change_share: 1}, notifications: {webhook: {url_env: 'TEST_HOOK_URL'}}},
      products: [
        ...someCatalogProducts(2),
        {...aCatalogProduct(3), attributes: {upc: '12345678901234567890'}},
      ],
    })
    await catalog.writeYaml('templates/bigcommerce.yaml', {fields: {upc: 'attributes.upc'}})
  })
  afterAll(async () => {
    await store.stop()
    await hook.stop()
    await catalog.remove()
  })

  it('sends one webhook with the failed SKU and BigCommerce message; the exit code stays 3', async () => {
    const cli = new Catalogctl(catalog, {...store.env, TEST_HOOK_URL: hook.url})
    const applied = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(applied.exitCode, applied.stderr).toBe(3)
    expect(hook.posts).toHaveLength(1)
    const body = hook.posts[0]?.body as {
      text: string
      catalogctl: {counts: {failed: number}; errors: {key: string}[]}
    }
    expect(body.catalogctl.counts.failed).toBe(1)
    expect(body.catalogctl.errors[0]?.key).toBe(aCatalogProduct(3)['sku'])
    expect(body.text).toContain('upc must be at most 14 characters')
    expect(body.text).toContain('.catalogctl/history/')
    expect(JSON.stringify(hook.posts)).not.toContain(store.token)

    // A receiver that is down is a warning; the apply's own outcome (now: nothing left but the failure) stands.
    await hook.stop()
    const again = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(again.exitCode).toBe(3)
    expect(again.stderr).toContain('Warning: the webhook notification was not sent')
    await cli.expectNoSecret(store.token)
  })
})
