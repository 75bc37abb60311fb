import {appendFileSync, closeSync, createReadStream, openSync} from 'node:fs'
import {mkdir, readdir, rename, rm, stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'

import {UserError} from '../errors/user-error.js'
import type {ApplyReport, RecordResult} from '../apply/result.js'
import {readReportFile, writeReportFile} from './report-file.js'

/** The number of runs kept; older ones are removed when a new run is written. */
export const HISTORY_LIMIT = 100

/**
 * Run history: one JSON file per apply in `.catalogctl/history/<run-id>.json` of the catalog's
 * repository. Run ids sort by time (`2026-12-03T16-02-11-123Z-ab12`), so listing is a directory read.
 * Files are written whole (temp file + rename). A run is written twice: when it starts (`status: running`,
 * with its process) and when it ends; in between, each record's result is appended to
 * `<run-id>.results.jsonl`. A run killed halfway (SIGKILL, a lost machine) is therefore still there: the
 * next reader finds a `running` report whose process is gone and turns it into `interrupted`, with the
 * results it had recorded.
 */
export class RunHistory {
  constructor(readonly directory: string) {}

  async write(report: ApplyReport): Promise<string> {
    const file = await this.save(report)
    await rm(this.journalFile(report.run_id), {force: true})
    await this.prune()
    return file
  }

  /**
   * Records that a run started, before its first write to the store, and returns the journal its results
   * are appended to as they come (synchronously, one line each: a kill loses at most the line being written).
   */
  async begin(report: ApplyReport): Promise<RunJournal> {
    await this.recoverInterrupted()
    await this.save({...report, status: 'running', process: {pid: process.pid, host: os.hostname()}})
    const descriptor = openSync(this.journalFile(report.run_id), 'a')
    return {
      record: (result) => appendFileSync(descriptor, `${JSON.stringify(result)}\n`),
      close: () => closeSync(descriptor),
    }
  }

  async list(): Promise<ApplyReport[]> {
    await this.recoverInterrupted()
    const ids = await this.runIds()
    const reports = await Promise.all(ids.map((id) => this.read(id)))
    return reports.reverse()
  }

  /**
   * Turns runs left `running` by a process that no longer exists on this machine into `interrupted`, with
   * the results their journal holds. A run of another machine, or of a live process, is left as it is.
   */
  async recoverInterrupted(): Promise<void> {
    for (const id of await this.runIds()) {
      const report = await this.read(id, false)
      if (report.status !== 'running' || !report.process || isAlive(report.process)) continue
      const journal = this.journalFile(id)
      const modified = await stat(journal).catch(() => undefined)
      await this.save({
        ...report,
        status: 'interrupted',
        finished_at: (modified?.mtime ?? new Date(report.started_at)).toISOString(),
        results: await readJournal(journal),
      })
      await rm(journal, {force: true})
    }
  }

  async show(id: string): Promise<ApplyReport> {
    const ids = await this.runIds()
    const matches = ids.filter((candidate) => candidate === id || candidate.startsWith(id))
    if (matches.length === 1 && matches[0]) return this.read(matches[0])
    if (matches.length > 1) {
      throw new UserError(`"${id}" matches ${matches.length} runs`, {
        code: 'history.ambiguous-id',
        hint: 'Give more characters of the run id (see `catalogctl history`).',
      })
    }
    throw new UserError(`No run "${id}" in ${this.directory}`, {
      code: 'history.unknown-run',
      hint: 'List the runs with `catalogctl history`.',
    })
  }

  private async save(report: ApplyReport): Promise<string> {
    await mkdir(this.directory, {recursive: true})
    const file = path.join(this.directory, `${report.run_id}.json`)
    const temporary = `${file}.${process.pid}.tmp`
    await writeReportFile(temporary, report)
    await rename(temporary, file)
    return file
  }

  private journalFile(id: string): string {
    return path.join(this.directory, `${id}.results.jsonl`)
  }

  private async read(id: string, withResults = true): Promise<ApplyReport> {
    return readReportFile(path.join(this.directory, `${id}.json`), withResults)
  }

  private async runIds(): Promise<string[]> {
    let entries: string[]
    try {
      entries = await readdir(this.directory)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    return entries
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .sort()
  }

  private async prune(): Promise<void> {
    const ids = await this.runIds()
    const excess = ids.slice(0, Math.max(0, ids.length - HISTORY_LIMIT))
    await Promise.all(
      excess.flatMap((id) => [
        rm(path.join(this.directory, `${id}.json`), {force: true}),
        rm(this.journalFile(id), {force: true}),
      ]),
    )
  }
}

/** Where a running apply appends each record's result. */
export interface RunJournal {
  record(result: RecordResult): void
  close(): void
}

/** Results of a journal, read line by line (a seed's is millions); a line cut short by the kill is dropped. */
async function readJournal(file: string): Promise<RecordResult[]> {
  const results: RecordResult[] = []
  const lines = readline.createInterface({input: createReadStream(file, 'utf8'), crlfDelay: Infinity})
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue
      try {
        results.push(JSON.parse(line) as RecordResult)
      } catch {
        // the last line, half-written when the process died
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  return results
}

function isAlive(owner: {pid: number; host: string}): boolean {
  if (owner.host !== os.hostname()) return true
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A run id that sorts by start time and does not collide between two runs started in the same ms. */
export function newRunId(startedAt: Date, random = Math.random): string {
  const suffix = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')
  return `${startedAt.toISOString().replace(/[:.]/g, '-')}-${suffix}`
}
