import {describe, expect, it} from 'vitest'

import {ApplyProgress} from '../../src/apply/progress.js'
import type {RecordResult} from '../../src/apply/result.js'

const result = (status: RecordResult['status']): RecordResult => ({
  kind: 'product',
  key: 'A',
  action: 'update',
  status,
})

describe('ApplyProgress', () => {
  it('prints plain lines at most once per interval, and always the last one', () => {
    const lines: string[] = []
    let clock = 0
    const progress = new ApplyProgress({
      total: 4,
      write: (text) => lines.push(text),
      interactive: false,
      intervalMs: 1000,
      now: () => clock,
    })
    progress.onResult(result('applied'))
    clock = 500
    progress.onResult(result('failed'))
    clock = 1200
    progress.onResult(result('applied'))
    clock = 1300
    progress.onResult(result('applied'))
    expect(lines).toEqual(['applying 1/4\n', 'applying 3/4 (1 failed)\n', 'applying 4/4 (1 failed)\n'])
  })

  it('redraws a bar in place on a terminal', () => {
    const lines: string[] = []
    const progress = new ApplyProgress({total: 2, write: (text) => lines.push(text), interactive: true})
    progress.onResult(result('applied'))
    progress.onResult(result('applied'))
    expect(lines).toEqual([
      '\r[##########----------] applying 1/2',
      '\r[####################] applying 2/2\n',
    ])
  })
})
