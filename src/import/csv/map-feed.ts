import type {CsvMapping, CsvSource} from '../../catalog/generated/index.js'
import {suggest} from '../../catalog/did-you-mean.js'
import {ExitCode} from '../../errors/exit-codes.js'
import {UserError} from '../../errors/user-error.js'
import type {FieldValue, ImportBatch, ImportedProduct, ImportedVariant, RowProblem} from './import-batch.js'
import {emptyBatch} from './import-batch.js'
import type {FeedTable} from './read-feed.js'
import {columnOf, resolveSource, toNumber} from './transforms.js'

/** Fields that are numbers in the catalog; a text cell is parsed (`1234.5`, or a transform first). */
export const numericFields = new Set([
  'price',
  'sale_price',
  'cost_price',
  'retail_price',
  'weight',
  'width',
  'height',
  'depth',
])
const enumFields: Record<string, readonly string[]> = {
  type: ['physical', 'digital'],
  status: ['active', 'inactive'],
  availability: ['available', 'disabled', 'preorder'],
}
/** What a variant row may set; other product fields on a variant row are ignored. */
export const variantFields = new Set([
  'price',
  'sale_price',
  'cost_price',
  'retail_price',
  'weight',
  'width',
  'height',
  'depth',
  'gtin',
  'upc',
  'mpn',
])
const variantOnlyFields = new Set(['gtin', 'upc', 'mpn'])

/** Refuses, before reading any row, a mapping that names columns the file does not have. */
export function checkMappingColumns(mapping: CsvMapping, header: string[], file: string): void {
  const missing = [...mappedSources(mapping)]
    .map(({source}) => columnOf(source))
    .filter((column): column is string => column !== undefined && !header.includes(column))
  if (missing.length === 0) return
  const lines = [...new Set(missing)].map((column) => {
    const guess = suggest(column, header)
    return `  ${JSON.stringify(column)}${guess ? ` (did you mean ${JSON.stringify(guess)}?)` : ''}`
  })
  throw new UserError(`the mapping names columns that ${file} does not have:\n${lines.join('\n')}`, {
    code: 'import.mapping-columns',
    hint: `The file's columns are: ${header.map((h) => JSON.stringify(h)).join(', ')}`,
    exitCode: ExitCode.error,
  })
}

function* mappedSources(mapping: CsvMapping): Generator<{source: CsvSource}> {
  yield {source: mapping.sku}
  if (mapping.parent_sku) yield {source: mapping.parent_sku}
  for (const source of Object.values(mapping.fields ?? {})) if (source) yield {source}
  for (const source of Object.values(mapping.options ?? {})) if (source) yield {source}
  for (const source of Object.values(mapping.attributes ?? {})) if (source) yield {source}
  for (const source of Object.values(mapping.stock ?? {})) if (source) yield {source}
  for (const list of Object.values(mapping.price_lists ?? {}))
    for (const source of Object.values(list ?? {})) if (source) yield {source}
  if (mapping.categories) yield {source: mapping.categories.column}
  if (mapping.images) yield {source: mapping.images.column}
}

/** Turns a table into an ImportBatch through a mapping; each bad row becomes a RowProblem and is skipped. */
export function mapFeed(table: FeedTable, mapping: CsvMapping): ImportBatch {
  const batch = emptyBatch('mapping')
  batch.locations = Object.keys(mapping.stock ?? {})
  batch.priceLists = Object.keys(mapping.price_lists ?? {})
  const index = new Map(table.header.map((name, i) => [name, i]))
  const products = new Map<string, ImportedProduct>()
  const variants: Array<ImportedVariant & {parentSku: string}> = []
  const firstRowOf = new Map<string, number>()

  for (const {line, cells} of table.rows) {
    batch.rows++
    const problems: RowProblem[] = []
    const cellOf = (column: string | undefined): string | undefined =>
      column === undefined ? undefined : cells[index.get(column) ?? -1]
    const read = (source: CsvSource, label?: string): FieldValue | undefined => {
      const column = columnOf(source)
      const result = resolveSource(source, cellOf(column))
      if (result.ok) return result.value
      problems.push({
        row: line,
        ...(column === undefined ? {} : {column}),
        reason: label ? `${label}: ${result.reason}` : result.reason,
      })
      return undefined
    }
    if (cells.length !== table.header.length) {
      batch.problems.push({
        row: line,
        reason: `the row has ${cells.length} cells, the header has ${table.header.length}`,
      })
      continue
    }
    const skuColumn = columnOf(mapping.sku)
    const sku = stringOf(read(mapping.sku))
    if (!sku) {
      batch.problems.push({row: line, ...(skuColumn ? {column: skuColumn} : {}), reason: 'the SKU is empty'})
      continue
    }
    const parentSku = mapping.parent_sku ? stringOf(read(mapping.parent_sku)) : undefined
    const isVariant = parentSku !== undefined && parentSku.toLowerCase() !== sku.toLowerCase()

    const fields: Record<string, unknown> = {}
    for (const [field, source] of Object.entries(mapping.fields ?? {})) {
      if (!source) continue
      if (isVariant ? !variantFields.has(field) : variantOnlyFields.has(field)) continue
      const value = coerceField(field, read(source, field), columnOf(source), line, problems)
      if (value !== undefined) fields[field] = value
    }
    const attributes: Record<string, FieldValue> = {}
    for (const [name, source] of Object.entries(mapping.attributes ?? {})) {
      const value = source ? read(source) : undefined
      if (value !== undefined) attributes[name] = typeof value === 'string' ? value.trim() : value
    }
    if (!isVariant && mapping.categories) {
      const {
        column,
        path_separator: pathSeparator = '/',
        list_separator: listSeparator = ';',
      } = mapping.categories
      const cell = cellOf(column)?.trim()
      if (cell)
        fields.categories = splitList(cell, listSeparator).map((p) => splitList(p, pathSeparator).join('/'))
    }
    if (!isVariant && mapping.images) {
      const cell = cellOf(mapping.images.column)?.trim()
      if (cell) fields.images = splitList(cell, mapping.images.list_separator ?? '|').map((url) => ({url}))
    }
    for (const [location, source] of Object.entries(mapping.stock ?? {})) {
      const value = source ? read(source) : undefined
      if (value === undefined) continue
      const quantity = toNumber(value, false)
      const column = source ? columnOf(source) : undefined
      if (
        !quantity.ok ||
        typeof quantity.value !== 'number' ||
        !Number.isInteger(quantity.value) ||
        quantity.value < 0
      )
        problems.push({
          row: line,
          ...(column ? {column} : {}),
          reason: `stock ${JSON.stringify(String(value))} is not a whole number ≥ 0`,
        })
      else batch.stock.push({sku, location, quantity: quantity.value, row: line})
    }
    for (const [list, columns] of Object.entries(mapping.price_lists ?? {})) {
      if (!columns) continue
      const record: Record<string, number> = {}
      for (const [field, source] of Object.entries(columns)) {
        const value = source
          ? coerceField('price', read(source), columnOf(source), line, problems)
          : undefined
        if (typeof value === 'number') record[field] = value
      }
      if (Object.keys(record).length === 0) continue
      if (record.price === undefined)
        problems.push({
          row: line,
          column: columnOf(columns.price) ?? list,
          reason: `price list ${list}: a record needs a price`,
        })
      else batch.prices.push({sku, list, record: record as {price: number}, row: line})
    }
    const options: Record<string, string> = {}
    if (isVariant)
      for (const [option, source] of Object.entries(mapping.options ?? {})) {
        const value = source ? read(source) : undefined
        const column = source ? columnOf(source) : undefined
        if (value === undefined || String(value).trim() === '')
          problems.push({
            row: line,
            ...(column ? {column} : {}),
            reason: `option ${option} is empty on a variant row`,
          })
        else options[option] = String(value).trim()
      }

    if (problems.length > 0) {
      batch.problems.push(...problems.map((p) => ({...p, sku})))
      batch.stock = batch.stock.filter((s) => s.row !== line)
      batch.prices = batch.prices.filter((p) => p.row !== line)
      continue
    }
    const key = sku.toLowerCase()
    const first = firstRowOf.get(key)
    if (first !== undefined) {
      batch.problems.push({
        row: line,
        ...(skuColumn ? {column: skuColumn} : {}),
        sku,
        reason: `SKU ${sku} is also on row ${first}`,
      })
      batch.stock = batch.stock.filter((s) => s.row !== line)
      batch.prices = batch.prices.filter((p) => p.row !== line)
      continue
    }
    firstRowOf.set(key, line)
    if (isVariant) variants.push({sku, row: line, parentSku, options, fields, attributes})
    else products.set(key, {sku, row: line, fields, attributes, variants: []})
  }
  for (const variant of variants) {
    const parent = products.get(variant.parentSku.toLowerCase())
    if (parent) {
      const {parentSku: _parent, ...rest} = variant
      parent.variants.push(rest)
    } else batch.orphanVariants.push(variant)
  }
  batch.products = [...products.values()]
  return batch
}

function coerceField(
  field: string,
  value: FieldValue | undefined,
  column: string | undefined,
  row: number,
  problems: RowProblem[],
): FieldValue | undefined {
  if (value === undefined) return undefined
  const at = {row, ...(column ? {column} : {})}
  if (numericFields.has(field)) {
    const number = toNumber(value, false)
    if (!number.ok) {
      problems.push({...at, reason: `${field}: ${number.reason}`})
      return undefined
    }
    if (typeof number.value === 'number' && number.value < 0) {
      problems.push({...at, reason: `${field} ${number.value} is negative`})
      return undefined
    }
    return number.value
  }
  const text = String(value).trim()
  const allowed = enumFields[field]
  if (allowed && !allowed.includes(text)) {
    problems.push({...at, reason: `${field} ${JSON.stringify(text)} is not one of ${allowed.join(', ')}`})
    return undefined
  }
  return text
}

function stringOf(value: FieldValue | undefined): string | undefined {
  if (value === undefined) return undefined
  const text = String(value).trim()
  return text === '' ? undefined : text
}

function splitList(cell: string, separator: string): string[] {
  return cell
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}
