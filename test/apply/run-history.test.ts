import {mkdtemp, readdir, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import type {ApplyReport} from '../../src/apply/result.js'
import {HISTORY_LIMIT, newRunId, RunHistory} from '../../src/history/run-history.js'
import {anApplyReport} from './apply-report-factory.js'

function aReport(runId: string): ApplyReport {
  return anApplyReport({run_id: runId})
}

describe('RunHistory', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'catalogctl-history-'))
  })
  afterEach(() => rm(dir, {recursive: true, force: true}))

  it('keeps only the newest runs, listing newest first', async () => {
    const history = new RunHistory(dir)
    const start = Date.parse('2026-12-03T10:00:00.000Z')
    for (let index = 0; index < HISTORY_LIMIT + 3; index++) {
      await history.write(aReport(newRunId(new Date(start + index * 1000), () => 0.5)))
    }
    expect(await readdir(dir)).toHaveLength(HISTORY_LIMIT)
    const runs = await history.list()
    expect(runs[0]?.run_id).toBe(newRunId(new Date(start + (HISTORY_LIMIT + 2) * 1000), () => 0.5))
    expect(runs.at(-1)?.run_id).toBe(newRunId(new Date(start + 3 * 1000), () => 0.5))
  })

  it('shows a run by its id or a unique start of it, and says when a prefix is ambiguous or unknown', async () => {
    const history = new RunHistory(dir)
    await history.write(aReport('2026-12-03T10-00-00-000Z-aaaa'))
    await history.write(aReport('2026-12-03T11-00-00-000Z-bbbb'))
    expect((await history.show('2026-12-03T11')).run_id).toBe('2026-12-03T11-00-00-000Z-bbbb')
    await expect(history.show('2026-12-03')).rejects.toThrow('matches 2 runs')
    await expect(history.show('2025')).rejects.toThrow('No run "2025"')
  })

  it('lists nothing when no run was kept yet', async () => {
    expect(await new RunHistory(path.join(dir, 'missing')).list()).toEqual([])
  })
})
