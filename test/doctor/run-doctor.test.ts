import {createServer} from 'node:net'
import type {AddressInfo} from 'node:net'

import {afterEach, describe, expect, it} from 'vitest'

import {credentialsFromEnvironment} from '../../src/bigcommerce/index.js'
import {runDoctor, type DoctorCheck, type DoctorInput, type DoctorReport} from '../../src/doctor/index.js'
import type {UserError} from '../../src/errors/user-error.js'
import type {RunningSandbox, SandboxOptions} from '../../src/sandbox/index.js'
import {aSandbox, anInput, clientFor} from './doctor-fixture.js'

const sandboxes: RunningSandbox[] = []
afterEach(async () => {
  for (const sandbox of sandboxes.splice(0)) await sandbox.stop()
})

const ENV_NAMES = {
  storeHash: 'BIGCOMMERCE_STORE_HASH',
  accessToken: 'BIGCOMMERCE_ACCESS_TOKEN',
  apiUrl: 'BIGCOMMERCE_API_URL',
}

async function doctor(
  sandboxOptions: SandboxOptions = {},
  input: DoctorInput | null = anInput(),
  client: {accessToken?: string; storeHash?: string; baseUrl?: string; readOnlyOk?: boolean} = {},
): Promise<{report: DoctorReport; sandbox: RunningSandbox}> {
  const sandbox = await aSandbox(sandboxOptions)
  sandboxes.push(sandbox)
  const report = await runDoctor({
    connection: {
      client: clientFor(sandbox, client),
      apiUrl: client.baseUrl ?? sandbox.url,
      envNames: ENV_NAMES,
    },
    input: input ?? undefined,
    ...(client.readOnlyOk ? {readOnlyOk: true} : {}),
  })
  expectFixForEveryFailure(report)
  return {report, sandbox}
}

function expectFixForEveryFailure(report: DoctorReport): void {
  for (const check of report.checks.filter((candidate) => candidate.status === 'fail')) {
    expect(check.fix, `${check.id} has a fix`).toMatch(/\S/)
  }
}

function check(report: DoctorReport, id: string): DoctorCheck {
  const found = report.checks.find((candidate) => candidate.id === id)
  if (!found)
    throw new Error(`no check ${id} in ${report.checks.map((candidate) => candidate.id).join(', ')}`)
  return found
}

const ALL_READ_ONLY = [
  'store_v2_products_read_only',
  'store_inventory_read_only',
  'store_locations_read_only',
  'store_v2_customers_read_only',
  'store_v2_information_read_only',
]

describe('doctor against the sandbox', () => {
  it('passes every check, in order, when store and catalog agree', async () => {
    const {report} = await doctor()
    expect(report.checks.map((item) => `${item.status} ${item.id}`)).toEqual([
      'pass credentials',
      'pass connection',
      'pass scope.products',
      'pass scope.categories',
      'pass scope.brands',
      'pass scope.inventory',
      'pass scope.locations',
      'pass scope.price-lists',
      'pass scope.customer-groups',
      'pass scope.store-metafields',
      'pass location.main',
      'pass customer-group.Retail',
      'pass category-tree',
      'pass channel',
      'pass rate-limit',
    ])
    expect(report.exitCode).toBe(0)
    expect(check(report, 'rate-limit').detail).toMatch(/^10000 requests per 30 s \(plan Standard/)
    expect(report.rateLimit).toMatchObject({quota: 10_000, windowMs: 30_000})
  })

  it('missing credentials: exit 5, naming the variable; nothing else runs', async () => {
    let error: UserError | undefined
    try {
      credentialsFromEnvironment({}, {BIGCOMMERCE_STORE_HASH: 'abc'})
    } catch (caught) {
      error = caught as UserError
    }
    const report = await runDoctor({connection: {error: error as UserError}, input: anInput()})
    expect(report.exitCode).toBe(5)
    expect(check(report, 'credentials')).toMatchObject({
      status: 'fail',
      detail: 'BIGCOMMERCE_ACCESS_TOKEN is not set',
    })
    expect(check(report, 'credentials').fix).toContain('Store-level API accounts')
    expect(check(report, 'connection').status).toBe('skip')
  })

  it('401: the access token is wrong or revoked (exit 5)', async () => {
    const {report} = await doctor({}, anInput(), {accessToken: 'not-the-token'})
    expect(check(report, 'connection')).toMatchObject({
      status: 'fail',
      detail: 'the access token is wrong or revoked (401)',
    })
    expect(report.exitCode).toBe(5)
    expect(report.checks).toHaveLength(2)
  })

  it('404: no store with this hash (exit 5)', async () => {
    const {report} = await doctor({}, anInput(), {storeHash: 'wrong-hash'})
    expect(check(report, 'connection').detail).toMatch(/^no store with this hash \(wrong-hash\)/)
    expect(check(report, 'connection').fix).toContain('BIGCOMMERCE_STORE_HASH')
    expect(report.exitCode).toBe(5)
  })

  it('an unreachable API URL is a network failure (exit 1)', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const {report} = await doctor({}, anInput(), {baseUrl: `http://127.0.0.1:${port}`})
    expect(check(report, 'connection')).toMatchObject({status: 'fail', failureKind: 'other'})
    expect(check(report, 'connection').detail).toContain('connection refused')
    expect(check(report, 'connection').fix).toContain('BIGCOMMERCE_API_URL')
    expect(report.exitCode).toBe(1)
  })

  it('a missing scope names it and the admin setting (exit 5); dependent checks are skipped', async () => {
    const scopes = ['store_v2_products', 'store_inventory', 'store_v2_customers', 'store_v2_information']
    const {report} = await doctor({scopes})
    expect(check(report, 'scope.locations')).toMatchObject({
      status: 'fail',
      failureKind: 'auth',
      detail: 'missing scope Store Locations (store_locations); needed for inventory locations',
      fix: 'In Settings › API › Store-level API accounts, set Store Locations = modify.',
    })
    expect(check(report, 'locations').status).toBe('skip')
    expect(report.exitCode).toBe(5)
  })

  it('read-only scopes are reported as such (exit 5), and pass with --read-only', async () => {
    const {report} = await doctor({scopes: ALL_READ_ONLY})
    for (const id of [
      'scope.products',
      'scope.categories',
      'scope.brands',
      'scope.price-lists',
      'scope.inventory',
      'scope.locations',
      'scope.store-metafields',
    ]) {
      expect(check(report, id).status, id).toBe('fail')
      expect(check(report, id).detail, id).toMatch(
        /^read-only \(store_\w+_read_only\): plan works, apply needs modify/,
      )
    }
    expect(check(report, 'scope.products').fix).toBe(
      'In Settings › API › Store-level API accounts, set Products = modify (scope store_v2_products). Or pass --read-only if this token is only for plan.',
    )
    expect(check(report, 'scope.customer-groups').status).toBe('pass')
    expect(report.exitCode).toBe(5)

    const planOnly = await doctor({scopes: ALL_READ_ONLY}, anInput(), {readOnlyOk: true})
    expect(planOnly.report.exitCode).toBe(0)
  })

  it('locations: missing, disabled, or id and code disagreeing (exit 1)', async () => {
    const sandbox = await aSandbox()
    sandboxes.push(sandbox)
    const client = clientFor(sandbox)
    await client.post('/v3/inventory/locations', {
      body: [{code: 'OFF', label: 'Closed store', type_id: 'VIRTUAL', enabled: false}],
    })
    const input = anInput({
      locations: [
        {key: 'main', id: 1},
        {key: 'gone', id: 42},
        {key: 'closed', code: 'OFF'},
        {key: 'mixed', id: 1, code: 'WH-EAST'},
        {key: 'BC-LOCATION-1'},
      ],
    })
    const report = await runDoctor({connection: {client, apiUrl: sandbox.url, envNames: ENV_NAMES}, input})
    expectFixForEveryFailure(report)
    expect(check(report, 'location.main').status).toBe('pass')
    expect(check(report, 'location.gone').detail).toBe(
      'no location with id 42 in the store (it has: 1 (BC-LOCATION-1), 2 (OFF))',
    )
    expect(check(report, 'location.closed').detail).toMatch(/^location 2 \(OFF\) exists but is disabled/)
    expect(check(report, 'location.mixed').detail).toBe('location 1 has code BC-LOCATION-1, not WH-EAST')
    expect(check(report, 'location.BC-LOCATION-1').status).toBe('pass')
    expect(report.exitCode).toBe(1)
  })

  it('a customer group the price lists name but the store lacks (with a did-you-mean)', async () => {
    const {report} = await doctor({}, anInput({customerGroups: ['retail', 'Wholesale']}))
    expect(check(report, 'customer-group.retail').detail).toBe(
      'no customer group named "retail" (did you mean "Retail"?)',
    )
    expect(check(report, 'customer-group.Wholesale')).toMatchObject({status: 'fail', failureKind: 'other'})
    expect(report.exitCode).toBe(1)
  })

  it('a missing category tree and a missing channel', async () => {
    const {report} = await doctor({}, anInput({treeId: 99, channelId: 7}))
    expect(check(report, 'category-tree')).toMatchObject({
      status: 'fail',
      detail: 'no category tree with id 99',
    })
    expect(check(report, 'channel')).toMatchObject({status: 'fail', detail: 'no channel with id 7'})
    expect(report.exitCode).toBe(1)
  })

  it('without a catalog the reference checks are one skipped line', async () => {
    const {report} = await doctor({}, null)
    expect(check(report, 'catalog').status).toBe('skip')
    expect(report.exitCode).toBe(0)
  })

  it('warns when other apps have left only the reserve', async () => {
    // How many requests doctor itself sends without a catalog, measured on a roomy sandbox.
    const probe = await doctor({}, null)
    const own = ((await (await fetch(`${probe.sandbox.url}/__sandbox/stats`)).json()) as {requests: number})
      .requests
    const quota = 40
    const reserve = Math.ceil(quota * 0.1)
    const sandbox = await aSandbox({quota})
    sandboxes.push(sandbox)
    for (let i = 0; i < quota - reserve - own; i += 1) {
      await fetch(`${sandbox.url}/stores/${sandbox.storeHash}/v2/time`, {
        headers: {'X-Auth-Token': sandbox.token},
      })
    }
    const report = await runDoctor({
      connection: {client: clientFor(sandbox), apiUrl: sandbox.url, envNames: ENV_NAMES},
      input: undefined,
    })
    expect(check(report, 'rate-limit')).toMatchObject({status: 'warn'})
    expect(check(report, 'rate-limit').detail).toMatch(/^40 requests per 30 s .*~4 left in this window/)
    expect(report.exitCode).toBe(0)
  })
})
