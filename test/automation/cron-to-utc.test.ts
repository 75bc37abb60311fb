import {describe, expect, it} from 'vitest'

import {compressField, expandField, HOURS, WEEKDAYS} from '../../src/automation/cron-fields.js'
import {convertScheduleToUtc, cronsAtOffset} from '../../src/automation/cron-to-utc.js'

const job = (cron: string, timezone: string) => ({name: 'job', cron, timezone})

describe('cron → UTC', () => {
  it('New York 02:30 is 07:30 UTC in winter and 06:30 UTC in summer', () => {
    const schedule = convertScheduleToUtc(job('30 2 * * *', 'America/New_York'), 2026)
    expect(schedule.variants).toEqual([
      {label: 'standard', offsetMinutes: -300, crons: ['30 7 * * *']},
      {label: 'daylight', offsetMinutes: -240, crons: ['30 6 * * *']},
    ])
  })

  it('a zone without daylight saving time and UTC give one fixed set', () => {
    expect(convertScheduleToUtc(job('5 * * * *', 'UTC'), 2026).variants).toEqual([
      {label: 'fixed', offsetMinutes: 0, crons: ['5 * * * *']},
    ])
    // Kolkata is UTC+05:30: Monday 01:15 local is Sunday 19:45 UTC.
    expect(convertScheduleToUtc(job('15 1 * * MON', 'Asia/Kolkata'), 2026).variants).toEqual([
      {label: 'fixed', offsetMinutes: 330, crons: ['45 19 * * 0']},
    ])
  })

  it('an hourly job needs no daylight-saving variant', () => {
    expect(convertScheduleToUtc(job('5 * * * *', 'Europe/Berlin'), 2026).variants).toHaveLength(1)
  })

  it('the southern hemisphere: standard time is the smaller offset (July in Sydney)', () => {
    const schedule = convertScheduleToUtc(job('30 8 * * *', 'Australia/Sydney'), 2026)
    expect(schedule.variants.map((variant) => [variant.label, variant.offsetMinutes, variant.crons])).toEqual(
      [
        ['standard', 600, ['30 22 * * *']],
        ['daylight', 660, ['30 21 * * *']],
      ],
    )
  })

  it('moves :00 to a stable minute off the top of the hour', () => {
    const first = convertScheduleToUtc({name: 'nightly', cron: '0 3 * * 1-5', timezone: 'UTC'}, 2026)
    const again = convertScheduleToUtc({name: 'nightly', cron: '0 3 * * 1-5', timezone: 'UTC'}, 2026)
    expect(first.movedMinute?.to).toBeGreaterThanOrEqual(3)
    expect(first.movedMinute?.to).toBeLessThanOrEqual(12)
    expect(first).toEqual(again)
    expect(first.variants[0]?.crons).toEqual([`${first.movedMinute?.to} 3 * * 1-5`])
  })

  it('shifts the days of the week across midnight and splits the hours', () => {
    // Monday 23:10 in Berlin winter (UTC+1) is Monday 22:10 UTC; 00:10 Monday is Sunday 23:10 UTC.
    expect(cronsAtOffset('10 0,23 * * 1', 60)).toEqual(['10 22 * * 1', '10 23 * * 0'])
    expect(cronsAtOffset('10 22 * * 5-6', -180)).toEqual(['10 1 * * 0,6'])
  })

  it('refuses a day-of-month restriction that crosses midnight', () => {
    expect(() => cronsAtOffset('30 1 1 * *', 120)).toThrow(/day of the month/)
    expect(cronsAtOffset('30 12 1 * *', 120)).toEqual(['30 10 1 * *'])
  })

  it('expands and compresses cron fields', () => {
    expect(expandField('*/6', HOURS)).toEqual([0, 6, 12, 18])
    expect(expandField('MON-FRI', WEEKDAYS)).toEqual([1, 2, 3, 4, 5])
    expect(expandField('7', WEEKDAYS)).toEqual([0])
    expect(compressField([1, 2, 3, 5, 7, 8], HOURS)).toBe('1-3,5,7,8')
    expect(
      compressField(
        Array.from({length: 24}, (_v, i) => i),
        HOURS,
      ),
    ).toBe('*')
  })
})
