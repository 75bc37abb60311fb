import {randomUUID} from 'node:crypto'

import {ApiFailure, ERROR_TYPE, fail, notFound} from '../api-errors.js'
import {checkFields, pickFields} from '../field-rules.js'
import type {FieldRules} from '../field-rules.js'
import type {ApiReply, ApiRequest, RouteDefinition} from '../http-types.js'
import {arrayBody, boolParam, intListParam, paginate, projectFields, readPage} from '../listing.js'
import {slugify} from '../product-fields.js'
import type {SandboxStore} from '../store.js'
import {applyChanges} from '../store.js'
import type {Json} from '../state.js'

/** S-T limits: name ≤ 50, at most 8 levels of children, 16,000 categories per store. */
const MAX_DEPTH = 8
const MAX_CATEGORIES = 16_000

const CATEGORY_RULES: FieldRules = {
  name: {type: 'string', min: 1, max: 50},
  description: {type: 'string', max: 65535},
  parent_id: {type: 'integer', min: 0},
  tree_id: {type: 'integer', min: 1},
  sort_order: {type: 'integer'},
  page_title: {type: 'string', max: 255},
  meta_keywords: {type: 'array'},
  meta_description: {type: 'string', max: 65535},
  layout_file: {type: 'string', max: 500},
  image_url: {type: 'string'},
  is_visible: {type: 'boolean'},
  search_keywords: {type: 'string', max: 255},
  default_product_sort: {
    type: 'string',
    enum: [
      'use_store_settings',
      'featured',
      'newest',
      'best_selling',
      'alpha_asc',
      'alpha_desc',
      'avg_customer_review',
      'price_asc',
      'price_desc',
    ],
  },
  url: {type: 'object'},
  views: {type: 'integer', min: 0},
}

type Category = Json & {category_id: number; parent_id: number; tree_id: number; name: string}

const categories = (store: SandboxStore): Category[] => store.data.categories as Category[]

/** Depth of a category: 0 at the top level. */
function depthOf(store: SandboxStore, category: Category): number {
  let depth = 0
  let parent = category.parent_id
  for (let guard = 0; parent !== 0 && guard < 100; guard++) {
    const next = categories(store).find((candidate) => candidate.category_id === parent)
    if (!next) break
    depth++
    parent = next.parent_id
  }
  return depth
}

function assertSiblingNameFree(
  store: SandboxStore,
  treeId: number,
  parentId: number,
  name: string,
  selfId?: number,
): void {
  const clash = categories(store).some(
    (category) =>
      category.tree_id === treeId &&
      category.parent_id === parentId &&
      category.category_id !== selfId &&
      category.name.toLowerCase() === name.toLowerCase(),
  )
  if (clash)
    fail(409, 'Category name must be unique among its siblings', {
      name: `"${name}" already exists under this parent`,
    })
}

function placement(store: SandboxStore, input: Json, current?: Category): {treeId: number; parentId: number} {
  const parentId = typeof input.parent_id === 'number' ? input.parent_id : (current?.parent_id ?? 0)
  if (parentId !== 0) {
    const parent = categories(store).find((category) => category.category_id === parentId)
    if (!parent) fail(422, 'Parent category does not exist', {parent_id: 'Parent category does not exist.'})
    if (depthOf(store, parent) + 1 > MAX_DEPTH)
      fail(422, `Categories can be at most ${MAX_DEPTH} levels deep`, {parent_id: 'Maximum depth exceeded.'})
    return {treeId: parent.tree_id, parentId}
  }
  const treeId = typeof input.tree_id === 'number' ? input.tree_id : current?.tree_id
  if (treeId === undefined)
    fail(422, 'tree_id or parent_id is required', {tree_id: 'tree_id or parent_id is required.'})
  if (!store.data.trees.some((tree) => tree.id === treeId))
    fail(422, 'Tree does not exist', {tree_id: 'Tree does not exist.'})
  return {treeId, parentId: 0}
}

function createCategory(store: SandboxStore, input: Json): Category {
  const errors = checkFields(
    input,
    {...CATEGORY_RULES, name: {type: 'string', min: 1, max: 50, required: true}},
    {creating: true},
  )
  if (Object.keys(errors).length > 0) fail(422, 'JSON data is missing or invalid', errors)
  if (categories(store).length >= MAX_CATEGORIES)
    fail(422, `A store can have at most ${MAX_CATEGORIES} categories`)
  const {treeId, parentId} = placement(store, input)
  assertSiblingNameFree(store, treeId, parentId, input.name as string)
  const category: Category = {
    category_id: store.nextId('category'),
    category_uuid: randomUUID(),
    parent_id: parentId,
    tree_id: treeId,
    name: input.name as string,
    description: '',
    views: 0,
    sort_order: 0,
    page_title: '',
    meta_keywords: [],
    meta_description: '',
    layout_file: 'category.html',
    image_url: '',
    is_visible: true,
    search_keywords: '',
    default_product_sort: 'use_store_settings',
    url: {path: `/${slugify(input.name as string)}/`, is_customized: false},
    ...pickFields(input, CATEGORY_RULES),
  }
  category.parent_id = parentId
  category.tree_id = treeId
  store.data.categories.push(category)
  store.touch()
  return category
}

function updateCategory(store: SandboxStore, input: Json): void {
  if (typeof input.category_id !== 'number')
    fail(422, 'category_id is required', {category_id: 'category_id is required.'})
  const category = categories(store).find((candidate) => candidate.category_id === input.category_id)
  if (!category) fail(422, 'Category does not exist', {category_id: 'Category does not exist.'})
  const errors = checkFields(input, CATEGORY_RULES, {creating: false})
  if (Object.keys(errors).length > 0) fail(422, 'JSON data is missing or invalid', errors)
  const {treeId, parentId} = placement(store, input, category)
  if (parentId === category.category_id)
    fail(422, 'A category cannot be its own parent', {parent_id: 'invalid'})
  assertSiblingNameFree(
    store,
    treeId,
    parentId,
    (input.name as string | undefined) ?? category.name,
    category.category_id,
  )
  if (applyChanges(category, {...pickFields(input, CATEGORY_RULES), parent_id: parentId, tree_id: treeId}))
    store.touch()
}

/** Runs each item on its own; the index-prefixed field errors follow the recorded 422 (`"0.tree_id"`). */
function runBatch(
  items: Json[],
  run: (item: Json) => Json | undefined,
): {data: Json[]; errors: Record<string, string>; failedStatus?: number} {
  const data: Json[] = []
  const errors: Record<string, string> = {}
  let failedStatus: number | undefined
  items.forEach((item, index) => {
    try {
      const result = run(item)
      if (result) data.push(result)
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      const body = error.reply.body as {title: string; errors?: Record<string, string>}
      failedStatus = error.reply.status
      const fields = Object.entries(body.errors ?? {})
      if (fields.length === 0) errors[String(index)] = body.title
      for (const [field, message] of fields) errors[`${index}.${field}`] = message
    }
  })
  return {data, errors, ...(failedStatus === undefined ? {} : {failedStatus})}
}

function batchError(errors: Record<string, string>, status: number): Json {
  return {status, title: 'Some categories could not be saved.', type: ERROR_TYPE, errors}
}

function filterCategories(store: SandboxStore, request: ApiRequest): Category[] {
  const q = request.query
  const ids = intListParam(q, 'category_id:in')
  const notIds = intListParam(q, 'category_id:not_in')
  const trees = intListParam(q, 'tree_id:in')
  const notTrees = intListParam(q, 'tree_id:not_in')
  const parents = intListParam(q, 'parent_id:in')
  const notParents = intListParam(q, 'parent_id:not_in')
  const uuids = q.get('category_uuid:in')?.split(',')
  const name = q.get('name')
  const like = q.get('name:like')?.toLowerCase()
  const visible = boolParam(q, 'is_visible')
  return categories(store).filter(
    (c) =>
      (!ids || ids.has(c.category_id)) &&
      !notIds?.has(c.category_id) &&
      (!trees || trees.has(c.tree_id)) &&
      !notTrees?.has(c.tree_id) &&
      (!parents || parents.has(c.parent_id)) &&
      !notParents?.has(c.parent_id) &&
      (!uuids || uuids.includes(c.category_uuid as string)) &&
      (name === null || c.name === name) &&
      (like === undefined || c.name.toLowerCase().includes(like)) &&
      (visible === undefined || c.is_visible === visible),
  )
}

function subtreeIds(store: SandboxStore, roots: Set<number>): Set<number> {
  const out = new Set(roots)
  for (let grew = true, guard = 0; grew && guard < 20; guard++) {
    grew = false
    for (const category of categories(store)) {
      if (!out.has(category.category_id) && out.has(category.parent_id)) {
        out.add(category.category_id)
        grew = true
      }
    }
  }
  return out
}

function nestedTree(
  store: SandboxStore,
  treeId: number,
  parentId: number,
  depth: number,
  maxDepth: number,
  path: number[],
): Json[] {
  return categories(store)
    .filter((category) => category.tree_id === treeId && category.parent_id === parentId)
    .map((category) => ({
      id: category.category_id,
      parent_id: category.parent_id,
      depth,
      path,
      name: category.name,
      is_visible: category.is_visible,
      url: (category.url as {path: string}).path,
      children:
        depth + 1 < maxDepth
          ? nestedTree(store, treeId, category.category_id, depth + 1, maxDepth, [
              ...path,
              category.category_id,
            ])
          : [],
    }))
}

export const categoryTreeRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/v3/catalog/trees/categories',
    scope: 'products',
    handler: (request, store) => {
      const result = paginate(filterCategories(store, request), readPage(request.query, 50, 250))
      const project = projectFields(request.query)
      return {status: 200, body: {data: project ? result.data.map(project) : result.data, meta: result.meta}}
    },
  },
  {
    method: 'POST',
    template: '/v3/catalog/trees/categories',
    scope: 'products',
    handler: (request, store): ApiReply => {
      const items = arrayBody(request.body)
      const {data, errors, failedStatus} = runBatch(items, (item) => createCategory(store, item))
      const meta = {total: items.length, success: data.length, failed: items.length - data.length}
      if (data.length === items.length) return {status: 201, body: {data, meta}}
      if (data.length === 0) return {status: 422, body: {errors: batchError(errors, 422), meta}}
      return {status: 207, body: {data, errors: batchError(errors, failedStatus ?? 422), meta}}
    },
  },
  {
    method: 'PUT',
    template: '/v3/catalog/trees/categories',
    scope: 'products',
    handler: (request, store): ApiReply => {
      const items = arrayBody(request.body)
      const {errors} = runBatch(items, (item) => {
        updateCategory(store, item)
        return {}
      })
      const failed = new Set(Object.keys(errors).map((key) => key.split('.')[0])).size
      const meta = {total: items.length, success: items.length - failed, failed}
      if (failed === 0) return {status: 200, body: {meta}}
      if (failed === items.length) return {status: 422, body: {errors: batchError(errors, 422), meta}}
      return {status: 207, body: {errors: batchError(errors, 422), meta}}
    },
  },
  {
    method: 'DELETE',
    template: '/v3/catalog/trees/categories',
    scope: 'products',
    handler: (request, store): ApiReply => {
      const q = request.query
      if (!['category_id:in', 'category_uuid:in', 'tree_id:in', 'parent_id:in'].some((name) => q.has(name))) {
        fail(422, 'A filter is required to delete categories', {'category_id:in': 'required'})
      }
      const doomed = subtreeIds(
        store,
        new Set(filterCategories(store, request).map((category) => category.category_id)),
      )
      store.data.categories = categories(store).filter((category) => !doomed.has(category.category_id))
      for (const product of store.products.values()) {
        const kept = (product.data.categories as number[]).filter((id) => !doomed.has(id))
        if (kept.length !== (product.data.categories as number[]).length) product.data.categories = kept
      }
      store.touch()
      // S-T deleteTreeCategories answers 202 with `{meta}`.
      return {status: 202, body: {meta: {total: doomed.size, success: doomed.size, failed: 0}}}
    },
  },
  {
    method: 'GET',
    template: '/v3/catalog/trees',
    scope: 'products',
    handler: (request, store) => {
      const ids = intListParam(request.query, 'id:in')
      const channels = intListParam(request.query, 'channel_id:in')
      const trees = store.data.trees.filter(
        (tree) =>
          (!ids || ids.has(tree.id as number)) &&
          (!channels || (tree.channels as number[]).some((channel) => channels.has(channel))),
      )
      return {status: 200, body: paginate(trees, readPage(request.query, 50, 250))}
    },
  },
  {
    method: 'PUT',
    template: '/v3/catalog/trees',
    scope: 'products',
    handler: (request, store) => {
      const items = arrayBody(request.body, 50)
      for (const item of items) {
        if (item.id !== undefined) {
          if (!store.data.trees.some((tree) => tree.id === item.id))
            fail(422, 'Tree does not exist', {id: 'Tree does not exist.'})
          if (item.channels !== undefined)
            fail(422, 'channels cannot be changed on update', {channels: 'must be absent on update'})
        } else if (
          typeof item.name !== 'string' ||
          !Array.isArray(item.channels) ||
          item.channels.length !== 1
        ) {
          fail(422, 'name and exactly one channel are required', {
            name: 'required',
            channels: 'exactly one channel id',
          })
        }
      }
      const data = items.map((item) => {
        const existing = store.data.trees.find((tree) => tree.id === item.id)
        if (existing) {
          if (typeof item.name === 'string') existing.name = item.name
          return existing
        }
        const tree = {id: store.nextId('tree'), name: item.name, channels: item.channels}
        store.data.trees.push(tree)
        return tree
      })
      store.touch()
      return {status: 200, body: {data, meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: '/v3/catalog/trees',
    scope: 'products',
    handler: (request, store) => {
      const ids = intListParam(request.query, 'id:in')
      if (!ids) fail(422, 'id:in is required', {'id:in': 'required'})
      store.data.trees = store.data.trees.filter((tree) => !ids.has(tree.id as number))
      store.data.categories = categories(store).filter((category) => !ids.has(category.tree_id))
      store.touch()
      return {status: 204}
    },
  },
  {
    method: 'GET',
    template: '/v3/catalog/trees/{tree_id}/categories',
    scope: 'products',
    // S-T: "The default rate limit for this endpoint is 1 concurrent request."
    concurrency: 1,
    handler: (request, store) => {
      const treeId = Number(request.params.tree_id)
      if (!store.data.trees.some((tree) => tree.id === treeId)) notFound('The tree was not found.')
      const depth = Number(request.query.get('depth') ?? MAX_DEPTH + 1)
      return {status: 200, body: {data: nestedTree(store, treeId, 0, 0, depth, []), meta: {}}}
    },
  },
]
