import {createHash} from 'node:crypto'

import type {ScopeFamily} from './http-types.js'

/** OAuth scope names per family (D-ACC); read-only scopes allow only GET/HEAD. */
const SCOPES: Record<ScopeFamily, {modify: string; readOnly: string}> = {
  products: {modify: 'store_v2_products', readOnly: 'store_v2_products_read_only'},
  inventory: {modify: 'store_inventory', readOnly: 'store_inventory_read_only'},
  locations: {modify: 'store_locations', readOnly: 'store_locations_read_only'},
  customers: {modify: 'store_v2_customers', readOnly: 'store_v2_customers_read_only'},
  information: {modify: 'store_v2_information', readOnly: 'store_v2_information_read_only'},
}

export const ALL_MODIFY_SCOPES = Object.values(SCOPES).map((scope) => scope.modify)

export interface ApiAccount {
  token: string
  clientId: string
  scopes: Set<string>
}

export function makeAccount(token: string, scopes: string[]): ApiAccount {
  // The client id owns metafields; derive it so the token itself is never stored or shown.
  const clientId = createHash('sha256').update(token).digest('hex').slice(0, 24)
  return {token, clientId, scopes: new Set(scopes)}
}

export function allows(account: ApiAccount, family: ScopeFamily, method: string): boolean {
  const scope = SCOPES[family]
  if (account.scopes.has(scope.modify)) return true
  return (method === 'GET' || method === 'HEAD') && account.scopes.has(scope.readOnly)
}
