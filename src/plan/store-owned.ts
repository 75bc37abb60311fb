import type {FieldChange} from './plan.js'

import {fieldOfPath} from '../model/kinds.js'

/** Catalog names (catalogctl.yaml `store_owned_fields`) → the model fields (or `mapped.x` paths) they cover. */
const MODEL_FIELDS: Record<string, string[]> = {
  dimensions: ['width', 'height', 'depth'],
  status: ['is_visible'],
}
const CORE = new Set([
  'name',
  'type',
  'description',
  'brand',
  'price',
  'sale_price',
  'cost_price',
  'retail_price',
  'weight',
  'availability',
  'categories',
  'images',
  'custom_fields',
  'metafields',
])

/**
 * A filter for a product's FieldChanges that drops the fields the store owns (catalogctl.yaml
 * `store_owned_fields`): such a field is never an update, never drift (drift reads the same plan), so apply
 * never writes it. Creates are not filtered: a new product gets the catalog's value when it gives one.
 */
export function storeOwnedFilter(names: readonly string[] | undefined): (field: FieldChange) => boolean {
  if (!names || names.length === 0) return () => true
  const fields = new Set<string>()
  const mapped = new Set<string>()
  for (const name of names) {
    if (MODEL_FIELDS[name]) for (const field of MODEL_FIELDS[name]) fields.add(field)
    else if (CORE.has(name)) fields.add(name)
    else mapped.add(`mapped.${name}`)
  }
  return (change) => !fields.has(fieldOfPath(change.path)) && !mapped.has(change.path)
}
