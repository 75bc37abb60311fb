import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {BigCommerceClient, RateLimiter} from '../../src/bigcommerce/index.js'
import type {DoctorInput} from '../../src/doctor/index.js'
import {startSandbox, type RunningSandbox, type SandboxOptions} from '../../src/sandbox/index.js'

/** What a fresh sandbox has: location 1, customer group "Retail", tree 1 serving channel 1. */
export function anInput(overrides: Partial<DoctorInput> = {}): DoctorInput {
  return {
    locations: [{key: 'main', id: 1}],
    customerGroups: ['Retail'],
    treeId: 1,
    channelId: 1,
    ...overrides,
  }
}

export function clientFor(
  sandbox: RunningSandbox,
  overrides: {accessToken?: string; storeHash?: string; baseUrl?: string} = {},
) {
  return new BigCommerceClient({
    baseUrl: overrides.baseUrl ?? sandbox.url,
    storeHash: overrides.storeHash ?? sandbox.storeHash,
    accessToken: overrides.accessToken ?? sandbox.token,
    rateLimiter: new RateLimiter(),
    retry: {maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10},
    timeoutMs: 5000,
  })
}

export async function aSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({quota: 10_000, ...options})
}

/** A catalog folder with only what doctor reads; `config` is catalogctl.yaml's text. */
export function aCatalogDir(config: string, priceListGroups: string[] = ['Retail']): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalogctl-doctor-'))
  writeFileSync(path.join(dir, 'catalogctl.yaml'), config)
  writeFileSync(path.join(dir, 'categories.yaml'), 'mode: auto_create\ntree_id: 1\ncategories: []\n')
  mkdirSync(path.join(dir, 'price-lists'))
  writeFileSync(
    path.join(dir, 'price-lists', 'retail.yaml'),
    `name: Retail prices\ncurrency: USD\ncustomer_groups: [${priceListGroups.join(', ')}]\nprices: {}\n`,
  )
  return dir
}

export const MATCHING_CONFIG = `channel: 1
locations:
  main:
    id: 1
customer_groups:
  Retail: {}
`
