import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import type {ApplyReport, RecordResult} from '../../src/apply/result.js'
import {readReportFile, writeReportFile} from '../../src/history/report-file.js'
import {anApplyReport} from './apply-report-factory.js'

function aReport(results: RecordResult[]): ApplyReport {
  const summary = {create: results.length, update: 0, delete: 0, unchanged: 0, unmanaged: 0, adopt: 0}
  return anApplyReport({summary, results, status: 'finished'})
}

const results = (count: number): RecordResult[] =>
  Array.from({length: count}, (_, index) => ({
    kind: 'product',
    key: `SKU-${index} "quoted",\n  ]`,
    action: 'create',
    status: index % 7 === 0 ? 'failed' : 'applied',
    ...(index % 7 === 0 ? {error: 'line one\nline two'} : {}),
  }))

describe('report files', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'catalogctl-report-'))
  })
  afterEach(() => rm(dir, {recursive: true, force: true}))

  it.each([0, 1, 2000, 4001])('round-trips %i results as valid JSON, one result a line', async (count) => {
    const file = path.join(dir, 'run.json')
    const report = aReport(results(count))
    await writeReportFile(file, report)
    const text = await readFile(file, 'utf8')
    expect(JSON.parse(text)).toEqual(report)
    expect(text.split('\n').filter((line) => line.startsWith('    {"kind":'))).toHaveLength(count)
    expect(await readReportFile(file)).toEqual(report)
    expect(await readReportFile(file, false)).toEqual({...report, results: []})
  })

  it('reads reports written whole, before results were kept one a line', async () => {
    const file = path.join(dir, 'old.json')
    const {results: recorded, ...rest} = aReport(results(3))
    const old = {...rest, results: recorded, stats: rest.stats, status: 'running'}
    await writeFile(file, `${JSON.stringify(old, null, 2)}\n`)
    expect(await readReportFile(file)).toEqual(old)
    expect((await readReportFile(file, false)).status).toBe('running')
  })
})
