import {MockAgent} from 'undici'

import {BigCommerceClient, RateLimiter, type ClientOptions} from '../../src/bigcommerce/index.js'

export const MOCK_ORIGIN = 'http://127.0.0.1:9'
export const MOCK_TOKEN = 'mock-secret-token-7f3a9c'
export const STORE = '/stores/abc123'

/** Rate-limit headers as BigCommerce sends them, with overrides. */
export function rateHeaders(over: Partial<Record<string, string>> = {}): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-rate-limit-requests-quota': '150',
    'x-rate-limit-requests-left': '140',
    'x-rate-limit-time-reset-ms': '20000',
    'x-rate-limit-time-window-ms': '30000',
    ...over,
  }
}

/**
 * A client wired to an undici MockAgent (network off): for what no server can produce — malformed JSON,
 * HTML error pages, truncated bodies, connection errors. Each test gets its own limiter.
 */
export function mockStore(options: Partial<ClientOptions> = {}) {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const pool = agent.get(MOCK_ORIGIN)
  const lines: string[] = []
  const client = new BigCommerceClient({
    baseUrl: MOCK_ORIGIN,
    storeHash: 'abc123',
    accessToken: MOCK_TOKEN,
    dispatcher: agent,
    rateLimiter: new RateLimiter(),
    verbose: true,
    log: (line) => lines.push(line),
    ...options,
    retry: {baseDelayMs: 5, maxDelayMs: 20, ...options.retry},
  })
  return {agent, pool, client, lines}
}
