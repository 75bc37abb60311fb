import type {CategoryModel} from '../model/product.js'

import {normaliseCategoryPath} from '../model/normalise.js'

/** A node of `GET /v3/catalog/trees/{tree_id}/categories` (category-trees_catalog.v3.yml `CategoryNode`). */
export interface CategoryTreeNodeJson {
  id: number
  parent_id?: number
  name: string
  children?: CategoryTreeNodeJson[] | null
  [field: string]: unknown
}

/**
 * An item of the flat `GET /v3/catalog/trees/categories` list (`category_id`, `tree_id`) or of the legacy
 * `GET /v3/catalog/categories` list (`id`).
 */
export interface CategoryListItemJson {
  category_id?: number
  id?: number
  parent_id: number
  name: string
  tree_id?: number
  [field: string]: unknown
}

export interface CategoryIndex {
  pathById: Map<number, string>
  idByPath: Record<string, number>
  categories: CategoryModel[]
}

/** BigCommerce allows 8 child levels (category-trees_catalog.v3.yml); a deeper chain is a cycle. */
const MAX_DEPTH = 16

/**
 * The category tree → path by id and id by path (`Kitchen/Mugs`). Accepts the nested tree or a flat list
 * (optionally filtered to one `treeId`). Names containing `/` cannot be told apart from a child level in
 * a path; they are kept as they are (the catalog cannot name them either). When two categories share a
 * path, the first keeps it.
 */
export function mapCategoryTree(
  input: readonly CategoryTreeNodeJson[] | readonly CategoryListItemJson[],
  options: {treeId?: number} = {},
): CategoryIndex {
  const flat: Array<{id: number; parentId: number; name: string}> = []
  const visit = (nodes: readonly CategoryTreeNodeJson[], parentId: number, depth: number): void => {
    if (depth > MAX_DEPTH) return
    for (const node of nodes) {
      flat.push({id: node.id, parentId, name: node.name})
      visit(node.children ?? [], node.id, depth + 1)
    }
  }
  const isNested = input.some((item) => 'children' in item)
  if (isNested) visit(input as readonly CategoryTreeNodeJson[], 0, 0)
  else {
    for (const item of input as readonly CategoryListItemJson[]) {
      if (options.treeId !== undefined && item.tree_id !== undefined && item.tree_id !== options.treeId)
        continue
      const id = item.category_id ?? item.id
      if (id !== undefined) flat.push({id, parentId: item.parent_id, name: item.name})
    }
  }

  const byId = new Map(flat.map((node) => [node.id, node]))
  const pathById = new Map<number, string>()
  const resolve = (id: number): string | undefined => {
    const segments: string[] = []
    let current = byId.get(id)
    for (let depth = 0; current && depth <= MAX_DEPTH; depth++) {
      segments.unshift(current.name)
      if (current.parentId === 0) return normaliseCategoryPath(segments.join('/'))
      current = byId.get(current.parentId)
    }
    return undefined // an orphan or a cycle: no path
  }
  const idByPath: Record<string, number> = {}
  for (const node of flat) {
    const path = resolve(node.id)
    if (path === undefined) continue
    pathById.set(node.id, path)
    if (!(path in idByPath)) idByPath[path] = node.id
  }
  const categories = Object.keys(idByPath)
    .sort()
    .map((path) => ({path}))
  return {pathById, idByPath, categories}
}

/**
 * Category id → path as the catalog names it. In `static` mode categories.yaml maps the catalog's paths
 * to ids whose names in the store may differ; those ids must read back as the catalog's path, or every
 * product would show category drift. Other ids keep their tree path.
 */
export function categoryPathsForProducts(
  index: CategoryIndex,
  staticCategories: Record<string, number> = {},
): Map<number, string> {
  const pathById = new Map(index.pathById)
  for (const [path, id] of Object.entries(staticCategories)) pathById.set(id, normaliseCategoryPath(path))
  return pathById
}
