import type {BrandModel} from '../model/product.js'

import {brandMatchKey} from '../model/kinds.js'

/** An item of `GET /v3/catalog/brands` (brands_catalog.v3.yml). */
export interface BigCommerceBrandJson {
  id: number
  name: string
  [field: string]: unknown
}

export interface BrandIndex {
  nameById: Map<number, string>
  /** Brand id by match key (lower-cased name). */
  idByKey: Record<string, number>
  brands: BrandModel[]
}

/** The brands list → name by id, id by (case-insensitive) name, and the brand records. */
export function mapBrands(input: readonly BigCommerceBrandJson[]): BrandIndex {
  const nameById = new Map<number, string>()
  const idByKey: Record<string, number> = {}
  const brands: BrandModel[] = []
  for (const brand of input) {
    nameById.set(brand.id, brand.name)
    const key = brandMatchKey(brand.name)
    if (key in idByKey) continue
    idByKey[key] = brand.id
    brands.push({name: brand.name})
  }
  return {nameById, idByKey, brands}
}
