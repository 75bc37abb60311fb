import {Cron} from 'croner'

import type {ScheduleJob} from '../catalog/generated/index.js'
import type {RunQueue} from './run-queue.js'

export interface ScheduleView {
  name: string
  cron: string
  timezone: string
  scope: string
  mode: string
  enabled: boolean
  next_run: string | null
  last_run: {at: string; run_id: string} | null
}

/**
 * schedules.yaml run by serve itself (for teams without GitHub Actions): croner fires each job in its
 * own time zone, and the job goes through the same queue as the HTTP triggers.
 */
export class Scheduler {
  private readonly crons: {job: ScheduleJob; cron: Cron | null; last: ScheduleView['last_run']}[]

  constructor(jobs: readonly ScheduleJob[], queue: RunQueue, log: (line: string) => void) {
    this.crons = jobs.map((job) => {
      const entry: {job: ScheduleJob; cron: Cron | null; last: ScheduleView['last_run']} = {
        job,
        cron: null,
        last: null,
      }
      if (job.enabled !== false)
        entry.cron = new Cron(job.cron, {timezone: job.timezone ?? 'UTC', protect: true}, () => {
          try {
            const {run} = queue.enqueue(job.scope ?? 'all', job.mode ?? 'delta', `schedule:${job.name}`)
            entry.last = {at: new Date().toISOString(), run_id: run.id}
          } catch (error) {
            log(`schedule ${job.name}: ${(error as Error).message}`)
          }
        })
      return entry
    })
  }

  list(): ScheduleView[] {
    return this.crons.map(({job, cron, last}) => ({
      name: job.name,
      cron: job.cron,
      timezone: job.timezone ?? 'UTC',
      scope: job.scope ?? 'all',
      mode: job.mode ?? 'delta',
      enabled: job.enabled !== false,
      next_run: cron?.nextRun()?.toISOString() ?? null,
      last_run: last,
    }))
  }

  stop(): void {
    for (const entry of this.crons) entry.cron?.stop()
  }
}
