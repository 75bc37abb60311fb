import {fail, notFound} from './api-errors.js'
import {formatDate} from './state.js'
import type {Json, PriceRecord, ProductRecord, SandboxData, StockRecord, VariantRecord} from './state.js'

/** Where a SKU lives: the index that makes SKUs unique case-insensitively across products and variants. */
interface SkuOwner {
  productId: number
  variantId?: number
}

/**
 * The live store: the plain `SandboxData` plus indexes derived from it (rebuilt on load, never persisted).
 * Handlers validate a whole request first and only then mutate, so a refused write changes nothing.
 */
export class SandboxStore {
  readonly products = new Map<number, ProductRecord>()
  readonly variantOwner = new Map<number, number>()
  /**
   * Stock by `p<product id>@<location id>` / `v<variant id>@<location id>` (see stock.ts). A Map, not the
   * plain object `data.stock` is on disk: 180,000 keys in one object cost ≈ 5 MB more (bench/sandbox.ts).
   */
  readonly stock: Map<string, StockRecord>
  private readonly skus = new Map<string, SkuOwner>()
  private readonly productNames = new Map<string, number>()
  /** Set by every successful write so the server knows to persist. */
  dirty = false
  /**
   * How long an inventory adjustment stays invisible to reads (SandboxOptions.stockDelayMs): BigCommerce
   * applies stock writes asynchronously (D-INV), so a read right after a write may show the old level.
   */
  stockDelayMs = 0
  /** Adjusted levels not visible yet, oldest first (stock.ts settles them when they are due). */
  readonly pendingStock: Array<{key: string; locationId: number; onhand: number; visibleAt: number}> = []
  private clock: () => Date = () => new Date()
  private lastSecond = Number.NaN
  private lastNow = ''
  private priceRecordIndex: Map<string, PriceRecord> | undefined
  /** Bumped by every write: listings cache what they derive from the store until the next one. */
  private revision = 0
  private readonly listingCache = new Map<string, {revision: number; value: unknown}>()

  constructor(readonly data: SandboxData) {
    for (const product of data.products) this.indexProduct(product)
    data.products = []
    this.stock = new Map(Object.entries(data.stock))
    data.stock = {}
  }

  /** The data with products in id order and stock as a plain object, ready for JSON. */
  snapshot(): SandboxData {
    return {...this.data, products: [...this.products.values()], stock: Object.fromEntries(this.stock)}
  }

  setClock(clock: () => Date): void {
    this.clock = clock
  }

  /**
   * The current time as BigCommerce formats it (whole seconds). Calls within one second share one string:
   * seeding 120,000 price records otherwise keeps 240,000 copies of a handful of dates.
   */
  now(): string {
    const second = Math.floor(this.clock().getTime() / 1000)
    if (second !== this.lastSecond) {
      this.lastSecond = second
      this.lastNow = formatDate(new Date(second * 1000))
    }
    return this.lastNow
  }

  nextId(kind: string): number {
    const id = this.data.nextId[kind] ?? 1
    this.data.nextId[kind] = id + 1
    return id
  }

  /** Price records by `list:variant:currency`, rebuilt after records were removed in bulk. */
  priceIndex(): Map<string, PriceRecord> {
    if (!this.priceRecordIndex) {
      this.priceRecordIndex = new Map(
        this.data.priceRecords.map((record) => [
          priceKey(record.price_list_id, record.variant_id, record.currency),
          record,
        ]),
      )
    }
    return this.priceRecordIndex
  }

  invalidatePriceIndex(): void {
    this.priceRecordIndex = undefined
  }

  touch(): void {
    this.dirty = true
    this.revision++
  }

  /**
   * A value derived from the whole store (a listing's order, its running counts), computed once per write:
   * reading 600,000 variants 250 at a time must not walk all of them for every page.
   */
  derived<T>(name: string, compute: () => T): T {
    const cached = this.listingCache.get(name)
    if (cached?.revision === this.revision) return cached.value as T
    const value = compute()
    this.listingCache.set(name, {revision: this.revision, value})
    return value
  }

  /**
   * A listing's matches for one filter (the query less `page` and `limit`) and account, computed once per
   * write: paging through 100,000 products must not filter and sort all of them for every page. One filter
   * is kept per listing, so the cache cannot grow with the queries a client sends.
   */
  filtered<T>(listing: string, query: URLSearchParams, clientId: string, compute: () => T[]): T[] {
    const filter = [...query]
      .filter(([name]) => name !== 'page' && name !== 'limit')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const key = JSON.stringify([clientId, filter])
    const cached = this.derived(`filtered:${listing}`, () => ({key: '', items: [] as unknown[]}))
    if (cached.key !== key) {
      cached.items = compute()
      cached.key = key
    }
    return cached.items as T[]
  }

  product(id: number | string): ProductRecord {
    const product = this.products.get(Number(id))
    if (!product) notFound(`The requested product was not found.`)
    return product
  }

  variant(id: number): {product: ProductRecord; variant: VariantRecord} | undefined {
    const productId = this.variantOwner.get(id)
    const product = productId === undefined ? undefined : this.products.get(productId)
    const variant = product?.variants.find((candidate) => candidate.data.id === id)
    return product && variant ? {product, variant} : undefined
  }

  skuOwner(sku: string): SkuOwner | undefined {
    return this.skus.get(sku.toLowerCase())
  }

  productIdByName(name: string): number | undefined {
    return this.productNames.get(name.toLowerCase())
  }

  /** 409 unless `sku` is free or already belongs to `owner` (SKUs are case-insensitively unique). */
  assertSkuFree(sku: string, owner: SkuOwner, pending?: Set<string>): void {
    if (sku === '') return
    const key = sku.toLowerCase()
    const existing = this.skus.get(key)
    const mine = existing && existing.productId === owner.productId && existing.variantId === owner.variantId
    if ((existing && !mine) || pending?.has(key)) {
      fail(409, `The sku "${sku}" is already in use.`, {sku: `Sku ${sku} is not unique`})
    }
    pending?.add(key)
  }

  assertProductNameFree(name: string, productId?: number): void {
    const existing = this.productNames.get(name.toLowerCase())
    if (existing !== undefined && existing !== productId) {
      fail(409, `The product name is a duplicate`, {name: `Product name "${name}" is not unique`})
    }
  }

  indexProduct(product: ProductRecord): void {
    this.revision++
    this.products.set(product.data.id, product)
    this.productNames.set(product.data.name.toLowerCase(), product.data.id)
    if (product.data.sku) this.skus.set(product.data.sku.toLowerCase(), {productId: product.data.id})
    for (const variant of product.variants) this.indexVariant(product, variant)
  }

  indexVariant(product: ProductRecord, variant: VariantRecord): void {
    this.revision++
    this.variantOwner.set(variant.data.id, product.data.id)
    const isBase = variant.data.id === product.data.base_variant_id
    if (variant.data.sku && !isBase) {
      this.skus.set(variant.data.sku.toLowerCase(), {productId: product.data.id, variantId: variant.data.id})
    }
  }

  unindexVariant(product: ProductRecord, variant: VariantRecord): void {
    this.revision++
    this.variantOwner.delete(variant.data.id)
    const key = variant.data.sku.toLowerCase()
    if (this.skus.get(key)?.variantId === variant.data.id) this.skus.delete(key)
    void product
  }

  unindexProduct(product: ProductRecord): void {
    this.revision++
    this.products.delete(product.data.id)
    this.productNames.delete(product.data.name.toLowerCase())
    const key = product.data.sku.toLowerCase()
    if (this.skus.get(key)?.productId === product.data.id && !this.skus.get(key)?.variantId)
      this.skus.delete(key)
    for (const variant of product.variants) this.unindexVariant(product, variant)
  }

  /** Re-keys the name/SKU indexes after a product's name or SKU changed. */
  renameProduct(product: ProductRecord, before: {name: string; sku: string}): void {
    this.productNames.delete(before.name.toLowerCase())
    this.productNames.set(product.data.name.toLowerCase(), product.data.id)
    if (before.sku && this.skus.get(before.sku.toLowerCase())?.variantId === undefined) {
      this.skus.delete(before.sku.toLowerCase())
    }
    if (product.data.sku) this.skus.set(product.data.sku.toLowerCase(), {productId: product.data.id})
  }

  reskuVariant(product: ProductRecord, variant: VariantRecord, beforeSku: string): void {
    const key = beforeSku.toLowerCase()
    if (this.skus.get(key)?.variantId === variant.data.id) this.skus.delete(key)
    this.indexVariant(product, variant)
  }
}

/** Sets `target[key] = value` for each change and says whether anything actually changed. */
export function applyChanges(target: Json, changes: Json): boolean {
  let changed = false
  for (const [key, value] of Object.entries(changes)) {
    if (JSON.stringify(target[key]) !== JSON.stringify(value)) {
      target[key] = value
      changed = true
    }
  }
  return changed
}

export function priceKey(listId: number, variantId: number, currency: string): string {
  return `${listId}:${variantId}:${currency}`
}
