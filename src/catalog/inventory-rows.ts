import {parse} from 'csv-parse/sync'

import type {PendingDiagnostic} from './diagnostics.js'
import {suggest} from './did-you-mean.js'
import type {InventoryFile} from './generated/index.js'
import type {InventoryEntry} from './checks/check-context.js'

const columns = ['sku', 'location', 'quantity'] as const
const maxQuantity = 2_147_483_647

/** Rows from an inventory YAML file; each SKU key's line and column come from a cheap scan of the text. */
export function inventoryRowsFromYaml(data: InventoryFile, file: string, text: string): InventoryEntry[] {
  const keyPositions = new Map<string, {line: number; col: number}>()
  let location: {line: number; col: number} | undefined
  let start = 0
  for (let line = 1; start < text.length; line++) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const first = text.charCodeAt(start)
    const colon = text.indexOf(':', start)
    if (colon > start && colon < end) {
      if (first === 32 || first === 9) {
        const raw = text.slice(start, colon)
        let key = raw.trim()
        const quote = key.charCodeAt(0)
        if ((quote === 34 || quote === 39) && key.charCodeAt(key.length - 1) === quote) key = key.slice(1, -1)
        if (!keyPositions.has(key)) keyPositions.set(key, {line, col: raw.length - raw.trimStart().length + 1})
      } else if (location === undefined && text.startsWith('location:', start)) {
        let value = colon + 1
        while (text.charCodeAt(value) === 32) value++
        location = {line, col: value - start + 1}
      }
    }
    start = end + 1
  }
  const rows: InventoryEntry[] = []
  for (const sku in data.stock) {
    const quantity = data.stock[sku]
    if (quantity === undefined) continue
    const position = keyPositions.get(sku)
    rows.push({
      sku,
      location: data.location,
      quantity,
      source: {file, line: position?.line ?? 1},
      yamlPositions: {skuCol: position?.col ?? 0, location},
    })
  }
  return rows
}

/**
 * csv-parse's `info` option gives each record's line but costs ~3× the parse; without quotes a record
 * is one line, so the lines of the non-empty rows are the record lines.
 */
function parseWithLines(text: string): Array<{record: string[]; info: {lines: number}}> {
  if (text.includes('"') || text.includes('\r'))
    return parse(text, {info: true, skip_empty_lines: true, trim: true, bom: true}) as unknown as Array<{
      record: string[]
      info: {lines: number}
    }>
  const records = parse(text, {skip_empty_lines: true, trim: true, bom: true})
  const lines: number[] = []
  let start = 0
  for (let line = 1; start < text.length; line++) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    if (text.slice(start, end).trim() !== '') lines.push(line)
    start = end + 1
  }
  return records.map((record, index) => ({record, info: {lines: lines[index] ?? index + 1}}))
}

/**
 * Rows from an inventory CSV (`sku,location,quantity`, header required, any column order), parsed with
 * csv-parse. Problems (bad header, bad quantity, malformed CSV) are reported with the CSV line.
 */
export function inventoryRowsFromCsv(
  text: string,
  file: string,
): {rows: InventoryEntry[]; problems: PendingDiagnostic[]} {
  const rows: InventoryEntry[] = []
  const problems: PendingDiagnostic[] = []
  let records: Array<{record: string[]; info: {lines: number}}>
  try {
    records = parseWithLines(text)
  } catch (error) {
    const line = Number((error as {lines?: number}).lines ?? 1)
    const message = (error as Error).message.replace(/^Invalid Record Length: /, '')
    problems.push({severity: 'error', rule: 'inventory/csv-syntax', message: `malformed CSV: ${message}`, at: {line, col: 1}, hint: 'Each row needs exactly the header\'s columns; quote values containing commas.'})
    return {rows, problems}
  }
  const [header, ...body] = records
  if (!header) {
    problems.push({severity: 'error', rule: 'file/empty', message: 'file is empty (no CSV header)', at: {line: 1, col: 1}, hint: 'Start with the header `sku,location,quantity`.'})
    return {rows, problems}
  }
  const names = header.record.map((name) => name.toLowerCase())
  const index = Object.fromEntries(columns.map((column) => [column, names.indexOf(column)])) as Record<(typeof columns)[number], number>
  const unknown = names.filter((name) => !(columns as readonly string[]).includes(name))
  const missing = columns.filter((column) => index[column] < 0)
  if (missing.length > 0 || unknown.length > 0) {
    const guess = unknown[0] === undefined ? undefined : suggest(unknown[0], columns)
    problems.push({
      severity: 'error',
      rule: 'inventory/csv-header',
      message: `CSV header must be sku,location,quantity${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`,
      at: {line: header.info.lines, col: 1},
      hint: guess ? `did you mean \`${guess}\`?` : 'The first line must be `sku,location,quantity`.',
    })
    return {rows, problems}
  }
  const colOf = (column: number, record: string[]): number =>
    record.slice(0, column).reduce((width, value) => width + value.length + 1, 1)
  for (const {record, info} of body) {
    const sku = record[index.sku] ?? ''
    const location = record[index.location] ?? ''
    const rawQuantity = record[index.quantity] ?? ''
    const at = (column: number): PendingDiagnostic['at'] => ({line: info.lines, col: colOf(column, record)})
    if (sku === '' || location === '') {
      problems.push({severity: 'error', rule: 'inventory/csv-value', message: `row has an empty ${sku === '' ? 'sku' : 'location'}`, at: at(sku === '' ? index.sku : index.location)})
      continue
    }
    const quantity = /^\d+$/.test(rawQuantity) ? Number(rawQuantity) : Number.NaN
    if (!Number.isSafeInteger(quantity) || quantity > maxQuantity) {
      problems.push({
        severity: 'error',
        rule: 'inventory/quantity',
        message: `quantity ${JSON.stringify(rawQuantity)} for ${sku} is not a whole number from 0 to ${maxQuantity}`,
        at: at(index.quantity),
      })
      continue
    }
    rows.push({
      sku,
      location,
      quantity,
      source: {file, line: info.lines},
      csvColumns: {sku: colOf(index.sku, record), location: colOf(index.location, record)},
    })
  }
  return {rows, problems}
}
