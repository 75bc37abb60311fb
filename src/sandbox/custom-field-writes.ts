/** Inline custom fields on product writes: validated first, applied once the whole request is valid. */
import {fail} from './api-errors.js'
import {assertFields, pickFields} from './field-rules.js'
import type {SandboxStore} from './store.js'
import {applyChanges} from './store.js'
import type {Json, ProductRecord} from './state.js'

export const MAX_CUSTOM_FIELDS = 200

export function checkCustomFields(product: ProductRecord | undefined, list: unknown): Json[] {
  if (!Array.isArray(list)) fail(422, 'JSON data is missing or invalid', {custom_fields: 'must be an array'})
  const items = list as Json[]
  for (const item of items) {
    assertFields(
      item,
      {
        name: {type: 'string', min: 1, max: 250, required: true},
        value: {type: 'string', min: 1, max: 250, required: true},
      },
      {creating: item.id === undefined},
    )
    if (item.id !== undefined && !product?.customFields.some((field) => field.id === item.id)) {
      fail(422, 'JSON data is missing or invalid', {
        custom_fields: `Custom field ${String(item.id)} does not exist`,
      })
    }
  }
  const added = items.filter((item) => item.id === undefined).length
  if ((product?.customFields.length ?? 0) + added > MAX_CUSTOM_FIELDS) {
    fail(422, 'JSON data is missing or invalid', {
      custom_fields: `A product can have at most ${MAX_CUSTOM_FIELDS} custom fields`,
    })
  }
  return items
}

export function applyCustomFields(store: SandboxStore, product: ProductRecord, items: Json[]): boolean {
  let changed = false
  for (const item of items) {
    const existing = product.customFields.find((field) => field.id === item.id)
    if (existing) {
      changed =
        applyChanges(existing, pickFields(item, {name: {type: 'string'}, value: {type: 'string'}})) || changed
    } else {
      product.customFields.push({
        id: store.nextId('customField'),
        name: item.name as string,
        value: item.value as string,
      })
      changed = true
    }
  }
  return changed
}
