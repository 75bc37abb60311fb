import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {acquireStoreLock, LOCK_KEY, LOCK_NAMESPACE} from '../../src/apply/store-lock.js'
import {BigCommerceClient} from '../../src/bigcommerce/index.js'
import {CatalogDir} from '../e2e/helpers/catalog-dir.js'
import {someCatalogProducts} from '../e2e/helpers/catalog-factory.js'
import {Catalogctl} from '../e2e/helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from '../e2e/helpers/e2e-store.js'

/**
 * Concurrent applies against one store (issue 11): the second is refused with who holds the lock (exit 6),
 * the two never interleave, and the lock is gone when the first ends. The lock lives in the store (a store
 * metafield), so it holds across machines.
 */

let store: E2eStore
beforeAll(async () => {
  store = await startE2eStore()
})
afterAll(async () => {
  await store.stop()
})

function clientOf(env: Record<string, string>): BigCommerceClient {
  return new BigCommerceClient({
    baseUrl: env.BIGCOMMERCE_API_URL ?? '',
    storeHash: env.BIGCOMMERCE_STORE_HASH ?? '',
    accessToken: env.BIGCOMMERCE_ACCESS_TOKEN ?? '',
  })
}

async function lockMetafields(): Promise<unknown[]> {
  const {body} = await store.api<{data: {namespace: string; key: string}[]}>(
    'GET',
    `/v3/store/metafields?namespace=${LOCK_NAMESPACE}`,
  )
  return body.data.filter((metafield) => metafield.key === LOCK_KEY)
}

describe('concurrent applies', () => {
  it('a second apply while one runs is refused with who holds the lock; never two interleaved', async () => {
    const catalog = await CatalogDir.fromParts({products: someCatalogProducts(60)})
    try {
      const first = new Catalogctl(catalog, store.env)
      const second = new Catalogctl(catalog, store.env)
      // The second starts once the first is writing products, so the first surely holds the lock.
      let started: Promise<Awaited<ReturnType<Catalogctl['run']>>> | undefined
      store.beforeWrite = async (write) => {
        if (started || write.path !== '/v3/catalog/products') return
        started = second.run(['apply', '--dir', 'catalog', '--yes'])
        await started
      }
      const firstRun = await first.run(['apply', '--dir', 'catalog', '--yes'])
      store.beforeWrite = undefined
      expect(firstRun.exitCode, firstRun.stderr).toBe(0)
      const secondRun = await started
      expect(secondRun?.exitCode, secondRun?.stderr).toBe(6)
      expect(secondRun?.stderr).toMatch(
        /Another apply is running against this store: run \S+ \(scope all\) on \S+, pid \d+, since /,
      )
      expect(await lockMetafields()).toEqual([])
      await first.expectNoChanges()
    } finally {
      store.beforeWrite = undefined
      await catalog.remove()
    }
  }, 300_000)

  it('of two takers at the same moment exactly one gets the lock; a dead holder is taken over', async () => {
    await store.reset()
    const a = clientOf(store.env)
    const b = clientOf(store.env)
    const outcomes = await Promise.allSettled([
      acquireStoreLock(a, {runId: 'run-a', scope: 'all'}),
      acquireStoreLock(b, {runId: 'run-b', scope: 'all'}),
    ])
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.find((outcome) => outcome.status === 'rejected')
    expect(String((refused as PromiseRejectedResult).reason)).toMatch(
      /Another apply is running against this store/,
    )
    const held = outcomes.find((outcome) => outcome.status === 'fulfilled')
    await (held as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireStoreLock>>>).value.release()
    expect(await lockMetafields()).toEqual([])

    // A lock whose expiry has passed (its holder died on another machine) is taken over.
    const stale = await acquireStoreLock(a, {
      runId: 'run-dead',
      scope: 'all',
      ttlMs: 60_000,
      now: () => new Date(Date.now() - 120_000),
    })
    const takeover = await acquireStoreLock(b, {runId: 'run-next', scope: 'pricing'})
    expect(await lockMetafields()).toHaveLength(1)
    await takeover.release()
    await stale.release()
    expect(await lockMetafields()).toEqual([])
  })
})
