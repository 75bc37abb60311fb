import {fail, failWithDetail} from '../api-errors.js'
import {checkFields, pickFields} from '../field-rules.js'
import type {FieldRules} from '../field-rules.js'
import type {RouteDefinition} from '../http-types.js'
import {arrayBody, boolParam, intListParam, listParam, paginate, readPage} from '../listing.js'
import type {SandboxStore} from '../store.js'
import {applyChanges} from '../store.js'
import {defaultAddress, defaultOperatingHours} from '../state.js'
import type {Json} from '../state.js'
import {DEFAULT_LOCATION_ID} from '../stock.js'

/** D-LOC / S-L: at most 100 active locations; 50 concurrent requests. */
const MAX_ACTIVE = 100
const CONCURRENCY = 50

const RULES: FieldRules = {
  code: {type: 'string', min: 1, max: 255},
  label: {type: 'string', min: 1, max: 255},
  description: {type: 'string'},
  managed_by_external_source: {type: 'boolean'},
  type_id: {type: 'string', enum: ['PHYSICAL', 'VIRTUAL']},
  enabled: {type: 'boolean'},
  operating_hours: {type: 'object'},
  time_zone: {type: 'string'},
  address: {type: 'object'},
  storefront_visibility: {type: 'boolean'},
  special_hours: {type: 'array'},
}

export function transactionId(store: SandboxStore): string {
  store.data.transactions++
  return `sandbox-${String(store.data.transactions).padStart(8, '0')}`
}

function problem(title: string, errors: Record<string, string>): never {
  fail(422, title, errors)
}

function assertCodesUnique(store: SandboxStore, items: Json[]): void {
  const codes = new Map(
    store.data.locations.map((location) => [String(location.code).toLowerCase(), location.id]),
  )
  items.forEach((item, index) => {
    if (typeof item.code !== 'string') return
    const owner = codes.get(item.code.toLowerCase())
    if (owner !== undefined && owner !== item.id)
      problem('Location code must be unique', {[`${index}.code`]: `${item.code} is already used`})
    codes.set(item.code.toLowerCase(), item.id ?? `new-${index}`)
  })
}

/** S-L `LocationsCreateRequest.address.required` (geo_coordinates needs latitude and longitude). */
const ADDRESS_LINES = ['address1', 'city', 'state', 'zip', 'email', 'country_code'] as const

/**
 * S-L: "Address is required if the location's `type_id` is `PHYSICAL`" (the default type), with every
 * line its schema requires; the spec's intro: physical locations "must have an address".
 */
function physicalAddressProblem(item: Json): [string, string] | undefined {
  if ((item.type_id ?? 'PHYSICAL') !== 'PHYSICAL') return undefined
  const address = item.address
  if (typeof address !== 'object' || address === null || Array.isArray(address))
    return ['address', "Address is required if the location's type_id is PHYSICAL"]
  const lines = address as Json
  for (const line of ADDRESS_LINES) {
    if (typeof lines[line] !== 'string' || lines[line] === '')
      return [`address.${line}`, `${line} is required`]
  }
  const geo = lines.geo_coordinates as Json | undefined
  for (const axis of ['latitude', 'longitude'] as const) {
    if (typeof geo?.[axis] !== 'number')
      return [`address.geo_coordinates.${axis}`, `geo_coordinates.${axis} is required`]
  }
  return undefined
}

function activeCount(store: SandboxStore): number {
  return store.data.locations.filter((location) => location.enabled !== false).length
}

export const locationRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/v3/inventory/locations',
    scope: 'locations',
    concurrency: CONCURRENCY,
    handler: (request, store) => {
      const q = request.query
      const ids = intListParam(q, 'location_id:in')
      const codes = listParam(q, 'location_code:in')
      const isDefault = boolParam(q, 'is_default')
      const active = boolParam(q, 'is_active')
      const typeId = q.get('type_id')
      const list = store.data.locations.filter(
        (location) =>
          (!ids || ids.has(location.id as number)) &&
          (!codes || codes.includes(location.code as string)) &&
          (isDefault === undefined || (location.id === DEFAULT_LOCATION_ID) === isDefault) &&
          (active === undefined || location.enabled === active) &&
          (typeId === null || location.type_id === typeId),
      )
      return {status: 200, body: paginate(list, readPage(q, 50, 1000))}
    },
  },
  {
    method: 'POST',
    template: '/v3/inventory/locations',
    scope: 'locations',
    concurrency: CONCURRENCY,
    handler: (request, store) => {
      const items = arrayBody(request.body)
      items.forEach((item, index) => {
        const errors = checkFields(
          item,
          {...RULES, label: {type: 'string', min: 1, max: 255, required: true}},
          {creating: true},
        )
        const first = Object.entries(errors)[0] ?? physicalAddressProblem(item)
        if (first) problem('Payload contains invalid fields', {[`${index}.${first[0]}`]: first[1]})
      })
      assertCodesUnique(store, items)
      const enabling = items.filter((item) => item.enabled !== false).length
      if (activeCount(store) + enabling > MAX_ACTIVE)
        failWithDetail(422, 'Input is invalid', `A store can have at most ${MAX_ACTIVE} active locations`)
      const now = store.now()
      for (const item of items) {
        const id = store.nextId('location')
        store.data.locations.push({
          id,
          code: `BC-LOCATION-${id}`,
          description: '',
          managed_by_external_source: false,
          type_id: 'PHYSICAL',
          enabled: true,
          operating_hours: defaultOperatingHours(),
          time_zone: 'Etc/UTC',
          address: defaultAddress(),
          storefront_visibility: false,
          special_hours: [],
          ...pickFields(item, RULES),
          created_at: now,
          updated_at: now,
        })
      }
      store.touch()
      return {status: 200, body: {transaction_id: transactionId(store)}}
    },
  },
  {
    method: 'PUT',
    template: '/v3/inventory/locations',
    scope: 'locations',
    concurrency: CONCURRENCY,
    handler: (request, store) => {
      const items = arrayBody(request.body)
      const targets = items.map((item, index) => {
        const location = store.data.locations.find((candidate) => candidate.id === item.id)
        if (!location)
          problem('Location does not exist', {[`${index}.id`]: `Location ${String(item.id)} does not exist`})
        const errors = checkFields(item, RULES, {creating: false})
        const first = Object.entries(errors)[0]
        if (first) problem('Payload contains invalid fields', {[`${index}.${first[0]}`]: first[1]})
        return location
      })
      assertCodesUnique(store, items)
      const now = store.now()
      items.forEach((item, index) => {
        const location = targets[index] as Json
        if (applyChanges(location, pickFields(item, RULES))) location.updated_at = now
      })
      if (activeCount(store) > MAX_ACTIVE)
        failWithDetail(422, 'Input is invalid', `A store can have at most ${MAX_ACTIVE} active locations`)
      store.touch()
      return {status: 200, body: {transaction_id: transactionId(store)}}
    },
  },
  {
    method: 'DELETE',
    template: '/v3/inventory/locations',
    scope: 'locations',
    concurrency: CONCURRENCY,
    handler: (request, store) => {
      const ids = intListParam(request.query, 'location_id:in')
      if (!ids) problem('location_id:in is required', {'location_id:in': 'required'})
      if (ids.has(DEFAULT_LOCATION_ID)) {
        problem(
          'Location canʼt be deleted. Default location is set as a shipping origin for this store and canʼt be deleted.',
          {},
        )
      }
      store.data.locations = store.data.locations.filter((location) => !ids.has(location.id as number))
      // S-L: "Deleting locations that have inventory also deletes its stock."
      for (const key of [...store.stock.keys()]) {
        if (ids.has(Number(key.split('@')[1]))) store.stock.delete(key)
      }
      store.touch()
      return {status: 200, body: {transaction_id: transactionId(store)}}
    },
  },
]
