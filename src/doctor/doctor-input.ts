import {existsSync} from 'node:fs'

import {loadCatalog, type LoadedCatalog} from '../catalog/index.js'
import type {CredentialEnvNames} from '../bigcommerce/index.js'
import type {DoctorInput} from './doctor-types.js'

/** What doctor reads from the catalog: the references to check and the names of the credential variables. */
export interface DoctorCatalogFacts {
  input: DoctorInput | undefined
  envNames: CredentialEnvNames
  /** Why there is no input (no catalog folder), or catalog problems worth a line. */
  note?: string
  errorCount: number
}

export function doctorInputFromCatalog(catalog: LoadedCatalog): DoctorInput {
  const locations = Object.entries(catalog.config.locations ?? {}).map(([key, location]) => ({
    key,
    ...(location?.id === undefined ? {} : {id: location.id}),
    ...(location?.code === undefined ? {} : {code: location.code}),
  }))
  const customerGroups = [...new Set(catalog.priceLists.flatMap((list) => list.customer_groups ?? []))].sort()
  return {
    locations,
    customerGroups,
    treeId: catalog.categories.tree_id ?? 1,
    channelId: catalog.config.channel ?? 1,
  }
}

/**
 * Loads the catalog for doctor. A missing folder is not an error (doctor still checks credentials and
 * scopes); a catalog with errors is still used for what it does say (the count is reported).
 */
export async function readDoctorCatalog(dir: string): Promise<DoctorCatalogFacts> {
  if (!existsSync(dir)) {
    return {
      input: undefined,
      envNames: {},
      note: `no catalog folder at ${dir}: location, customer group, tree and channel checks skipped`,
      errorCount: 0,
    }
  }
  const catalog = await loadCatalog(dir)
  const store = catalog.config.store ?? {}
  const envNames: CredentialEnvNames = {
    ...(store.store_hash_env ? {storeHashEnv: store.store_hash_env} : {}),
    ...(store.access_token_env ? {accessTokenEnv: store.access_token_env} : {}),
    ...(store.api_url_env ? {apiUrlEnv: store.api_url_env} : {}),
  }
  const errorCount = catalog.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length
  return {input: doctorInputFromCatalog(catalog), envNames, errorCount}
}
