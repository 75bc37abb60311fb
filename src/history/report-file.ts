import {createReadStream} from 'node:fs'
import {open, readFile} from 'node:fs/promises'
import readline from 'node:readline'

import type {ApplyReport, RecordResult} from '../apply/result.js'

/** The line that opens the results; every line after it, up to `RESULTS_END`, is one result. */
const RESULTS_START = '  "results": ['
const RESULTS_END = '  ]'
/** Results written per `write` call: large enough to be quick, small enough to stay far below string limits. */
const CHUNK = 2000

/**
 * Writes a report as pretty JSON with its results last, one per line. A 100,000-product seed has 3.4 million
 * results: one `JSON.stringify` of them all is beyond V8's largest string, so the file is written in chunks
 * and stays valid JSON that any tool reads.
 */
export async function writeReportFile(file: string, report: ApplyReport): Promise<void> {
  const {results, ...head} = report
  const handle = await open(file, 'w')
  try {
    await handle.write(`${JSON.stringify(head, null, 2).slice(0, -2)},\n${RESULTS_START}\n`)
    for (let start = 0; start < results.length; start += CHUNK) {
      const lines = results.slice(start, start + CHUNK).map((result) => `    ${JSON.stringify(result)}`)
      const last = start + CHUNK >= results.length
      await handle.write(`${lines.join(',\n')}${last ? '' : ','}\n`)
    }
    await handle.write(`${RESULTS_END}\n}\n`)
  } finally {
    await handle.close()
  }
}

/**
 * Reads a report line by line (results included only when asked: listing runs needs their heads). Reports
 * written before results were kept one per line are parsed whole.
 */
export async function readReportFile(file: string, withResults = true): Promise<ApplyReport> {
  const outside: string[] = []
  const results: RecordResult[] = []
  let inResults = false
  const lines = readline.createInterface({input: createReadStream(file, 'utf8'), crlfDelay: Infinity})
  try {
    for await (const line of lines) {
      if (!inResults && line === RESULTS_START) {
        inResults = true
        continue
      }
      if (inResults && line === RESULTS_END) {
        inResults = false
        continue
      }
      if (!inResults) {
        outside.push(line)
        continue
      }
      const result = parseResultLine(line)
      if (!result) return parseWhole(file, withResults)
      // Results are last in the layout this module writes: a head needs nothing after the first one.
      if (!withResults) break
      results.push(result)
    }
  } finally {
    lines.close()
  }
  if (inResults && withResults) return parseWhole(file, withResults)
  const head = outside
    .join('\n')
    .replace(/,?\s*}\s*$/, '')
    .replace(/,\s*$/, '')
  const report = JSON.parse(`${head}\n}`) as ApplyReport
  report.results = withResults ? results : []
  return report
}

function parseResultLine(line: string): RecordResult | undefined {
  const text = line.trim().replace(/,$/, '')
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined
  try {
    return JSON.parse(text) as RecordResult
  } catch {
    return undefined
  }
}

async function parseWhole(file: string, withResults: boolean): Promise<ApplyReport> {
  const report = JSON.parse(await readFile(file, 'utf8')) as ApplyReport
  if (!withResults) report.results = []
  return report
}
