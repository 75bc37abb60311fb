import {ApiFailure, ERROR_TYPE, fail, notFound} from './api-errors.js'
import {checkFields, pickFields} from './field-rules.js'
import type {FieldRules} from './field-rules.js'
import type {ApiReply, ApiRequest} from './http-types.js'
import {arrayBody, dateParam, listParam, objectBody, paginate, readPage} from './listing.js'
import type {SandboxStore} from './store.js'
import {applyChanges} from './store.js'
import type {Json, MetafieldRecord} from './state.js'

/** S-P: 250 metafields per entity per client id (api-specs#757, docs#19). */
export const MAX_METAFIELDS_PER_ENTITY = 250

const RULES: FieldRules = {
  namespace: {type: 'string', min: 1, max: 64, required: true},
  key: {type: 'string', min: 1, max: 64, required: true},
  value: {type: 'string', min: 1, max: 65535, required: true},
  description: {type: 'string', max: 255},
  permission_set: {
    type: 'string',
    enum: ['app_only', 'read', 'write', 'read_and_sf_access', 'write_and_sf_access'],
    required: true,
  },
}

/** Where one kind of metafield lives (products, variants, the store). */
export interface MetafieldHost {
  resourceType: string
  /** The metafield list of an entity, or undefined when the entity does not exist. */
  listFor(store: SandboxStore, resourceId: number): MetafieldRecord[] | undefined
  /** Every list of this kind, for the batch endpoints. */
  allLists(store: SandboxStore): Iterable<MetafieldRecord[]>
  /** Store metafields (S-SI v3) type `id` and `resource_id` as strings and batch `errors` as one object. */
  storeFlavour?: boolean
}

/**
 * A metafield as the API shows it. S-P requires `description` on product metafields while S-V types it
 * minLength 1 on variant metafields, so an empty description is left out for variants only.
 */
export function renderMetafield(host: MetafieldHost, metafield: MetafieldRecord): Json {
  const out: Json = {...metafield}
  if (out.description === '' && host.resourceType === 'variant') delete out.description
  if (host.storeFlavour) {
    out.id = String(metafield.id)
    out.resource_id = String(metafield.resource_id)
  }
  return out
}

/** `app_only` metafields are visible only to the API account that created them. */
export function isVisible(metafield: MetafieldRecord, clientId: string): boolean {
  return metafield.permission_set !== 'app_only' || metafield.owner_client_id === clientId
}

/** Checks a create; returns the record to add. Throws 422/409 without changing anything. */
export function prepareCreate(
  store: SandboxStore,
  list: MetafieldRecord[],
  input: Json,
  resourceType: string,
  resourceId: number,
  clientId: string,
): MetafieldRecord {
  const errors = checkFields(input, RULES, {creating: true})
  if (Object.keys(errors).length > 0) fail(422, 'JSON data is missing or invalid', errors)
  const mine = list.filter((item) => item.owner_client_id === clientId)
  if (mine.some((item) => item.namespace === input.namespace && item.key === input.key)) {
    fail(409, 'A metafield with this namespace and key already exists for this resource', {
      key: `${String(input.namespace)}.${String(input.key)} is not unique`,
    })
  }
  if (mine.length >= MAX_METAFIELDS_PER_ENTITY) {
    fail(422, `A resource can have at most ${MAX_METAFIELDS_PER_ENTITY} metafields per client`, {
      metafields: 'limit reached',
    })
  }
  const now = store.now()
  return {
    id: 0,
    namespace: input.namespace as string,
    key: input.key as string,
    value: input.value as string,
    permission_set: input.permission_set as string,
    description: (input.description as string | undefined) ?? '',
    resource_type: resourceType,
    resource_id: resourceId,
    owner_client_id: clientId,
    date_created: now,
    date_modified: now,
  }
}

/** Checks an update; only the creating account may change namespace, key, permission_set or value (403). */
export function prepareUpdate(
  list: MetafieldRecord[],
  metafield: MetafieldRecord,
  input: Json,
  clientId: string,
): Json {
  const errors = checkFields(input, RULES, {creating: false})
  if (Object.keys(errors).length > 0) fail(422, 'JSON data is missing or invalid', errors)
  const changes = pickFields(input, RULES)
  if (
    metafield.owner_client_id !== clientId &&
    ['namespace', 'key', 'permission_set', 'value'].some(
      (field) => changes[field] !== undefined && changes[field] !== metafield[field],
    )
  ) {
    fail(403, 'Only the API account that created this metafield can change it')
  }
  const namespace = (changes.namespace as string | undefined) ?? metafield.namespace
  const key = (changes.key as string | undefined) ?? metafield.key
  if (
    list.some(
      (item) =>
        item !== metafield &&
        item.owner_client_id === metafield.owner_client_id &&
        item.namespace === namespace &&
        item.key === key,
    )
  ) {
    fail(409, 'A metafield with this namespace and key already exists for this resource', {
      key: `${namespace}.${key} is not unique`,
    })
  }
  return changes
}

export function applyUpdate(store: SandboxStore, metafield: MetafieldRecord, changes: Json): void {
  if (applyChanges(metafield, changes)) metafield.date_modified = store.now()
  store.touch()
}

/**
 * The list filters of the metafield GETs: `key(:in)`, `namespace(:in)`, the `date_created`/`date_modified`
 * `:min`/`:max` ranges (every batch GET, e.g. products_catalog.v3.yml getProductsMetafields,
 * store_information.v3.yml getStoreMetafields) and `resource_id:in` (products_catalog.v3.yml
 * `MetafieldResourceParam`: "filter results to metafields that belong to one of the matching entities").
 */
export function filterMetafields(request: ApiRequest, items: Iterable<MetafieldRecord>): MetafieldRecord[] {
  const query = request.query
  const keys = listParam(query, 'key:in') ?? listParam(query, 'key')
  const namespaces = listParam(query, 'namespace:in') ?? listParam(query, 'namespace')
  const resourceList = listParam(query, 'resource_id:in')
  const resources = resourceList ? new Set(resourceList.map(Number)) : undefined
  const now = new Date()
  const ranges = (['date_created', 'date_modified'] as const).map((field) => ({
    field,
    min: dateParam(query, `${field}:min`, now),
    max: dateParam(query, `${field}:max`, now),
  }))
  const out: MetafieldRecord[] = []
  for (const item of items) {
    if (!isVisible(item, request.clientId)) continue
    if (keys && !keys.includes(item.key)) continue
    if (namespaces && !namespaces.includes(item.namespace)) continue
    if (resources && !resources.has(item.resource_id)) continue
    if (!ranges.every((range) => inRange(Date.parse(item[range.field]), range.min, range.max))) continue
    out.push(item)
  }
  return out
}

function inRange(time: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || time >= min) && (max === undefined || time <= max)
}

/** Per-entity endpoints: `/…/{id}/metafields[/{metafield_id}]`. */
export function entityHandlers(
  host: MetafieldHost,
  entityId: (request: ApiRequest, store: SandboxStore) => number,
) {
  const listOf = (request: ApiRequest, store: SandboxStore): {id: number; list: MetafieldRecord[]} => {
    const id = entityId(request, store)
    const list = host.listFor(store, id)
    if (!list) notFound()
    return {id, list}
  }
  const one = (request: ApiRequest, list: MetafieldRecord[]): MetafieldRecord => {
    const found = list.find((item) => item.id === Number(request.params.metafield_id))
    if (!found || !isVisible(found, request.clientId)) notFound('The metafield was not found.')
    return found
  }
  return {
    list: (request: ApiRequest, store: SandboxStore): ApiReply => {
      const {list} = listOf(request, store)
      const page = paginate(filterMetafields(request, list), readPage(request.query, 50, 250))
      return {
        status: 200,
        body: {data: page.data.map((item) => renderMetafield(host, item)), meta: page.meta},
      }
    },
    create: (request: ApiRequest, store: SandboxStore): ApiReply => {
      const {id, list} = listOf(request, store)
      const record = prepareCreate(
        store,
        list,
        objectBody(request.body),
        host.resourceType,
        id,
        request.clientId,
      )
      record.id = store.nextId('metafield')
      list.push(record)
      store.touch()
      return {status: 200, body: {data: renderMetafield(host, record), meta: {}}}
    },
    get: (request: ApiRequest, store: SandboxStore): ApiReply => ({
      status: 200,
      body: {data: renderMetafield(host, one(request, listOf(request, store).list)), meta: {}},
    }),
    update: (request: ApiRequest, store: SandboxStore): ApiReply => {
      const {list} = listOf(request, store)
      const metafield = one(request, list)
      applyUpdate(
        store,
        metafield,
        prepareUpdate(list, metafield, objectBody(request.body), request.clientId),
      )
      return {status: 200, body: {data: renderMetafield(host, metafield), meta: {}}}
    },
    remove: (request: ApiRequest, store: SandboxStore): ApiReply => {
      const {list} = listOf(request, store)
      const metafield = one(request, list)
      if (
        metafield.owner_client_id !== request.clientId &&
        metafield.permission_set !== 'write' &&
        metafield.permission_set !== 'write_and_sf_access'
      ) {
        fail(403, 'Only the API account that created this metafield can delete it')
      }
      list.splice(list.indexOf(metafield), 1)
      store.touch()
      return {status: 204}
    },
  }
}

function itemError(status: number, title: string, errors: Record<string, unknown>): Json {
  return {status, title, type: ERROR_TYPE, errors}
}

function asItemError(error: unknown, index: number): Json {
  if (!(error instanceof ApiFailure)) throw error
  const body = error.reply.body as Json
  return itemError(error.reply.status, body.title as string, {
    [String(index)]: body.title,
    ...((body.errors as Json | undefined) ?? {}),
  })
}

/** `{data, errors, meta{total,success,failed}}`: 200 when all succeeded, 422 with the same shape otherwise. */
function batchReply(host: MetafieldHost, data: unknown[], errors: Json[], total: number): ApiReply {
  const meta = {total, success: data.length, failed: errors.length}
  if (errors.length === 0) return {status: 200, body: {data, errors: [], meta}}
  if (!host.storeFlavour) return {status: 422, body: {data, errors, meta}}
  const merged = Object.assign({}, ...errors.map((error) => error.errors as Json)) as Json
  const title = 'Some metafields could not be saved.'
  return {status: 422, body: {data, errors: {status: 422, title, type: ERROR_TYPE, errors: merged}, meta}}
}

function findById(
  host: MetafieldHost,
  store: SandboxStore,
  id: unknown,
  clientId: string,
): {list: MetafieldRecord[]; metafield: MetafieldRecord} {
  for (const list of host.allLists(store)) {
    const metafield = list.find((item) => String(item.id) === String(id))
    if (metafield && isVisible(metafield, clientId)) return {list, metafield}
  }
  notFound(`Metafield ${String(id)} does not exist`)
}

/** Batch endpoints `/catalog/{products|variants}/metafields`: each item succeeds or fails on its own. */
export function batchHandlers(host: MetafieldHost) {
  return {
    list: (request: ApiRequest, store: SandboxStore): ApiReply => {
      // Per write and filter, not per page: a big store's 100,000 ownership metafields are read 250 a page.
      const matches = store.filtered(`metafields:${host.resourceType}`, request.query, request.clientId, () =>
        filterMetafields(request, [...host.allLists(store)].flat()),
      )
      const page = paginate(matches, readPage(request.query, 50, 250))
      return {
        status: 200,
        body: {data: page.data.map((item) => renderMetafield(host, item)), meta: page.meta},
      }
    },
    create: (request: ApiRequest, store: SandboxStore): ApiReply => {
      const items = arrayBody(request.body)
      const data: Json[] = []
      const errors: Json[] = []
      items.forEach((item, index) => {
        try {
          const resourceId = item.resource_id
          const list = typeof resourceId === 'number' ? host.listFor(store, resourceId) : undefined
          if (!list) fail(422, `Resource ${String(resourceId)} does not exist`, {resource_id: 'not found'})
          // Each accepted item joins its list at once, so later items see it (uniqueness, the 250 cap).
          const record = prepareCreate(
            store,
            list,
            item,
            host.resourceType,
            resourceId as number,
            request.clientId,
          )
          record.id = store.nextId('metafield')
          list.push(record)
          data.push(renderMetafield(host, record))
        } catch (error) {
          errors.push(asItemError(error, index))
        }
      })
      if (data.length > 0) store.touch()
      return batchReply(host, data, errors, items.length)
    },
    update: (request: ApiRequest, store: SandboxStore): ApiReply => {
      const items = arrayBody(request.body)
      const data: Json[] = []
      const errors: Json[] = []
      items.forEach((item, index) => {
        try {
          const {list, metafield} = findById(host, store, item.id, request.clientId)
          applyUpdate(store, metafield, prepareUpdate(list, metafield, item, request.clientId))
          data.push(renderMetafield(host, metafield))
        } catch (error) {
          errors.push(asItemError(error, index))
        }
      })
      return batchReply(host, data, errors, items.length)
    },
    remove: (request: ApiRequest, store: SandboxStore): ApiReply => {
      const ids = request.body
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'number' && typeof id !== 'string'))
        fail(400, 'The body must be a JSON array of metafield ids')
      const data: unknown[] = []
      const errors: Json[] = []
      ;(ids as unknown[]).forEach((id, index) => {
        try {
          const {list, metafield} = findById(host, store, id, request.clientId)
          if (metafield.owner_client_id !== request.clientId) fail(403, 'Unauthorized to delete')
          list.splice(list.indexOf(metafield), 1)
          data.push(Number(id))
          store.touch()
        } catch (error) {
          errors.push(asItemError(error, index))
        }
      })
      return batchReply(host, data, errors, ids.length)
    },
  }
}
