import {configure} from 'safe-stable-stringify'

import type {ApplyReport} from '../apply/result.js'
import type {Plan} from '../plan/plan.js'

const stableStringify = configure({deterministic: true})

/**
 * The Plan value as JSON (schemas/plan.schema.json), keys sorted so the same plan always serialises to
 * the same bytes (saved plans diff cleanly; golden tests are stable). Pure.
 */
export function renderPlanJson(plan: Plan): string {
  return `${stableStringify(plan, null, 2) ?? 'null'}\n`
}

/** An apply report as JSON (schemas/result.schema.json), keys sorted. */
export function renderResultsJson(report: ApplyReport): string {
  return `${stableStringify(report, null, 2) ?? 'null'}\n`
}
