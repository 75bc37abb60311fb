import {BigCommerceClient, RateLimiter, type ClientOptions} from '../../src/bigcommerce/index.js'
import {startSandbox, type RunningSandbox, type SandboxOptions} from '../../src/sandbox/index.js'

export interface SandboxStats {
  requests: number
  byRoute: Record<string, number>
  byStatus: Record<string, number>
  rateLimited: number
  concurrencyLimited: number
  faults: Record<string, number>
}

/** A sandbox and a client for it with its own limiter and fast backoff; every log line is captured. */
export async function sandboxClient(
  sandboxOptions: SandboxOptions = {},
  clientOptions: Partial<ClientOptions> = {},
) {
  const sandbox: RunningSandbox = await startSandbox(sandboxOptions)
  const lines: string[] = []
  const client = new BigCommerceClient({
    baseUrl: sandbox.url,
    storeHash: sandbox.storeHash,
    accessToken: sandbox.token,
    rateLimiter: new RateLimiter(),
    verbose: true,
    log: (line) => lines.push(line),
    ...clientOptions,
    retry: {baseDelayMs: 10, maxDelayMs: 50, ...clientOptions.retry},
  })
  const stats = async (): Promise<SandboxStats> =>
    (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as SandboxStats
  return {sandbox, client, lines, stats}
}
