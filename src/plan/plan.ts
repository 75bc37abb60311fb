import type {ProductModel, BrandModel, CategoryModel, LocationModel, StockModel} from '../model/product.js'
import type {
  CustomerGroupModel,
  PriceListAssignmentModel,
  PriceListModel,
  PriceRecordModel,
} from '../model/price-list.js'
import type {OptionModel, VariantModel} from '../model/variant.js'

/** Bumped on any breaking change to the JSON shape (schemas/plan.schema.json). */
export const PLAN_FORMAT_VERSION = '1.0'

export type Scope = 'products' | 'pricing' | 'inventory' | 'all'
export type Mode = 'full' | 'delta'

/** What a record of each kind looks like in a Change's before/after. */
export interface KindRecord {
  brand: BrandModel
  category: CategoryModel
  product: ProductModel
  option: OptionModel
  variant: VariantModel
  location: LocationModel
  stock: StockModel
  customer_group: CustomerGroupModel
  price_list: PriceListModel
  price_list_assignment: PriceListAssignmentModel
  price_record: PriceRecordModel
}
export type Kind = keyof KindRecord

export interface FieldChange {
  /** `price`, `categories`, `custom_fields[Material]`, `images[0]`, `metafields[specs.gsm]`, `mapped.upc`. */
  path: string
  before: unknown
  after: unknown
}

interface ChangeBase<K extends Kind> {
  kind: K
  /** The record's key: SKU (as written in the catalog), brand name, category path. */
  key: string
  /** Dependency level (data, see src/model/kinds.ts): creates run top-down, deletes bottom-up. */
  level: number
  /** Why, in words: `not in the store`, `prune: delete`, `adopted: exists without the catalogctl marker`. */
  reason: string
  /** Deletes and risky updates; apply needs an explicit flag for them. */
  destructive: boolean
  source?: {file: string; line: number}
  /**
   * Set when BigCommerce cannot make the change in place and recreates the product's variants (an option
   * removed, or added to a product that has variants): why, in words. Rendered `-/+`; always destructive;
   * apply refuses it without `--allow-replace`.
   */
  replace?: string
}

export interface CreateChange<K extends Kind = Kind> extends ChangeBase<K> {
  action: 'create'
  before: null
  after: KindRecord[K]
  fields: FieldChange[]
}

export interface UpdateChange<K extends Kind = Kind> extends ChangeBase<K> {
  action: 'update'
  before: KindRecord[K]
  after: KindRecord[K]
  fields: FieldChange[]
  /** True when the record exists in the store without the ownership marker: apply sets it. */
  adopt: boolean
  /** The live record's server id at planning time (apply re-resolves by key; this is for reports). */
  id: number
}

export interface DeleteChange<K extends Kind = Kind> extends ChangeBase<K> {
  action: 'delete'
  before: KindRecord[K]
  after: null
  fields: FieldChange[]
  id: number
}

export type Change<K extends Kind = Kind> = CreateChange<K> | UpdateChange<K> | DeleteChange<K>
export type Action = Change['action']

/** A fingerprint of a live record the plan read: apply re-reads it and refuses when it changed. */
export interface Fingerprint {
  kind: Kind
  key: string
  /** null for "no such record existed" (a planned create). */
  id: number | null
  date_modified: string | null
  /** sha256 of the stable-stringified live model record. */
  hash: string | null
}

export interface PlanSummary {
  create: number
  update: number
  delete: number
  unchanged: number
  /** Live products without the ownership marker that the catalog does not declare: never touched. */
  unmanaged: number
  /** Updates that adopt an existing, unmarked product. */
  adopt: number
}

export interface RequestEstimate {
  reads: number
  writes: number
  /** At the store's quota (less the reserve for other apps). */
  seconds: number
}

/** A plan is a plain, serialisable value. Computing it never prints; renderers never diff. */
export interface Plan {
  format_version: typeof PLAN_FORMAT_VERSION
  catalogctl_version: string
  created_at: string
  catalog: {
    /** The git commit of the catalog, or null outside git. */
    commit: string | null
    /** sha256 of the normalised desired state: apply of a saved plan refuses when it changed. */
    hash: string
  }
  store: {hash: string}
  scope: Scope
  mode: Mode
  /** Sorted by (level, kind, key); deletes are listed after creates and updates. */
  changes: Change[]
  summary: PlanSummary
  estimate: RequestEstimate
  fingerprints: Fingerprint[]
  /** Notes for the reader: `3 managed products are not in the catalog; prune is off`. */
  notes: string[]
  /**
   * Per product SKU with variant changes: how many of its live variants the plan leaves unchanged (the
   * renderers collapse them into a count). Absent when the plan has no variant change.
   */
  unchanged_variants?: Record<string, number>
}
