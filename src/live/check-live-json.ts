import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'

/**
 * The store's answers are checked before they are mapped: a value of the wrong type (a price that is a
 * word, a SKU that is a number) must stop the plan with a clear error, never become a 0 or an empty SKU
 * that the diff would then "correct" across the whole catalog. BigCommerce's own looseness is accepted:
 * null and '' where a number is promised, and numbers sent as numeric strings (bigcommerce-fixtures).
 */

const NUMBER_FIELDS = [
  'price',
  'sale_price',
  'cost_price',
  'retail_price',
  'weight',
  'width',
  'height',
  'depth',
]
const TEXT_FIELDS = ['name', 'description', 'type', 'availability', 'inventory_tracking', 'date_modified']
const LIST_FIELDS = ['categories', 'images', 'custom_fields', 'variants']

/** Throws when a product of `GET /v3/catalog/products` is not shaped like BigCommerce's `product_Full`. */
export function checkProductJson(json: unknown, route = 'GET /v3/catalog/products'): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw unexpected(route, `a product is ${describe(json)}, not an object`)
  const product = json as Record<string, unknown>
  const id = product['id']
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0)
    throw unexpected(route, `a product has the id ${describe(id)} (a positive integer was expected)`)
  const who = `product ${id}`
  const sku = product['sku']
  if (sku !== undefined && sku !== null && typeof sku !== 'string')
    throw unexpected(route, `${who} has the sku ${describe(sku)} (text was expected)`)
  for (const field of NUMBER_FIELDS) {
    const value = product[field]
    if (!isLooseNumber(value))
      throw unexpected(
        route,
        `${who} (${String(sku)}) has ${field} ${describe(value)} (a number was expected)`,
      )
  }
  for (const field of TEXT_FIELDS) {
    const value = product[field]
    if (value !== undefined && value !== null && typeof value !== 'string')
      throw unexpected(route, `${who} (${String(sku)}) has ${field} ${describe(value)} (text was expected)`)
  }
  for (const field of LIST_FIELDS) {
    const value = product[field]
    if (value !== undefined && value !== null && !Array.isArray(value))
      throw unexpected(route, `${who} (${String(sku)}) has ${field} ${describe(value)} (a list was expected)`)
  }
}

function isLooseNumber(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true
  if (typeof value === 'number') return Number.isFinite(value)
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function unexpected(route: string, what: string): UserError {
  return new UserError(`The store's answer to ${route} is not what BigCommerce sends: ${what}.`, {
    code: 'store.unexpected-answer',
    hint: 'Nothing was planned or written. Check BIGCOMMERCE_API_URL and any proxy in between; if the store really holds this value, fix it in the control panel.',
    exitCode: ExitCode.error,
  })
}
