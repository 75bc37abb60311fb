/**
 * The engine's entry points (pure: no HTTP, no filesystem). The flow:
 * buildDesiredState (src/model/desired.ts) + assembleLiveState (src/live/map-store.ts) → diff → Plan →
 * checkGuardrails / renderers (src/render/index.ts); saved plans: fingerprintRecord / sameFingerprint.
 */
export {changedModelFields} from './changed-fields.js'
export {diff} from './diff.js'
export type {DiffOptions, ProductPrunePolicy} from './diff.js'
export {BATCH_SIZES, estimateRequests} from './estimate.js'
export type {QuotaOptions} from './estimate.js'
export {catalogHash, fingerprintRecord, hashRecord, sameFingerprint} from './fingerprint.js'
export {checkGuardrails, DEFAULT_MAX_SHARE, managedCount} from './guardrails.js'
export type {GuardrailConfig, GuardrailVerdict} from './guardrails.js'
export * from './plan.js'
export {compileSelection, globToRegExp} from './selection.js'
export type {CompiledSelection, Selection} from './selection.js'
