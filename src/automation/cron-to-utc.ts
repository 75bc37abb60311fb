import {createHash} from 'node:crypto'

import {compressField, expandField, HOURS, MINUTES, WEEKDAYS} from './cron-fields.js'

/**
 * GitHub Actions reads `on.schedule[].cron` in UTC only (ecosystem.md §A1.4), while schedules.yaml says
 * "02:30 in America/New_York". The rule we document and apply:
 *
 * - The cron is converted with the zone's STANDARD offset and, when the zone observes daylight saving
 *   time, ALSO with its DAYLIGHT offset. When both give the same UTC crons (UTC, fixed-offset zones,
 *   hourly jobs) the workflow has one set and no guard.
 * - Otherwise the workflow carries both sets and a small guard job that runs first: it compares the cron
 *   that fired (`github.event.schedule`) with the zone's offset at that moment (`TZ=… date +%z`) and lets
 *   the sync run only for the set that matches. So "02:30 New York" stays 02:30 New York all year, instead
 *   of drifting an hour in summer. Manual and repository_dispatch runs always pass the guard.
 *
 * Offsets are read with Intl for 1 January and 1 July of the reference year; the smaller is standard time
 * (that holds in both hemispheres).
 */

export interface CronVariant {
  label: 'standard' | 'daylight' | 'fixed'
  /** Minutes east of UTC, e.g. -300 for UTC-05:00. */
  offsetMinutes: number
  crons: string[]
}

export interface UtcSchedule {
  /** The job's cron after moving the minute off :00, still in local time. */
  localCron: string
  timezone: string
  /** Set when the minute was moved off the top of the hour. */
  movedMinute?: {from: number; to: number}
  /** One variant (fixed) or two (standard, daylight) whose crons differ. */
  variants: CronVariant[]
}

export function convertScheduleToUtc(
  job: {name: string; cron: string; timezone?: string | undefined},
  referenceYear: number = new Date().getUTCFullYear(),
): UtcSchedule {
  const timezone = job.timezone ?? 'UTC'
  const fields = job.cron.trim().split(/\s+/)
  if (fields.length !== 5) throw new Error(`cron "${job.cron}" must have 5 fields`)
  let movedMinute: UtcSchedule['movedMinute']
  if (fields[0] === '0') {
    // GitHub: "High load times include the start of every hour"; schedules there are delayed or dropped.
    const to = spreadMinute(job.name)
    movedMinute = {from: 0, to}
    fields[0] = String(to)
  }
  const localCron = fields.join(' ')
  const january = offsetMinutesAt(timezone, new Date(Date.UTC(referenceYear, 0, 1, 12)))
  const july = offsetMinutesAt(timezone, new Date(Date.UTC(referenceYear, 6, 1, 12)))
  const standard = Math.min(january, july)
  const daylight = Math.max(january, july)
  const standardCrons = cronsAtOffset(localCron, standard)
  const daylightCrons = cronsAtOffset(localCron, daylight)
  const same = standardCrons.join('\n') === daylightCrons.join('\n')
  const variants: CronVariant[] = same
    ? [{label: 'fixed', offsetMinutes: standard, crons: standardCrons}]
    : [
        {label: 'standard', offsetMinutes: standard, crons: standardCrons},
        {label: 'daylight', offsetMinutes: daylight, crons: daylightCrons},
      ]
  return {localCron, timezone, ...(movedMinute ? {movedMinute} : {}), variants}
}

/** A minute in 3..12 picked from the job name: stable across renders, and jobs of one repo spread out. */
function spreadMinute(name: string): number {
  return 3 + ((createHash('sha256').update(name).digest()[0] ?? 0) % 10)
}

/** The zone's offset from UTC at that instant, in minutes (east positive). */
export function offsetMinutesAt(timeZone: string, at: Date): number {
  const part = new Intl.DateTimeFormat('en-US', {timeZone, timeZoneName: 'longOffset'})
    .formatToParts(at)
    .find((candidate) => candidate.type === 'timeZoneName')?.value
  const match = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(part ?? '')
  if (!match) throw new Error(`cannot read the offset of time zone ${timeZone}`)
  if (!match[1]) return 0
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

/** `+hhmm`/`-hhmm` as `date +%z` prints it. */
export function formatOffsetForDate(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+'
  const absolute = Math.abs(offsetMinutes)
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}${String(absolute % 60).padStart(2, '0')}`
}

/** `UTC-05:00` for comments. */
export function formatOffset(offsetMinutes: number): string {
  const text = formatOffsetForDate(offsetMinutes)
  return `UTC${text.slice(0, 3)}:${text.slice(3)}`
}

/**
 * The local cron, read at a fixed offset, as UTC crons. Every (hour, minute) it selects is moved by the
 * offset; a move across midnight shifts the day of the week too. Day-of-month and month cannot be
 * shifted reliably (month ends differ), so a cron that restricts them and crosses midnight is refused.
 */
export function cronsAtOffset(localCron: string, offsetMinutes: number): string[] {
  const [minuteField = '', hourField = '', dayOfMonth = '', month = '', weekday = ''] = localCron.split(' ')
  const minutes = expandField(minuteField, MINUTES) ?? range(0, 59)
  const hours = expandField(hourField, HOURS) ?? range(0, 23)
  const everyDay = dayOfMonth === '*' && month === '*' && weekday === '*'
  // day shift → minute → hours
  const groups = new Map<number, Map<number, Set<number>>>()
  for (const hour of hours) {
    for (const minute of minutes) {
      const total = hour * 60 + minute - offsetMinutes
      const dayShift = everyDay ? 0 : Math.floor(total / 1440)
      const utc = ((total % 1440) + 1440) % 1440
      const byMinute = groups.get(dayShift) ?? new Map<number, Set<number>>()
      groups.set(dayShift, byMinute)
      const hoursAt = byMinute.get(utc % 60) ?? new Set<number>()
      byMinute.set(utc % 60, hoursAt)
      hoursAt.add(Math.floor(utc / 60))
    }
  }
  const lines: string[] = []
  for (const [dayShift, byMinute] of [...groups].sort(([a], [b]) => a - b)) {
    if (dayShift !== 0 && (dayOfMonth !== '*' || month !== '*'))
      throw new Error(
        `cron "${localCron}" restricts the day of the month or the month and crosses midnight when converted to UTC; write it in UTC (timezone: UTC)`,
      )
    const weekdays = expandField(weekday, WEEKDAYS)
    const weekdayField =
      weekdays === null
        ? '*'
        : compressField(
            weekdays.map((day) => (((day + dayShift) % 7) + 7) % 7),
            WEEKDAYS,
          )
    // minutes that share the same hours become one line
    const byHours = new Map<string, number[]>()
    for (const [minute, hoursAt] of byMinute) {
      const hourText = compressField([...hoursAt], HOURS)
      byHours.set(hourText, [...(byHours.get(hourText) ?? []), minute])
    }
    for (const [hourText, minutesAt] of byHours)
      lines.push(`${compressField(minutesAt, MINUTES)} ${hourText} ${dayOfMonth} ${month} ${weekdayField}`)
  }
  return lines.sort()
}

function range(from: number, to: number): number[] {
  return Array.from({length: to - from + 1}, (_value, index) => from + index)
}
