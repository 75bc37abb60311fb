import {mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {UserError} from '../errors/user-error.js'
import type {ApplyReport} from '../apply/result.js'

/** The number of runs kept; older ones are removed when a new run is written. */
export const HISTORY_LIMIT = 100

/**
 * Run history: one JSON file per apply in `.catalogctl/history/<run-id>.json` of the catalog's
 * repository. Run ids sort by time (`2026-12-03T16-02-11-123Z-ab12`), so listing is a directory read.
 * Files are written whole (temp file + rename): a killed run leaves either its report or nothing.
 */
export class RunHistory {
  constructor(readonly directory: string) {}

  async write(report: ApplyReport): Promise<string> {
    await mkdir(this.directory, {recursive: true})
    const file = path.join(this.directory, `${report.run_id}.json`)
    const temporary = `${file}.${process.pid}.tmp`
    await writeFile(temporary, `${JSON.stringify(report, null, 2)}\n`)
    await rename(temporary, file)
    await this.prune()
    return file
  }

  async list(): Promise<ApplyReport[]> {
    const ids = await this.runIds()
    const reports = await Promise.all(ids.map((id) => this.read(id)))
    return reports.reverse()
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

  private async read(id: string): Promise<ApplyReport> {
    const text = await readFile(path.join(this.directory, `${id}.json`), 'utf8')
    return JSON.parse(text) as ApplyReport
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
    await Promise.all(excess.map((id) => rm(path.join(this.directory, `${id}.json`), {force: true})))
  }
}

/** A run id that sorts by start time and does not collide between two runs started in the same ms. */
export function newRunId(startedAt: Date, random = Math.random): string {
  const suffix = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')
  return `${startedAt.toISOString().replace(/[:.]/g, '-')}-${suffix}`
}
