import {readFile, readdir} from 'node:fs/promises'
import path from 'node:path'

import {Ajv} from 'ajv'
import {describe, expect, it} from 'vitest'

import {catalogSchemaKinds, generatedDir, renderTypes} from '../../scripts/generate-types.js'
import {repoRoot} from './catalog-fixture.js'

type Schema = Record<string, unknown>

/** Walks a schema and yields every `properties` entry with its JSON pointer. */
function* properties(node: unknown, pointer = ''): Generator<[string, Schema]> {
  if (Array.isArray(node)) {
    for (const [index, child] of node.entries()) yield* properties(child, `${pointer}/${index}`)
    return
  }
  if (node === null || typeof node !== 'object') return
  const schema = node as Schema
  if (schema.properties && typeof schema.properties === 'object')
    for (const [key, value] of Object.entries(schema.properties as Record<string, Schema>)) yield [`${pointer}/properties/${key}`, value]
  for (const [key, value] of Object.entries(schema)) yield* properties(value, `${pointer}/${key}`)
}

describe('schemas', () => {
  for (const kind of catalogSchemaKinds) {
    it(`${kind}.schema.json is valid draft-07 (ajv strict) and every property has a description`, async () => {
      const schema = JSON.parse(await readFile(path.join(repoRoot, 'schemas', `${kind}.schema.json`), 'utf8')) as Schema
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#')
      expect(typeof schema.description).toBe('string')
      const ajv = new Ajv({strict: true, strictRequired: false, allowUnionTypes: true, validateFormats: false})
      expect(() => ajv.compile(schema)).not.toThrow()
      const missing = [...properties(schema)].filter(([, value]) => typeof value.description !== 'string' && typeof value.$ref !== 'string').map(([pointer]) => pointer)
      expect(missing).toEqual([])
    })
  }
})

describe('generated types', () => {
  it('src/catalog/generated/ is up to date with schemas/ (run `npm run gen:types`)', async () => {
    const rendered = await renderTypes()
    const committed = (await readdir(generatedDir)).sort()
    expect(committed).toEqual([...rendered.keys()].sort())
    for (const [name, content] of rendered) {
      expect(await readFile(path.join(generatedDir, name), 'utf8'), `src/catalog/generated/${name} is stale`).toBe(content)
    }
  })
})

describe('the example catalog', () => {
  it('every YAML file starts with a modeline that resolves to a schema in schemas/', async () => {
    const catalogDir = path.join(repoRoot, 'catalog')
    const files = (await readdir(catalogDir, {recursive: true})).filter((f) => f.endsWith('.yaml')).sort()
    expect(files.length).toBeGreaterThanOrEqual(15)
    for (const file of files) {
      const firstLine = (await readFile(path.join(catalogDir, file), 'utf8')).split('\n')[0] ?? ''
      const match = /^# yaml-language-server: \$schema=(.+)$/.exec(firstLine)
      expect(match, file).not.toBeNull()
      const target = path.resolve(path.dirname(path.join(catalogDir, file)), match?.[1] ?? '')
      expect(path.dirname(target)).toBe(path.join(repoRoot, 'schemas'))
      await expect(readFile(target, 'utf8')).resolves.toContain('"$schema"')
    }
  })
})
