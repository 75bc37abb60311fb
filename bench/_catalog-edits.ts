import {readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

/**
 * Changes price (+1) and description of every 1/share-th product file of a generated one-per-file catalog,
 * as a day's edits would; returns how many products changed.
 */
export async function changeShare(dir: string, share: number): Promise<number> {
  const every = Math.round(1 / share)
  const files = (await readdir(path.join(dir, 'products'), {recursive: true}))
    .filter((file) => file.endsWith('.yaml'))
    .sort()
  let changed = 0
  for (let index = 0; index < files.length; index += every) {
    const file = path.join(dir, 'products', files[index] ?? '')
    const text = await readFile(file, 'utf8')
    const next = text
      .replace(/^price: ([\d.]+)$/m, (_, price: string) => `price: ${(Number(price) + 1).toFixed(2)}`)
      .replace('</p>', ' Now improved.</p>')
    await writeFile(file, next)
    changed++
  }
  return changed
}
