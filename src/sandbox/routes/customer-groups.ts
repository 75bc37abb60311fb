import {fail, notFound} from '../api-errors.js'
import {assertFields, pickFields} from '../field-rules.js'
import type {FieldRules} from '../field-rules.js'
import type {ApiRequest, RouteDefinition} from '../http-types.js'
import {boolParam, objectBody, readPage} from '../listing.js'
import type {SandboxStore} from '../store.js'
import {applyChanges} from '../store.js'
import type {Json} from '../state.js'

const RULES: FieldRules = {
  name: {type: 'string', min: 1, max: 255, required: true},
  is_default: {type: 'boolean'},
  category_access: {type: 'object'},
  discount_rules: {type: 'array'},
  is_group_for_guests: {type: 'boolean'},
}

/** S-CU: default limit of 40 concurrent requests. */
const CONCURRENCY = 40

function findGroup(store: SandboxStore, request: ApiRequest): Json {
  const group = store.data.customerGroups.find(
    (candidate) => candidate.id === Number(request.params.customer_group_id),
  )
  if (!group) notFound('The customer group was not found.')
  return group
}

function assertNameFree(store: SandboxStore, name: string, id?: number): void {
  if (
    store.data.customerGroups.some(
      (group) => group.id !== id && (group.name as string).toLowerCase() === name.toLowerCase(),
    )
  ) {
    fail(409, 'A customer group with this name already exists', {name: 'duplicate'})
  }
}

/** Only one default group: making a group default clears the flag elsewhere. */
function settleDefault(store: SandboxStore, group: Json): void {
  if (group.is_default !== true) return
  for (const other of store.data.customerGroups) if (other !== group) other.is_default = false
}

export const customerGroupRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/v2/customer_groups',
    scope: 'customers',
    concurrency: CONCURRENCY,
    handler: (request, store) => {
      const name = request.query.get('name')
      const like = request.query.get('name:like')?.toLowerCase()
      const isDefault = boolParam(request.query, 'is_default')
      const {page, limit} = readPage(request.query, 50, 250)
      const groups = store.data.customerGroups.filter(
        (group) =>
          (name === null || group.name === name) &&
          (like === undefined || (group.name as string).toLowerCase().includes(like)) &&
          (isDefault === undefined || group.is_default === isDefault),
      )
      // V2 lists are a bare JSON array (no meta).
      return {status: 200, body: groups.slice((page - 1) * limit, page * limit)}
    },
  },
  {
    method: 'POST',
    template: '/v2/customer_groups',
    scope: 'customers',
    concurrency: CONCURRENCY,
    handler: (request, store) => {
      const input = objectBody(request.body)
      assertFields(input, RULES, {creating: true})
      assertNameFree(store, input.name as string)
      const now = store.now()
      const group = {
        id: store.nextId('customerGroup'),
        name: input.name,
        is_default: false,
        category_access: {type: 'all'},
        discount_rules: [],
        is_group_for_guests: false,
        ...pickFields(input, RULES),
        date_created: now,
        date_modified: now,
      }
      store.data.customerGroups.push(group)
      settleDefault(store, group)
      store.touch()
      return {status: 200, body: group}
    },
  },
  {
    method: 'GET',
    template: '/v2/customer_groups/count',
    scope: 'customers',
    concurrency: CONCURRENCY,
    handler: (_request, store) => ({status: 200, body: {count: store.data.customerGroups.length}}),
  },
  {
    method: 'GET',
    template: '/v2/customer_groups/{customer_group_id}',
    scope: 'customers',
    concurrency: CONCURRENCY,
    handler: (request, store) => ({status: 200, body: findGroup(store, request)}),
  },
  {
    method: 'PUT',
    template: '/v2/customer_groups/{customer_group_id}',
    scope: 'customers',
    concurrency: CONCURRENCY,
    handler: (request, store) => {
      const group = findGroup(store, request)
      const input = objectBody(request.body)
      assertFields(input, RULES, {creating: false})
      if (typeof input.name === 'string') assertNameFree(store, input.name, group.id as number)
      if (applyChanges(group, pickFields(input, RULES))) {
        group.date_modified = store.now()
        settleDefault(store, group)
        store.touch()
      }
      return {status: 200, body: group}
    },
  },
  {
    method: 'DELETE',
    template: '/v2/customer_groups/{customer_group_id}',
    scope: 'customers',
    concurrency: CONCURRENCY,
    handler: (request, store) => {
      const group = findGroup(store, request)
      store.data.customerGroups = store.data.customerGroups.filter((candidate) => candidate !== group)
      store.data.assignments = store.data.assignments.filter(
        (assignment) => assignment.customer_group_id !== group.id,
      )
      store.touch()
      return {status: 204}
    },
  },
]
