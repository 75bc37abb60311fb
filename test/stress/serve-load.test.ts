import {spawn, type ChildProcess} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import {request as httpRequest} from 'node:http'
import {fileURLToPath} from 'node:url'

import fc from 'fast-check'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startServe, type RunningServe} from '../../src/serve/start-serve.js'
import type {RunOutcome, RunRequest} from '../../src/serve/run-queue.js'
import {CatalogDir} from '../e2e/helpers/catalog-dir.js'
import {someCatalogProducts} from '../e2e/helpers/catalog-factory.js'
import {chaosLevel, fuzzSeed} from './chaos-level.js'

/**
 * `serve` under load and under hostile requests (issue 11), on loopback only:
 * - the built CLI takes a flood of triggers from concurrent clients (real applies against the embedded
 *   sandbox): it stays up, its memory stays flat, at most one apply runs at any moment, and every
 *   request without the right token is refused;
 * - random methods, paths, headers and bodies get only the documented answers, never a 500.
 */

const bin = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const TOKEN = 'serve-load-token-0b7c4e2f9d'
const SYNC = '/api/v1/channels/bigcommerce/sync'
const level = chaosLevel()
const seed = fuzzSeed()

interface Answer {
  status: number
  body: string
}

function call(
  url: string,
  path: string,
  init: {method?: string; headers?: Record<string, string>; body?: string | Buffer} = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // The raw path, sent as is (a fuzzed `//x` is a path here, not a protocol-relative URL).
    const origin = new URL(url)
    const req = httpRequest(
      {
        host: origin.hostname,
        port: origin.port,
        path,
        method: init.method ?? 'GET',
        headers: init.headers,
        agent: false,
      },
      (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve({status: res.statusCode ?? 0, body}))
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

const trigger = (token: string, body = '{"scope":"products","mode":"full"}') => ({
  method: 'POST',
  headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
  body,
})

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

describe('serve under load', () => {
  let catalog: CatalogDir
  let child: ChildProcess
  let url = ''
  let stderr = ''

  beforeAll(async () => {
    catalog = await CatalogDir.fromParts({
      config: {guardrails: {max_change_share: 1}},
      products: someCatalogProducts(5),
    })
    child = spawn(
      process.execPath,
      [bin, 'serve', '--dir', 'catalog', '--sandbox', '--port', '0', '--no-schedules'],
      {
        cwd: catalog.root,
        env: {...process.env, NO_COLOR: '1', CATALOGCTL_WEBHOOK_TOKEN: TOKEN},
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    )
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const deadline = Date.now() + 60_000
    while (!url && Date.now() < deadline) {
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1] ?? ''
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(url, stderr).not.toBe('')
  }, 90_000)

  afterAll(async () => {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    await catalog.remove()
  })

  const total = level === 'full' ? 1_000 : 200
  const clients = level === 'full' ? 50 : 20

  it(`${total} triggers from ${clients} clients: stays up, memory flat, one apply at a time, intruders refused`, async () => {
    const pid = child.pid ?? 0
    const before = await rssMb(pid)
    let maxRunning = 0
    let peak = before
    const statuses: Record<string, number> = {}
    const intruders: Answer[] = []
    let sent = 0
    const watcher = setInterval(() => {
      void call(url, '/api/v1/runs', {headers: {authorization: `Bearer ${TOKEN}`}})
        .then((answer) => {
          if (answer.status !== 200) return
          const runs = (JSON.parse(answer.body) as {runs: {status: string}[]}).runs
          maxRunning = Math.max(maxRunning, runs.filter((run) => run.status === 'running').length)
        })
        .catch(() => undefined)
      void rssMb(pid).then((mb) => (peak = Math.max(peak, mb)))
    }, 50)
    try {
      await Promise.all(
        Array.from({length: clients}, async (_unused, client) => {
          while (sent < total) {
            const index = sent++
            const intruder = index % 10 === 3
            const answer = await call(url, SYNC, trigger(intruder ? `${TOKEN}x` : TOKEN))
            statuses[answer.status] = (statuses[answer.status] ?? 0) + 1
            if (intruder) intruders.push(answer)
            void client
          }
        }),
      )
    } finally {
      clearInterval(watcher)
    }
    const health = await call(url, '/healthz')
    const after = await rssMb(pid)
    console.info(
      `serve load: ${total} triggers from ${clients} clients → ${JSON.stringify(statuses)}; max running ${maxRunning}; RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} → ${after.toFixed(0)} MB`,
    )
    expect(health.status).toBe(200)
    expect(child.exitCode).toBeNull()
    expect(maxRunning).toBeLessThanOrEqual(1)
    // Refused: 401, or 429 when the flood limit answers first — never accepted.
    expect(intruders.every((answer) => answer.status === 401 || answer.status === 429)).toBe(true)
    expect(intruders.some((answer) => answer.status === 401)).toBe(true)
    expect(Object.keys(statuses).every((status) => ['202', '401', '429'].includes(status))).toBe(true)
    expect(statuses['202'] ?? 0).toBeGreaterThan(0)
    // Flat: the flood must not grow the process by more than a bounded amount (no per-request leak).
    expect(after - before, `RSS ${before} → ${after} MB`).toBeLessThan(80)
  }, 600_000)
})

describe('serve fuzzed', () => {
  let server: RunningServe
  let runs = 0
  beforeAll(async () => {
    const runner = async (request: RunRequest): Promise<RunOutcome> => {
      runs++
      void request
      return {exitCode: 0, results: []}
    }
    server = await startServe({port: 0, tokens: [TOKEN], runner, burst: 1_000_000, perSecond: 1_000_000})
  })
  afterAll(async () => {
    await server.close(1000)
  })

  const DOCUMENTED = new Set([200, 202, 400, 401, 404, 405, 413, 415, 429])
  const methods = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE')
  const paths = fc.oneof(
    fc.constantFrom(
      SYNC,
      '/api/v1/runs',
      '/api/v1/runs/1',
      '/api/v1/schedules',
      '/healthz',
      '/',
      '/api/v1/runs/%00',
      '/api/v1/../etc/passwd',
      `${SYNC}?x=1`,
    ),
    fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
  )
  const bodies = fc.oneof(
    fc.constant(undefined),
    fc.json(),
    fc.string({maxLength: 200}),
    fc.uint8Array({maxLength: 300}).map((bytes) => Buffer.from(bytes)),
    fc.constantFrom(
      '{"scope":"all","mode":"delta"}',
      '{"scope":"everything"}',
      '{"scope":1}',
      '[]',
      'null',
      '{',
    ),
    fc.integer({min: 16 * 1024 + 1, max: 40 * 1024}).map((size) => 'x'.repeat(size)),
  )
  const headers = fc.record(
    {
      authorization: fc.oneof(
        fc.constant(`Bearer ${TOKEN}`),
        fc.constant('Bearer'),
        fc.string({maxLength: 40}),
        fc.constant(`bearer ${TOKEN}`),
      ),
      'content-type': fc.constantFrom(
        'application/json',
        'text/plain',
        'application/json; charset=utf-8',
        'multipart/form-data',
        '',
      ),
    },
    {requiredKeys: []},
  )

  it(`random methods, paths, headers and bodies get only documented answers (${level === 'full' ? 2_000 : 300} requests)`, async () => {
    await fc.assert(
      fc.asyncProperty(methods, paths, headers, bodies, async (method, path, requestHeaders, body) => {
        const clean = Object.fromEntries(
          Object.entries(requestHeaders).filter(([, value]) => value !== '' && !/[^\t\x20-\x7e]/.test(value)),
        )
        const answer = await call(server.url, path, {
          method,
          headers: clean,
          ...(body === undefined || method === 'GET' || method === 'HEAD' ? {} : {body}),
        })
        expect(
          DOCUMENTED.has(answer.status),
          `${method} ${path} → ${answer.status} ${answer.body.slice(0, 200)}`,
        ).toBe(true)
        expect(answer.body).not.toMatch(/^\s+at .+:\d+:\d+/m)
      }),
      {numRuns: level === 'full' ? 2_000 : 300, seed},
    )
    const health = await call(server.url, '/healthz')
    expect(health.status).toBe(200)
    console.info(`serve fuzz: seed ${seed}; ${runs} runs were started by valid triggers`)
  }, 300_000)
})
