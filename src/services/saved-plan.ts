import {readFile, writeFile} from 'node:fs/promises'

import {freshPricingFingerprint} from '../plan/fingerprint-pricing.js'
import {firstBy} from '../collections/first-by.js'
import {ExitCode} from '../errors/exit-codes.js'
import {assertNever, UserError} from '../errors/user-error.js'
import {brandMatchKey, productMatchKey} from '../model/kinds.js'
import type {LiveState} from '../model/live-state.js'
import type {ProductModel} from '../model/product.js'
import type {VariantModel} from '../model/variant.js'
import {fingerprintRecord, sameFingerprint} from '../plan/fingerprint.js'
import {PLAN_FORMAT_VERSION, type Fingerprint, type Plan} from '../plan/plan.js'

/** Writes a plan for `apply PLANFILE`. It holds the store hash and fingerprints, never a credential. */
export async function writePlanFile(file: string, plan: Plan): Promise<void> {
  await writeFile(file, `${JSON.stringify(plan, null, 2)}\n`)
}

export async function readPlanFile(file: string): Promise<Plan> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new UserError(`Cannot read the plan file ${file}: ${(error as Error).message}`, {
      code: 'plan.unreadable',
      hint: 'Write one with `catalogctl plan --out plan.json`.',
    })
  }
  let plan: Partial<Plan>
  try {
    plan = JSON.parse(text) as Partial<Plan>
  } catch {
    throw new UserError(`${file} is not a plan: it is not JSON`, {
      code: 'plan.invalid',
      hint: 'Write one with `catalogctl plan --out plan.json`.',
    })
  }
  if (plan.format_version !== PLAN_FORMAT_VERSION || !Array.isArray(plan.changes)) {
    throw new UserError(
      `${file} is not a plan of format ${PLAN_FORMAT_VERSION} (found ${String(plan.format_version)})`,
      {
        code: 'plan.unsupported-format',
        hint: 'Make the plan again with this version of catalogctl.',
      },
    )
  }
  return plan as Plan
}

/** Live products and variants by match key, built once per read: a saved plan may hold 6,000 variants. */
const liveLookups = new WeakMap<
  LiveState,
  {products: Map<string, ProductModel>; variants: Map<string, VariantModel>}
>()

function liveLookup(live: LiveState): {
  products: Map<string, ProductModel>
  variants: Map<string, VariantModel>
} {
  let lookup = liveLookups.get(live)
  if (!lookup) {
    const bySku = (record: {sku: string}) => productMatchKey(record.sku)
    lookup = {products: firstBy(live.products, bySku), variants: firstBy(live.variants ?? [], bySku)}
    liveLookups.set(live, lookup)
  }
  return lookup
}

/** The live record behind a fingerprint, fingerprinted again from a fresh read. */
export function freshFingerprint(saved: Fingerprint, live: LiveState): Fingerprint {
  switch (saved.kind) {
    case 'product': {
      const key = productMatchKey(saved.key)
      const ids = live.ids.products[key]
      const record = liveLookup(live).products.get(key)
      if (!ids || !record) return fingerprintRecord('product', saved.key, null)
      return fingerprintRecord('product', saved.key, {record, id: ids.id, date_modified: ids.date_modified})
    }
    case 'brand': {
      const id = live.ids.brands[brandMatchKey(saved.key)]
      if (id === undefined) return fingerprintRecord('brand', saved.key, null)
      return fingerprintRecord('brand', saved.key, {record: {name: saved.key}, id})
    }
    case 'category': {
      const id = live.ids.categories[saved.key]
      if (id === undefined) return fingerprintRecord('category', saved.key, null)
      return fingerprintRecord('category', saved.key, {record: {path: saved.key}, id})
    }
    case 'customer_group':
    case 'price_list':
    case 'price_list_assignment':
    case 'price_record':
      return freshPricingFingerprint(saved, live)
    case 'variant': {
      const key = productMatchKey(saved.key)
      const ids = live.ids.variants?.[key]
      const record = liveLookup(live).variants.get(key)
      if (!ids || !record) return fingerprintRecord('variant', saved.key, null)
      return fingerprintRecord('variant', saved.key, {record, id: ids.id})
    }
    case 'option':
      return saved
    // Stock and locations carry no fingerprint: an absolute adjustment sets a level whatever it was.
    case 'location':
    case 'stock':
      return saved
    default:
      return assertNever(saved.kind, 'kind')
  }
}

/**
 * The records a saved plan read that changed in the store since: a stale plan is never applied blindly
 * (ecosystem.md §A2, Terraform's "Saved plan is stale").
 */
export function staleRecords(plan: Plan, live: LiveState): Fingerprint[] {
  return plan.fingerprints.filter((saved) => !sameFingerprint(saved, freshFingerprint(saved, live)))
}

export function assertSameStore(plan: Plan, storeHash: string): void {
  if (plan.store.hash === storeHash) return
  throw new UserError(`The plan was made for store "${plan.store.hash}", not "${storeHash}"`, {
    code: 'plan.other-store',
    hint: 'Apply it with the credentials of the store it was made for, or make a new plan.',
    exitCode: ExitCode.refused,
  })
}
