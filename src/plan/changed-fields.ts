import type {Change} from './plan.js'

import {fieldOfPath} from '../model/kinds.js'

/**
 * The top-level model fields an update writes (`price`, `custom_fields`, `images`…), from its field
 * list: what the apply executor puts in the request body. Fields outside the plan's scope never appear,
 * so a pricing plan never sends content and vice versa. Creates write every field; deletes none.
 */
export function changedModelFields(change: Change): string[] {
  return [...new Set(change.fields.map((field) => fieldOfPath(field.path)))]
}
