import type {RunningSandbox, SandboxOptions} from '../../../src/sandbox/index.js'
import {startSandbox} from '../../../src/sandbox/index.js'
import type {Exchange} from './openapi-conformance.js'
import {OpenApiConformance, specsAvailable} from './openapi-conformance.js'

let conformance: OpenApiConformance | undefined
/** Every exchange of every test, checked against the official OpenAPI specs when a fixture stops. */
let warned = false
function checker(): OpenApiConformance | undefined {
  if (!specsAvailable()) {
    if (!warned)
      console.warn(
        'OpenAPI conformance checks skipped: ../shared/bigcommerce-openapi is absent beside the repository',
      )
    warned = true
    return undefined
  }
  conformance ??= new OpenApiConformance()
  return conformance
}

// Response bodies are checked field by field in the tests (and against the spec schemas), so `any` is deliberate.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ApiResult<T = any> {
  status: number
  headers: Headers
  body: T
  text: string
}

export interface CallOptions {
  token?: string | null
  contentType?: string | null
  raw?: string
  storeHash?: string
}

/** A started sandbox plus a tiny client; `call` uses paths relative to /stores/{hash}. */
export interface SandboxFixture {
  sandbox: RunningSandbox
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call<T = any>(method: string, path: string, body?: unknown, options?: CallOptions): Promise<ApiResult<T>>
  stop(): Promise<void>
}

export async function startFixture(options: SandboxOptions = {}): Promise<SandboxFixture> {
  const sandbox = await startSandbox({quota: 100_000, ...options})
  const exchanges: Exchange[] = []
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    callOptions: CallOptions = {},
  ): Promise<ApiResult<T>> => {
    const headers: Record<string, string> = {Accept: 'application/json'}
    const token = callOptions.token === undefined ? sandbox.token : callOptions.token
    if (token !== null) headers['X-Auth-Token'] = token
    const payload = callOptions.raw ?? (body === undefined ? undefined : JSON.stringify(body))
    const contentType = callOptions.contentType === undefined ? 'application/json' : callOptions.contentType
    if (payload !== undefined && contentType !== null) headers['Content-Type'] = contentType
    const response = await fetch(
      `${sandbox.url}/stores/${callOptions.storeHash ?? sandbox.storeHash}${path}`,
      {
        method,
        headers,
        ...(payload === undefined ? {} : {body: payload}),
      },
    )
    const text = await response.text()
    let parsed: unknown = undefined
    try {
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch {
      parsed = undefined
    }
    exchanges.push({
      method,
      path,
      requestBody: callOptions.raw === undefined ? body : undefined,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: parsed,
    })
    return {status: response.status, headers: response.headers, body: parsed as T, text}
  }
  const stop = async (): Promise<void> => {
    await sandbox.stop()
    const problems = checker()?.checkAll(exchanges) ?? []
    exchanges.length = 0
    if (problems.length > 0)
      throw new Error(`Responses or request bodies differ from the OpenAPI specs:\n${problems.join('\n')}`)
  }
  return {sandbox, call, stop}
}

let counter = 0

/** A minimal valid product body (S-P product_Base_POST); override what the test is about. */
export function aProduct(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++
  return {
    name: `Product ${counter}`,
    type: 'physical',
    weight: 1,
    price: 10,
    sku: `SKU-${counter}`,
    ...overrides,
  }
}

/** A variant with one `Size` option value, for product create and variant bodies. */
export function sized(
  sku: string,
  label: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {sku, option_values: [{option_display_name: 'Size', label}], ...extra}
}
