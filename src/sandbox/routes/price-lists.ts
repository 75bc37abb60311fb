import {fail, notFound, tooLarge} from '../api-errors.js'
import {assertFields, pickFields} from '../field-rules.js'
import type {FieldRules} from '../field-rules.js'
import type {ApiRequest, RouteDefinition} from '../http-types.js'
import {arrayBody, intListParam, objectBody, paginate, readPage} from '../listing.js'
import type {SandboxStore} from '../store.js'
import {applyChanges} from '../store.js'
import type {Json} from '../state.js'

const RULES: FieldRules = {
  name: {type: 'string', min: 1, max: 255, required: true},
  active: {type: 'boolean'},
}

/** S-PL: at most 25 assignments per batch POST. */
const MAX_ASSIGNMENTS = 25

export function findPriceList(store: SandboxStore, id: unknown): Json {
  const list = store.data.priceLists.find((candidate) => candidate.id === Number(id))
  if (!list) notFound('The price list was not found.')
  return list
}

function assertNameFree(store: SandboxStore, name: string, id?: number): void {
  if (
    store.data.priceLists.some(
      (list) => list.id !== id && (list.name as string).toLowerCase() === name.toLowerCase(),
    )
  ) {
    fail(409, 'A price list with this name already exists', {name: `"${name}" is not unique`})
  }
}

function deleteLists(store: SandboxStore, ids: Set<number>): void {
  // S-PL: deleting a price list deletes its records (and its assignments go with it).
  store.data.priceLists = store.data.priceLists.filter((list) => !ids.has(list.id as number))
  store.data.priceRecords = store.data.priceRecords.filter((record) => !ids.has(record.price_list_id))
  store.data.assignments = store.data.assignments.filter(
    (assignment) => !ids.has(assignment.price_list_id as number),
  )
  store.invalidatePriceIndex()
  store.touch()
}

function filterLists(store: SandboxStore, request: ApiRequest): Json[] {
  const ids = intListParam(request.query, 'id:in') ?? intListParam(request.query, 'id')
  const name = request.query.get('name')
  return store.data.priceLists.filter(
    (list) => (!ids || ids.has(list.id as number)) && (name === null || list.name === name),
  )
}

function filterAssignments(store: SandboxStore, request: ApiRequest): Json[] {
  const q = request.query
  const ids = intListParam(q, 'id:in') ?? intListParam(q, 'id')
  const lists = intListParam(q, 'price_list_id:in') ?? intListParam(q, 'price_list_id')
  const groups = intListParam(q, 'customer_group_id:in') ?? intListParam(q, 'customer_group_id')
  const channels = intListParam(q, 'channel_id:in') ?? intListParam(q, 'channel_id')
  return store.data.assignments.filter(
    (a) =>
      (!ids || ids.has(a.id as number)) &&
      (!lists || lists.has(a.price_list_id as number)) &&
      (!groups || groups.has(a.customer_group_id as number)) &&
      (!channels || channels.has(a.channel_id as number)),
  )
}

function checkAssignment(store: SandboxStore, item: Json, index: number): void {
  const prefix = `${index}.`
  if (
    typeof item.price_list_id !== 'number' ||
    !store.data.priceLists.some((list) => list.id === item.price_list_id)
  ) {
    fail(422, 'Price list does not exist', {[`${prefix}price_list_id`]: 'unknown price list'})
  }
  if (
    item.customer_group_id !== undefined &&
    !store.data.customerGroups.some((group) => group.id === item.customer_group_id)
  ) {
    fail(422, 'Customer group does not exist', {[`${prefix}customer_group_id`]: 'unknown customer group'})
  }
  if (item.channel_id !== undefined && item.channel_id !== 1)
    fail(422, 'Channel does not exist', {[`${prefix}channel_id`]: 'unknown channel'})
}

export const priceListRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/v3/pricelists',
    scope: 'products',
    handler: (request, store) => ({
      status: 200,
      body: paginate(filterLists(store, request), readPage(request.query, 50, 250)),
    }),
  },
  {
    method: 'POST',
    template: '/v3/pricelists',
    scope: 'products',
    handler: (request, store) => {
      const input = objectBody(request.body)
      assertFields(input, RULES, {creating: true})
      assertNameFree(store, input.name as string)
      const now = store.now()
      const list = {
        id: store.nextId('priceList'),
        name: input.name,
        date_created: now,
        date_modified: now,
        active: input.active ?? true,
      }
      store.data.priceLists.push(list)
      store.touch()
      return {status: 200, body: {data: list, meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: '/v3/pricelists',
    scope: 'products',
    handler: (request, store) => {
      if (!request.query.has('id:in') && !request.query.has('id') && !request.query.has('name'))
        fail(422, 'A filter is required', {'id:in': 'required'})
      deleteLists(store, new Set(filterLists(store, request).map((list) => list.id as number)))
      return {status: 204}
    },
  },
  {
    method: 'GET',
    template: '/v3/pricelists/{price_list_id}',
    scope: 'products',
    handler: (request, store) => ({
      status: 200,
      body: {data: findPriceList(store, request.params.price_list_id), meta: {}},
    }),
  },
  {
    method: 'PUT',
    template: '/v3/pricelists/{price_list_id}',
    scope: 'products',
    handler: (request, store) => {
      const list = findPriceList(store, request.params.price_list_id)
      const input = objectBody(request.body)
      assertFields(input, RULES, {creating: false})
      if (typeof input.name === 'string') assertNameFree(store, input.name, list.id as number)
      if (applyChanges(list, pickFields(input, RULES))) {
        list.date_modified = store.now()
        store.touch()
      }
      return {status: 200, body: {data: list, meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: '/v3/pricelists/{price_list_id}',
    scope: 'products',
    handler: (request, store) => {
      deleteLists(store, new Set([findPriceList(store, request.params.price_list_id).id as number]))
      return {status: 204}
    },
  },
  {
    method: 'GET',
    template: '/v3/pricelists/assignments',
    scope: 'products',
    handler: (request, store) => ({
      status: 200,
      body: paginate(filterAssignments(store, request), readPage(request.query, 50, 250)),
    }),
  },
  {
    method: 'POST',
    template: '/v3/pricelists/assignments',
    scope: 'products',
    handler: (request, store) => {
      if (Array.isArray(request.body) && request.body.length > MAX_ASSIGNMENTS) tooLarge(MAX_ASSIGNMENTS)
      const items = arrayBody(request.body)
      const seen = new Set(
        store.data.assignments.map((a) => `${String(a.customer_group_id)}:${String(a.channel_id)}`),
      )
      items.forEach((item, index) => {
        checkAssignment(store, item, index)
        const key = `${String(item.customer_group_id)}:${String(item.channel_id)}`
        if (seen.has(key))
          fail(422, 'An assignment for this customer group and channel already exists', {
            [`${index}.customer_group_id`]: 'duplicate assignment',
          })
        seen.add(key)
      })
      for (const item of items) {
        store.data.assignments.push({
          id: store.nextId('assignment'),
          price_list_id: item.price_list_id,
          customer_group_id: item.customer_group_id ?? null,
          channel_id: item.channel_id ?? null,
        })
      }
      store.touch()
      return {status: 200, body: {data: {}, meta: {}}}
    },
  },
  {
    method: 'DELETE',
    template: '/v3/pricelists/assignments',
    scope: 'products',
    handler: (request, store) => {
      if ([...request.query.keys()].length === 0)
        fail(422, 'A filter is required to delete assignments', {filter: 'required'})
      const doomed = new Set(filterAssignments(store, request))
      store.data.assignments = store.data.assignments.filter((a) => !doomed.has(a))
      store.touch()
      return {status: 204}
    },
  },
  {
    method: 'PUT',
    template: '/v3/pricelists/{price_list_id}/assignments',
    scope: 'products',
    concurrency: 25,
    handler: (request, store) => {
      const list = findPriceList(store, request.params.price_list_id)
      const input = objectBody(request.body)
      assertFields(
        input,
        {customer_group_id: {type: 'integer', required: true}, channel_id: {type: 'integer', required: true}},
        {creating: true},
      )
      checkAssignment(store, {...input, price_list_id: list.id}, 0)
      let assignment = store.data.assignments.find(
        (a) => a.customer_group_id === input.customer_group_id && a.channel_id === input.channel_id,
      )
      if (assignment) assignment.price_list_id = list.id
      else {
        assignment = {
          id: store.nextId('assignment'),
          price_list_id: list.id,
          customer_group_id: input.customer_group_id,
          channel_id: input.channel_id,
        }
        store.data.assignments.push(assignment)
      }
      store.touch()
      return {status: 200, body: {data: assignment, meta: {}}}
    },
  },
]
