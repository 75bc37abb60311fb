import type {CustomFieldModel, ImageModel, MetafieldModel} from '../model/product.js'

/**
 * Pure planners for a product's sub-resources: given the live list with its ids and the desired list,
 * what to write. Matching is by content, so an unchanged item is never rewritten.
 */

export interface CustomFieldWrites {
  /** For the product's inline `custom_fields` (with `id` = update in place, without = create). */
  upserts: {id?: number; name: string; value: string}[]
  deletes: number[]
}

export function planCustomFieldWrites(
  live: readonly CustomFieldModel[],
  liveIds: Readonly<Record<string, number>>,
  desired: readonly CustomFieldModel[],
): CustomFieldWrites {
  const idOf = (field: CustomFieldModel) => liveIds[`${field.name}\u0000${field.value}`]
  const unmatchedLive = live.filter((field) => !desired.some((d) => sameCustomField(d, field)))
  const upserts: CustomFieldWrites['upserts'] = []
  for (const field of desired) {
    if (live.some((l) => sameCustomField(l, field))) continue
    const reusable = unmatchedLive.findIndex((l) => l.name === field.name)
    const id = reusable >= 0 ? idOf(unmatchedLive.splice(reusable, 1)[0]!) : undefined
    upserts.push(
      id === undefined ? {name: field.name, value: field.value} : {id, name: field.name, value: field.value},
    )
  }
  const deletes = unmatchedLive.map(idOf).filter((id): id is number => id !== undefined)
  return {upserts, deletes}
}

function sameCustomField(a: CustomFieldModel, b: CustomFieldModel): boolean {
  return a.name === b.name && a.value === b.value
}

export interface ImageWrites {
  creates: {index: number; body: Record<string, unknown>}[]
  updates: {imageId: number; index: number; body: Record<string, unknown>}[]
  deletes: number[]
  /** Image id by desired index for the images kept (creates fill in the rest). */
  keptIds: Map<number, number>
}

/** Images are matched by source URL; position decides `sort_order` and the thumbnail (first). */
export function planImageWrites(
  live: readonly ImageModel[],
  liveIds: readonly number[],
  desired: readonly ImageModel[],
): ImageWrites {
  const available = live.map((image, index) => ({image, index, id: liveIds[index]}))
  const writes: ImageWrites = {creates: [], updates: [], deletes: [], keptIds: new Map()}
  desired.forEach((image, index) => {
    const at = available.findIndex((candidate) => candidate.image.url === image.url)
    const body = {description: image.alt, is_thumbnail: index === 0, sort_order: index}
    if (at < 0) {
      writes.creates.push({index, body: {image_url: image.url, ...body}})
      return
    }
    const [match] = available.splice(at, 1)
    if (match?.id === undefined) return
    writes.keptIds.set(index, match.id)
    if (match.image.alt !== image.alt || match.index !== index)
      writes.updates.push({imageId: match.id, index, body})
  })
  for (const leftover of available) if (leftover.id !== undefined) writes.deletes.push(leftover.id)
  return writes
}

export interface MetafieldWrites {
  creates: MetafieldModel[]
  updates: {id: number; value: string}[]
  deletes: number[]
}

export function planMetafieldWrites(
  live: readonly MetafieldModel[],
  liveIds: Readonly<Record<string, number>>,
  desired: readonly MetafieldModel[],
): MetafieldWrites {
  const keyOf = (field: MetafieldModel) => `${field.namespace}\u0000${field.key}`
  const liveByKey = new Map(live.map((field) => [keyOf(field), field]))
  const desiredKeys = new Set(desired.map(keyOf))
  const writes: MetafieldWrites = {creates: [], updates: [], deletes: []}
  for (const field of desired) {
    const current = liveByKey.get(keyOf(field))
    const id = liveIds[keyOf(field)]
    if (!current || id === undefined) writes.creates.push(field)
    else if (current.value !== field.value) writes.updates.push({id, value: field.value})
  }
  for (const field of live) {
    const id = liveIds[keyOf(field)]
    if (!desiredKeys.has(keyOf(field)) && id !== undefined) writes.deletes.push(id)
  }
  return writes
}
