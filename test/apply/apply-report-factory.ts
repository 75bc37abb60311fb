import {RESULT_FORMAT_VERSION, type ApplyReport} from '../../src/apply/result.js'

/** A finished-looking apply report: one product created, unless `overrides` say otherwise. */
export function anApplyReport(overrides: Partial<ApplyReport> = {}): ApplyReport {
  return {
    format_version: RESULT_FORMAT_VERSION,
    run_id: 'run-1',
    started_at: '2026-12-03T10:00:00.000Z',
    finished_at: '2026-12-03T10:00:05.000Z',
    store: {hash: 'sandbox'},
    scope: 'all',
    mode: 'full',
    commit: null,
    summary: {create: 1, update: 0, delete: 0, unchanged: 0, unmanaged: 0, adopt: 0},
    results: [{kind: 'product', key: 'TEE-1', action: 'create', status: 'applied'}],
    stats: {requests: 2, retries: 0, rate_limited: 0},
    ...overrides,
  }
}
