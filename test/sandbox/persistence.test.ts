import {spawn} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {afterEach, describe, expect, it} from 'vitest'

import {loadData} from '../../src/sandbox/persistence.js'
import {startFixture} from './helpers/sandbox-fixture.js'

const directories: string[] = []
function temporaryFile(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'catalogctl-sandbox-'))
  directories.push(directory)
  return path.join(directory, 'sandbox.json')
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, {recursive: true, force: true})
})

describe('sandbox --data persistence', () => {
  it('reloads the store and keeps counting ids where it stopped', async () => {
    const file = temporaryFile()
    const first = await startFixture({dataFile: file})
    const acme = (await first.call('POST', '/v3/catalog/brands', {name: 'Acme'})).body.data
    await first.call('DELETE', `/v3/catalog/brands/${acme.id}`)
    await first.call('POST', '/v3/catalog/brands', {name: 'Kept'})
    await first.stop()
    const second = await startFixture({dataFile: file})
    const brands = (await second.call('GET', '/v3/catalog/brands')).body.data
    expect(brands.map((b: {name: string}) => b.name)).toEqual(['Kept'])
    const next = (await second.call('POST', '/v3/catalog/brands', {name: 'Next'})).body.data
    expect(next.id).toBe(brands[0].id + 1)
    await second.stop()
  })

  it('reloads stock per location (kept in a Map while running, a plain object on disk)', async () => {
    const file = temporaryFile()
    const first = await startFixture({dataFile: file})
    const product = (
      await first.call('POST', '/v3/catalog/products', {
        name: 'Stocked',
        type: 'physical',
        sku: 'STOCKED',
        price: 5,
        weight: 1,
        inventory_tracking: 'product',
      })
    ).body.data
    await first.call('PUT', '/v3/inventory/adjustments/absolute', {
      reason: 'initial',
      items: [{location_id: 1, product_id: product.id, quantity: 9}],
    })
    await first.stop()
    expect(loadData(file)?.stock[`p${String(product.id)}@1`]).toMatchObject({onhand: 9})
    const second = await startFixture({dataFile: file})
    const reloaded = (await second.call('GET', `/v3/catalog/products/${String(product.id)}`)).body.data
    expect(reloaded.inventory_level).toBe(9)
    await second.stop()
  })

  it('leaves a loadable file when killed with SIGKILL in the middle of writing', async () => {
    const file = temporaryFile()
    const childScript = fileURLToPath(new URL('./helpers/persisting-child.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('writing')) resolve()
      })
      child.on('exit', (code) => reject(new Error(`child exited early with ${String(code)}`)))
    })
    await new Promise((resolve) => setTimeout(resolve, 700))
    child.kill('SIGKILL')
    await new Promise((resolve) => child.on('exit', resolve))
    const data = loadData(file)
    expect(data?.products.length).toBe(3000)
    expect(data?.brands.length).toBeGreaterThan(0)
    const reopened = await startFixture({dataFile: file})
    expect((await reopened.call('GET', '/v3/catalog/products?limit=1')).body.meta.pagination.total).toBe(3000)
    await reopened.stop()
    // only the data file and possibly one abandoned temporary file remain
    expect(readdirSync(path.dirname(file)).filter((name) => !name.endsWith('.tmp'))).toEqual(['sandbox.json'])
  })
})
