import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {expect} from 'vitest'

const goldenDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden')

/**
 * Compares output with test/render/golden/<name>. `UPDATE_GOLDEN=1 npx vitest run test/render` rewrites
 * the files (review the git diff); without it a missing or different file fails the test.
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(goldenDir, name)
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(goldenDir, {recursive: true})
    writeFileSync(file, actual)
    return
  }
  expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/render`).toBe(true)
  expect(actual).toBe(readFileSync(file, 'utf8'))
}
