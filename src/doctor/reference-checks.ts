import {ApiError, type BigCommerceClient} from '../bigcommerce/index.js'
import type {DoctorCheck, DoctorInput} from './doctor-types.js'

/**
 * Step 3 of doctor: everything the catalog names by id or name exists in the store — locations (and are
 * enabled: only enabled locations accept stock edits, D-LOC), customer groups referenced by price lists, the
 * category tree, the channel.
 */
interface Location {
  id: number
  code?: string
  label?: string
  enabled?: boolean
}

interface CustomerGroup {
  id: number
  name: string
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}

function skipped(id: string, title: string, scope: string): DoctorCheck {
  return {id, title, status: 'skip', detail: `skipped: the ${scope} scope check failed`}
}

async function checkLocations(client: BigCommerceClient, input: DoctorInput): Promise<DoctorCheck[]> {
  let live: Location[]
  try {
    live = await client.listAll<Location>('/v3/inventory/locations')
  } catch (error) {
    return [
      {
        id: 'locations',
        title: 'locations',
        status: 'fail',
        failureKind: 'other',
        detail: firstLine(error),
        fix: 'Run again; if it persists, run with DEBUG=catalogctl*.',
      },
    ]
  }
  const known =
    live.map((location) => `${location.id}${location.code ? ` (${location.code})` : ''}`).join(', ') || 'none'
  return input.locations.map((wanted): DoctorCheck => {
    const base = {id: `location.${wanted.key}`, title: `location ${wanted.key}`}
    const code = wanted.id === undefined && wanted.code === undefined ? wanted.key : wanted.code
    const found = live.find((location) =>
      wanted.id !== undefined ? location.id === wanted.id : location.code === code,
    )
    const label = [wanted.id !== undefined ? `id ${wanted.id}` : '', code !== undefined ? `code ${code}` : '']
      .filter(Boolean)
      .join(', ')
    if (!found) {
      return {
        ...base,
        status: 'fail',
        failureKind: 'other',
        detail: `no location with ${label} in the store (it has: ${known})`,
        fix: `Create the location in BigCommerce (Settings › Locations), or correct locations.${wanted.key} in catalogctl.yaml.`,
      }
    }
    if (wanted.id !== undefined && code !== undefined && found.code !== code) {
      return {
        ...base,
        status: 'fail',
        failureKind: 'other',
        detail: `location ${wanted.id} has code ${found.code ?? '(none)'}, not ${code}`,
        fix: `Make locations.${wanted.key} in catalogctl.yaml name one location: fix its id or its code.`,
      }
    }
    if (found.enabled === false) {
      return {
        ...base,
        status: 'fail',
        failureKind: 'other',
        detail: `location ${found.id}${found.code ? ` (${found.code})` : ''} exists but is disabled; stock cannot be set there`,
        fix: 'Enable the location in BigCommerce (Settings › Locations), or remove it from catalogctl.yaml and the inventory files.',
      }
    }
    return {
      ...base,
      status: 'pass',
      detail: `location ${found.id}${found.code ? ` (${found.code})` : ''} exists and is enabled`,
    }
  })
}

async function checkCustomerGroups(client: BigCommerceClient, names: string[]): Promise<DoctorCheck[]> {
  let live: CustomerGroup[]
  try {
    live = await client.listAll<CustomerGroup>('/v2/customer_groups', {limit: 250})
  } catch (error) {
    return [
      {
        id: 'customer-groups',
        title: 'customer groups',
        status: 'fail',
        failureKind: 'other',
        detail: firstLine(error),
        fix: 'Run again; if it persists, run with DEBUG=catalogctl*.',
      },
    ]
  }
  return [...new Set(names)].map((name): DoctorCheck => {
    const base = {id: `customer-group.${name}`, title: `customer group ${name}`}
    const found = live.find((group) => group.name === name)
    if (found) return {...base, status: 'pass', detail: `exists (id ${found.id})`}
    const near = live.find((group) => group.name.toLowerCase() === name.toLowerCase())
    return {
      ...base,
      status: 'fail',
      failureKind: 'other',
      detail: `no customer group named "${name}"${near ? ` (did you mean "${near.name}"?)` : ''}`,
      fix: 'Create the group in BigCommerce (Customers › Customer Groups) or correct customer_groups in price-lists/*.yaml.',
    }
  })
}

async function checkTree(client: BigCommerceClient, treeId: number): Promise<DoctorCheck> {
  const base = {id: 'category-tree', title: `category tree ${treeId}`}
  try {
    const trees = await client.listAll<{id: number; name?: string; channels?: number[]}>(
      '/v3/catalog/trees',
      {query: {'id:in': [treeId]}},
    )
    const tree = trees.find((candidate) => candidate.id === treeId)
    if (tree) return {...base, status: 'pass', detail: `exists${tree.name ? ` (${tree.name})` : ''}`}
    return {
      ...base,
      status: 'fail',
      failureKind: 'other',
      detail: `no category tree with id ${treeId}`,
      fix: 'Set tree_id in categories.yaml to an existing tree (every store has tree 1 for its default channel).',
    }
  } catch (error) {
    return {
      ...base,
      status: 'fail',
      failureKind: 'other',
      detail: firstLine(error),
      fix: 'Run again; if it persists, run with DEBUG=catalogctl*.',
    }
  }
}

/**
 * The channel: `GET /v3/channels/{id}` needs the Channel Settings scope, which catalogctl otherwise does not
 * need; so a 404 or 403 there falls back to the category trees, which list the channels they serve.
 */
async function channelInTrees(
  client: BigCommerceClient,
  channelId: number,
): Promise<{id: number; name?: string} | undefined> {
  const trees = await client.listAll<{id: number; name?: string; channels?: number[]}>('/v3/catalog/trees')
  return trees.find((tree) => tree.channels?.includes(channelId))
}

async function checkChannel(client: BigCommerceClient, channelId: number): Promise<DoctorCheck> {
  const base = {id: 'channel', title: `channel ${channelId}`}
  try {
    const channel = (
      await client.get<{data?: {name?: string; status?: string}}>('/v3/channels/{channel_id}', {
        params: {channel_id: channelId},
      })
    ).body?.data
    const status = channel?.status ? `, status ${channel.status}` : ''
    return {
      ...base,
      status: 'pass',
      detail: `exists${channel?.name ? ` (${channel.name}${status})` : status}`,
    }
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 403)) {
      return {
        ...base,
        status: 'fail',
        failureKind: 'other',
        detail: firstLine(error),
        fix: 'Run again; if it persists, run with DEBUG=catalogctl*.',
      }
    }
    const cannotRead = error.status === 403
    try {
      const tree = await channelInTrees(client, channelId)
      if (tree)
        return {
          ...base,
          status: 'pass',
          detail: `served by category tree ${tree.id}${tree.name ? ` (${tree.name})` : ''}`,
        }
    } catch (treeError) {
      if (!(treeError instanceof ApiError)) throw treeError
    }
    if (cannotRead) {
      return {
        ...base,
        status: 'warn',
        detail: 'cannot check: the token may not read channels, and no category tree serves this channel',
        fix: 'Optional: give the API account Channel Settings = read-only so doctor can check the channel.',
      }
    }
    return {
      ...base,
      status: 'fail',
      failureKind: 'other',
      detail: `no channel with id ${channelId}`,
      fix: 'Set channel in catalogctl.yaml to an existing channel id (1 is the default storefront).',
    }
  }
}

/** `readable`: ids of the scope checks that passed (or are read-only), so a failed scope skips its checks. */
export async function checkCatalogReferences(
  client: BigCommerceClient,
  input: DoctorInput,
  readable: Set<string>,
): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = []
  if (input.locations.length > 0) {
    checks.push(
      ...(readable.has('scope.locations')
        ? await checkLocations(client, input)
        : [skipped('locations', 'locations', 'Store Locations')]),
    )
  }
  if (input.customerGroups.length > 0) {
    checks.push(
      ...(readable.has('scope.customer-groups')
        ? await checkCustomerGroups(client, input.customerGroups)
        : [skipped('customer-groups', 'customer groups', 'Customers')]),
    )
  }
  checks.push(
    readable.has('scope.categories')
      ? await checkTree(client, input.treeId)
      : skipped('category-tree', `category tree ${input.treeId}`, 'Products'),
  )
  checks.push(await checkChannel(client, input.channelId))
  return checks
}
