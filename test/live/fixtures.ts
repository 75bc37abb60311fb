import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const fixturesDir = path.resolve(repoRoot, '..', 'shared', 'bigcommerce-fixtures')
export const haveFixtures = existsSync(fixturesDir)
if (!haveFixtures)
  console.warn(`Skipping recorded-fixture tests: ${fixturesDir} is absent (../shared beside the repository).`)

/** A recorded BigCommerce response from ../shared/bigcommerce-fixtures (never copied into the project). */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(fixturesDir, name), 'utf8')) as T
}
