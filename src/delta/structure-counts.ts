import type {StoreApi} from '../live/store-api.js'
import {PAGE_LIMIT} from '../live/read-store.js'
import type {MarkerStructure} from './store-marker.js'

type Json = Record<string, unknown>

/** The ids of the store's brands and of the categories of one tree. */
export interface StructureIds {
  brands: number[]
  categories: number[]
}

/** Ids from the listings `/v3/catalog/brands` and `/v3/catalog/trees/categories`. */
export function structureIds(
  brands: readonly Json[],
  categories: readonly Json[],
  treeId: number,
): StructureIds {
  const inTree = categories.filter(
    (item) => item['tree_id'] === undefined || Number(item['tree_id']) === treeId,
  )
  return {
    brands: validIds(brands.map((item) => Number(item['id']))),
    categories: validIds(inTree.map((item) => Number(item['category_id'] ?? item['id']))),
  }
}

/** Lists brands and the tree's categories and counts them, for the marker. */
export async function readStructureCounts(api: StoreApi, treeId: number): Promise<MarkerStructure> {
  const [brands, categories] = await Promise.all([
    api.listAll<Json>('/v3/catalog/brands', {query: {include_fields: 'id'}, limit: PAGE_LIMIT}),
    api.listAll<Json>('/v3/catalog/trees/categories', {query: {'tree_id:in': treeId}, limit: PAGE_LIMIT}),
  ])
  return countStructure(structureIds(brands, categories, treeId))
}

export function countStructure(ids: StructureIds): MarkerStructure {
  const count = (list: readonly number[]): {count: number; max_id: number} => ({
    count: list.length,
    max_id: list.reduce((max, id) => Math.max(max, id), 0),
  })
  return {brands: count(ids.brands), categories: count(ids.categories)}
}

/**
 * Brands and categories deleted in the store since a counting, in words, or null when none were. Ids only
 * grow, so deleted = count then + created since (ids above the highest then) − count now.
 */
export function deletedStructure(then: MarkerStructure, now: StructureIds): string | null {
  const deleted = (kind: keyof StructureIds): number =>
    then[kind].count + now[kind].filter((id) => id > then[kind].max_id).length - now[kind].length
  const brands = deleted('brands')
  const categories = deleted('categories')
  const parts = [
    ...(brands > 0 ? [`${brands} brand(s)`] : []),
    ...(categories > 0 ? [`${categories} categor${categories === 1 ? 'y' : 'ies'}`] : []),
  ]
  return parts.length === 0 ? null : `${parts.join(' and ')} were deleted in the store since the last apply`
}

function validIds(ids: readonly number[]): number[] {
  return ids.filter((id) => Number.isInteger(id) && id > 0)
}
