import {existsSync, readFileSync} from 'node:fs'
import {open, rename, unlink} from 'node:fs/promises'
import path from 'node:path'

import type {Json, SandboxData} from './state.js'

/** Loads a `--data` file, or undefined when it does not exist yet. */
export function loadData(file: string): SandboxData | undefined {
  if (!existsSync(file)) return undefined
  const data = JSON.parse(readFileSync(file, 'utf8')) as SandboxData
  if (data.version !== 1) throw new Error(`${file}: unsupported sandbox data version ${String(data.version)}`)
  shareRepeatedDates(data)
  return data
}

/**
 * JSON.parse makes a new string for every value, so a store of 120,000 price records reloads with 240,000
 * copies of a few dates (≈ 15 MB; the running store shares them, see SandboxStore.now). Equal dates become one
 * string again.
 */
function shareRepeatedDates(data: SandboxData): void {
  const seen = new Map<string, string>()
  const share = (value: string): string => {
    const found = seen.get(value)
    if (found !== undefined) return found
    seen.set(value, value)
    return value
  }
  const shareIn = (record: Json, key: string): void => {
    const value = record[key]
    if (typeof value === 'string') record[key] = share(value)
  }
  for (const record of data.priceRecords) {
    shareIn(record, 'date_created')
    shareIn(record, 'date_modified')
  }
  for (const product of data.products) {
    shareIn(product.data, 'date_created')
    shareIn(product.data, 'date_modified')
    for (const image of product.images) shareIn(image, 'date_modified')
  }
}

let sequence = 0

/**
 * Writes atomically: a temporary file beside the target, fsync, then rename over the target. A kill -9 at
 * any moment leaves either the old or the new complete file (rename is atomic on one filesystem).
 */
export async function writeDataAtomically(file: string, data: SandboxData): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${sequence++}.tmp`)
  const handle = await open(temporary, 'w')
  try {
    await handle.writeFile(JSON.stringify(data))
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temporary, file)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    throw error
  }
}

/** Coalesces saves: at most one write in flight, and one more queued when the store changed meanwhile. */
export class Persister {
  private running: Promise<void> | undefined
  private queued = false

  constructor(
    private readonly file: string,
    private readonly snapshot: () => SandboxData,
  ) {}

  schedule(): void {
    if (this.running) {
      this.queued = true
      return
    }
    this.running = this.loop()
  }

  async flush(): Promise<void> {
    while (this.running) await this.running
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.queued = false
        await writeDataAtomically(this.file, this.snapshot())
      } while (this.queued)
    } finally {
      this.running = undefined
    }
  }
}
