import {afterEach, describe, expect, it} from 'vitest'

import {serveCatalog} from '../../src/serve/serve-service.js'
import {startServe, type RunningServe} from '../../src/serve/start-serve.js'
import type {RunOutcome, RunRequest} from '../../src/serve/run-queue.js'

const TOKEN = 'serve-test-token-5f0c9a7e31'
const SYNC = '/api/v1/channels/bigcommerce/sync'

/** A runner that records what ran and how many ran at once; each run takes `ms`. */
function aFakeRunner(ms = 40) {
  const state = {active: 0, maxActive: 0, runs: [] as RunRequest[], aborted: 0}
  const runner = async (request: RunRequest): Promise<RunOutcome> => {
    state.runs.push(request)
    state.active++
    state.maxActive = Math.max(state.maxActive, state.active)
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      request.signal.addEventListener('abort', () => {
        state.aborted++
        clearTimeout(timer)
        resolve()
      })
    })
    state.active--
    return {
      exitCode: request.signal.aborted ? 1 : 0,
      results: [{kind: 'product', key: 'TEE-1', action: 'update', status: 'applied'}],
    }
  }
  return {state, runner}
}

let servers: RunningServe[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close(1000)))
  servers = []
})

async function aServer(options: Partial<Parameters<typeof startServe>[0]> = {}, runMs = 40) {
  const fake = aFakeRunner(runMs)
  const server = await startServe({port: 0, tokens: [TOKEN], runner: fake.runner, ...options})
  servers.push(server)
  return {server, fake}
}

function call(
  server: RunningServe,
  path: string,
  init: {
    method?: string
    body?: string
    token?: string | null
    type?: string | null
    headers?: Record<string, string>
  } = {},
) {
  const headers: Record<string, string> = {...init.headers}
  if (init.token !== null) headers['authorization'] = `Bearer ${init.token ?? TOKEN}`
  if (init.type !== null && init.body !== undefined) headers['content-type'] = init.type ?? 'application/json'
  return fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : {body: init.body}),
  })
}

const sync = (server: RunningServe, body: unknown, init: Parameters<typeof call>[2] = {}) =>
  call(server, SYNC, {method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), ...init})

describe('serve: bad requests get the right answer and nothing runs', () => {
  it('401 without or with a wrong token; 400 with the allowed values; 413; 415; 405 with Allow; 404', async () => {
    const {server, fake} = await aServer()
    const cases: [Promise<Response>, number][] = [
      [sync(server, {scope: 'all'}, {token: null}), 401],
      [sync(server, {scope: 'all'}, {token: `${TOKEN}x`}), 401],
      [sync(server, {scope: 'all'}, {token: null, headers: {authorization: `Basic ${TOKEN}`}}), 401],
      [call(server, '/api/v1/runs', {token: 'nope'}), 401],
      [sync(server, {scope: 'everything'}), 400],
      [sync(server, {scope: 'all', mode: 'incremental'}), 400],
      [sync(server, {mode: 'full'}), 400],
      [sync(server, {scope: 'all', drop: 'tables'}), 400],
      [sync(server, '{not json'), 400],
      [sync(server, '[1]'), 400],
      [sync(server, {scope: 'all', pad: 'x'.repeat(17 * 1024)}), 413],
      [sync(server, {scope: 'all'}, {type: 'text/plain'}), 415],
      [sync(server, 'scope=all', {type: 'application/x-www-form-urlencoded'}), 415],
      [call(server, SYNC), 405],
      [call(server, '/api/v1/runs', {method: 'DELETE'}), 405],
      [call(server, '/api/v1/nope'), 404],
      [call(server, '/'), 404],
    ]
    const answers = await Promise.all(cases.map(([response]) => response))
    expect(answers.map((answer) => answer.status)).toEqual(cases.map(([, status]) => status))

    const unknownScope = (await answers[4]?.json()) as {
      error: string
      allowed: {scope: string[]; mode: string[]}
    }
    expect(unknownScope.allowed).toEqual({
      scope: ['products', 'pricing', 'inventory', 'all'],
      mode: ['delta', 'full'],
    })
    expect(unknownScope.error).toContain('scope must be one of')
    expect(answers[5] && ((await answers[5].json()) as {error: string}).error).toContain(
      'mode must be one of delta, full',
    )
    expect(answers[13]?.headers.get('allow')).toBe('POST')
    expect(answers[14]?.headers.get('allow')).toBe('GET')
    expect(answers[0]?.headers.get('www-authenticate')).toBe('Bearer')
    expect(await answers[0]?.text()).not.toContain(TOKEN)

    expect(server.queue.list()).toEqual([])
    expect(fake.state.runs).toEqual([])
  })

  it('a flood of triggers gets 429 with Retry-After (token bucket)', async () => {
    const {server} = await aServer({burst: 3, perSecond: 0.01})
    const statuses: number[] = []
    for (let index = 0; index < 5; index++) statuses.push((await sync(server, {scope: 'pricing'})).status)
    expect(statuses).toEqual([202, 202, 202, 429, 429])
    const limited = await sync(server, {scope: 'pricing'})
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('/healthz needs no token and says what runs', async () => {
    const {server} = await aServer()
    const response = await call(server, '/healthz', {token: null})
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ok: true, running: null, queued: 0})
  })

  it('refuses to start without CATALOGCTL_WEBHOOK_TOKEN, or with a short one', async () => {
    const base = {
      dir: 'catalog',
      host: '127.0.0.1',
      port: 0,
      sandbox: true,
      allowDeletes: false,
      schedules: false,
      log: () => undefined,
    }
    await expect(serveCatalog({...base, env: {}})).rejects.toMatchObject({code: 'serve.no-token'})
    await expect(serveCatalog({...base, env: {CATALOGCTL_WEBHOOK_TOKEN: 'short'}})).rejects.toMatchObject({
      code: 'serve.weak-token',
    })
  })
})

describe('serve: queue', () => {
  it('20 parallel triggers: at most one apply at any moment, coalesced into at most two runs', async () => {
    // Each run takes 1.5 s, so all 20 arrive while the first runs: one runs, the rest join one queued run.
    const {server, fake} = await aServer({}, 1500)
    const answers = await Promise.all(
      Array.from({length: 20}, () => sync(server, {scope: 'inventory', mode: 'delta'})),
    )
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(202))
    const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as {
      run_id: string
      coalesced: boolean
    }[]
    const ids = new Set(bodies.map((body) => body.run_id))
    expect(ids.size).toBeLessThanOrEqual(2)
    expect(bodies.filter((body) => body.coalesced).length).toBe(20 - ids.size)

    // Another scope queues behind instead of joining.
    const pricing = (await (await sync(server, {scope: 'pricing', mode: 'full'})).json()) as {run_id: string}
    expect(ids.has(pricing.run_id)).toBe(false)

    await waitFor(async () => server.queue.list().every((run) => run.status === 'succeeded'))
    expect(fake.state.maxActive).toBe(1)
    expect(fake.state.runs.map((run) => run.scope)).toEqual([...Array(ids.size).fill('inventory'), 'pricing'])

    const run = (await (await call(server, `/api/v1/runs/${pricing.run_id}`)).json()) as Record<
      string,
      unknown
    >
    expect(run).toMatchObject({
      id: pricing.run_id,
      status: 'succeeded',
      scope: 'pricing',
      mode: 'full',
      exit_code: 0,
    })
    expect(run['results']).toEqual([{kind: 'product', key: 'TEE-1', action: 'update', status: 'applied'}])
    const list = (await (await call(server, '/api/v1/runs')).json()) as {
      runs: {id: string; triggers: string[]}[]
    }
    expect(list.runs.map((entry) => entry.id)[0]).toBe(pricing.run_id)
    expect(list.runs.reduce((sum, entry) => sum + entry.triggers.length, 0)).toBe(21)
    expect((await call(server, '/api/v1/runs/nope')).status).toBe(404)
  })

  it('a full trigger upgrades a queued delta run of the same scope', async () => {
    const {server, fake} = await aServer({}, 1000)
    await sync(server, {scope: 'products'}) // runs now
    await sync(server, {scope: 'products', mode: 'delta'}) // queued
    const joined = (await (await sync(server, {scope: 'products', mode: 'full'})).json()) as {
      coalesced: boolean
      mode: string
    }
    expect(joined).toMatchObject({coalesced: true, mode: 'full'})
    await waitFor(async () => fake.state.runs.length === 2 && fake.state.active === 0)
    expect(fake.state.runs.map((run) => run.mode)).toEqual(['delta', 'full'])
  })

  it('schedules.yaml jobs are listed with their next run, in their time zone', async () => {
    const {server} = await aServer({
      jobs: [{name: 'nightly', cron: '30 2 * * *', timezone: 'America/New_York', scope: 'all', mode: 'full'}],
    })
    const body = (await (await call(server, '/api/v1/schedules')).json()) as {
      schedules: Record<string, unknown>[]
    }
    expect(body.schedules).toHaveLength(1)
    const [job] = body.schedules
    expect(job).toMatchObject({name: 'nightly', timezone: 'America/New_York', last_run: null, enabled: true})
    const next = new Date(String(job?.['next_run']))
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    expect(local.format(next)).toBe('02:30')
  })

  it('a scheduled job fires through the same queue', async () => {
    const {server, fake} = await aServer({
      jobs: [{name: 'every-second', cron: '* * * * * *', scope: 'inventory'}],
    })
    await waitFor(async () => fake.state.runs.length > 0)
    const [schedule] = server.scheduler.list()
    expect(schedule?.last_run?.run_id).toBeDefined()
    expect(server.queue.get(schedule?.last_run?.run_id ?? '')?.triggers[0]).toBe('schedule:every-second')
  })

  it('close waits for the running apply; past the limit it interrupts it', async () => {
    const slow = aFakeRunner(300)
    const server = await startServe({port: 0, tokens: [TOKEN], runner: slow.runner})
    await sync(server, {scope: 'all'})
    await sync(server, {scope: 'pricing'}) // queued: dropped on shutdown
    await waitFor(async () => slow.state.active === 1)
    expect(await server.close(2000)).toEqual({finished: true})
    expect(slow.state.aborted).toBe(0)
    expect(
      server.queue
        .list()
        .map((run) => run.status)
        .sort(),
    ).toEqual(['failed', 'succeeded'])

    const stuck = aFakeRunner(5000)
    const other = await startServe({port: 0, tokens: [TOKEN], runner: stuck.runner})
    await sync(other, {scope: 'all'})
    await waitFor(async () => stuck.state.active === 1)
    expect(await other.close(50)).toEqual({finished: false})
    expect(stuck.state.aborted).toBe(1)
  })
})

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
