import {parse} from 'csv-parse/sync'

import {ExitCode} from '../../errors/exit-codes.js'
import {UserError} from '../../errors/user-error.js'
import type {FeedDelimiter} from './decode-feed.js'

export interface FeedTable {
  header: string[]
  /** Data rows; `line` is the file line the row starts on (the header is line 1 in a file without blank lines). */
  rows: Array<{line: number; cells: string[]}>
}

/**
 * Parses decoded CSV text with csv-parse. Quoted fields may span lines, so each record's start line
 * comes from csv-parse's `info`. Rows whose width differs from the header are kept (relax_column_count)
 * and reported by the mapper, rather than failing the whole file.
 */
export function readFeed(text: string, delimiter: FeedDelimiter): FeedTable {
  let records: Array<{record: string[]; info: {lines: number; records?: number}}>
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as typeof records
  } catch (error) {
    throw new UserError(`the file is not valid CSV: ${(error as Error).message}`, {
      code: 'import.csv-syntax',
      hint: 'Check the quotes around the line named, or pass --delimiter when detection picked the wrong one.',
      exitCode: ExitCode.error,
    })
  }
  const [first, ...rest] = records
  if (!first) throw new UserError('the file is empty', {code: 'import.empty', exitCode: ExitCode.error})
  const header = first.record.map((cell) => cell.trim())
  return {header, rows: rest.map(({record, info}) => ({line: startLine(record, info.lines), cells: record}))}
}

/** csv-parse reports the line a record ENDS on; subtract the line breaks inside its quoted cells. */
function startLine(record: string[], endLine: number): number {
  let breaks = 0
  for (const cell of record) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) breaks++
  return endLine - breaks
}
