import {cp, mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import fc from 'fast-check'

/**
 * Malformed catalogs for the bad-input fuzzer: the valid base fixture (test/fixtures/catalog/base) with
 * one corruption. Every corruption makes the catalog invalid, so `validate`, `plan` and `apply` must all
 * refuse it with exit 4 and a diagnostic naming the file it hit.
 */

export const baseCatalogDir = fileURLToPath(new URL('../fixtures/catalog/base/', import.meta.url))

export interface Corruption {
  kind: string
  /** Files written over the base catalog (relative path → content). */
  files: Record<string, string | Uint8Array>
  /** The files a diagnostic may name (the corrupted file; for cross-file rules, either side). */
  blamed: string[]
}

const TEE = `sku: TEE
name: Test Tee
brand: Acme
price: 20
sale_price: 15
categories: [Apparel/Tops/T-Shirts]
images:
  - url: https://cdn.example.com/tee.jpg
attributes:
  material: Cotton
variants:
  - sku: TEE-S-RED
    options: {Size: S, Color: Red}
    attributes: {color_hex: '#ff0000'}
  - sku: TEE-M-RED
    options: {Size: M, Color: Red}
`

const product = (sku: string, name: string, extra = ''): string =>
  `sku: ${sku}\nname: ${name}\nprice: 3\n${extra}`

/**
 * Lines that break YAML wherever they are inserted: unterminated flow collections and double quotes, tab
 * indentation, a sequence item inside a mapping, a duplicate key.
 */
const yamlBreakers = [
  'broken: [a, b',
  'broken: {a: 1',
  'broken: "open',
  '\tindented: tab',
  '- stray item',
  'price: 21',
  '[',
  '{',
]

/** A value of the wrong type for each field (schemas/product.schema.json). */
const wrongTypes: Record<string, string[]> = {
  price: ['"twenty"', '[1, 2]', '{amount: 3}', 'true', 'null'],
  sku: ['[TEE]', '{a: 1}', 'null', "''"],
  name: ['[a]', '{a: 1}', 'null'],
  weight: ['heavy', '[1]', '{kg: 1}'],
  variants: ['"none"', '12', '{sku: X}'],
  categories: ['"Apparel"', '12', '{a: b}'],
  images: ['"https://x.example/a.jpg"', '[12]', '[{alt: no url}]'],
  status: ['live', '1', '[active]'],
  dimensions: ['"10x10"', '[1, 2, 3]', '{width: wide}'],
}

const outOfRange = [
  'price: -1',
  'price: 1e400',
  'price: -0.0001',
  'weight: -5',
  'price: 12.123456',
  `sku: ${'S'.repeat(256)}`,
  `name: ${'N'.repeat(251)}`,
]

/** Letters other scripts draw like Latin ones, and invisible characters. */
const lookalikes: [string, string][] = [
  ['MUG', 'M\u03A5G'],
  ['MUG', '\u041CUG'],
  ['MUG', 'MUG\u200B'],
  ['MUG', '\uFF2D\uFF35\uFF27'],
  ['TEE-S-RED', 'TEE-S-R\u0415D'],
  ['TEE-M-RED', 'TEE\u2011M-RED\u202E'],
]

const corruptions: fc.Arbitrary<Corruption>[] = [
  // Broken YAML at a random line of a product file.
  fc.record({line: fc.nat(16), breaker: fc.constantFrom(...yamlBreakers)}).map(({line, breaker}) => {
    const lines = TEE.split('\n')
    lines.splice(Math.min(line, lines.length), 0, breaker)
    return {
      kind: 'broken-yaml',
      files: {'products/tee.yaml': lines.join('\n')},
      blamed: ['products/tee.yaml'],
    }
  }),
  // A wrong type for a field.
  fc.constantFrom(...Object.keys(wrongTypes)).chain((field) =>
    fc.constantFrom(...(wrongTypes[field] ?? [])).map((value) => {
      const text =
        TEE.includes(`\n${field}:`) || TEE.startsWith(`${field}:`)
          ? TEE.replace(new RegExp(`^${field}:(?:.*)(?:\\n(?:  |- ).*)*`, 'm'), `${field}: ${value}`)
          : `${TEE}${field}: ${value}\n`
      return {kind: `wrong-type:${field}`, files: {'products/tee.yaml': text}, blamed: ['products/tee.yaml']}
    }),
  ),
  // Out-of-range numbers and over-long strings.
  fc.constantFrom(...outOfRange).map((line) => {
    const key = line.split(':')[0] ?? ''
    const text = product('RANGE', 'Range', '').replace(new RegExp(`^${key}:.*$`, 'm'), '') + `${line}\n`
    return {
      kind: `out-of-range:${key}`,
      files: {'products/range.yaml': text},
      blamed: ['products/range.yaml'],
    }
  }),
  // A SKU used twice across files (any case).
  fc.constantFrom('MUG', 'mug', 'Tee', 'TEE-S-RED', 'tee-m-red').map((sku) => ({
    kind: 'duplicate-sku',
    files: {'products/zz-duplicate.yaml': product(sku, `Duplicate of ${sku}`)},
    blamed: ['products/zz-duplicate.yaml', 'products/tee.yaml', 'products/mug.yaml'],
  })),
  // A SKU that looks like another one, or hides an invisible character.
  fc.constantFrom(...lookalikes).map(([, lookalike]) => ({
    kind: 'confusable-sku',
    files: {'products/zz-lookalike.yaml': product(JSON.stringify(lookalike), 'Lookalike')},
    blamed: ['products/zz-lookalike.yaml', 'products/tee.yaml', 'products/mug.yaml'],
  })),
  // Deep nesting, as a flow collection or as block mappings under a known key.
  fc.integer({min: 101, max: 3000}).map((depth) => ({
    kind: 'deep-nesting',
    files: {
      'products/deep.yaml': `sku: DEEP\nname: Deep\nprice: 1\nattributes: {a: ${'['.repeat(depth)}${']'.repeat(depth)}}\n`,
    },
    blamed: ['products/deep.yaml'],
  })),
  // Binary bytes: NUL and random bytes in a product file, or invalid UTF-8.
  fc.uint8Array({minLength: 1, maxLength: 200}).map((bytes) => ({
    kind: 'binary',
    files: {'products/blob.yaml': Uint8Array.from([...bytes.slice(0, 100), 0x00, ...bytes.slice(100)])},
    blamed: ['products/blob.yaml'],
  })),
  fc.constantFrom(0xc3, 0xe8, 0xff, 0x80).map((byte) => ({
    kind: 'bad-utf8',
    files: {
      'products/latin1.yaml': Buffer.concat([
        Buffer.from('sku: L1\nname: Cr'),
        Buffer.from([byte]),
        Buffer.from('me\nprice: 2\n'),
      ]),
    },
    blamed: ['products/latin1.yaml'],
  })),
  // References to things that do not exist.
  fc.constantFrom('nowhere', 'MAIN', 'back up').map((location) => ({
    kind: 'unknown-location',
    files: {'inventory/extra.yaml': `location: ${JSON.stringify(location)}\nstock:\n  MUG: 1\n`},
    blamed: ['inventory/extra.yaml'],
  })),
  fc.constantFrom('NOPE', 'MUGG', 'TEE-L-RED').map((sku) => ({
    kind: 'unknown-sku',
    files: {
      'price-lists/extra.yaml': `name: Extra\ncurrency: USD\ncustomer_groups: [Wholesale]\nprices:\n  ${sku}: {price: 1}\n`,
    },
    blamed: ['price-lists/extra.yaml'],
  })),
  // Broken settings.
  fc
    .constantFrom(
      'locations: [main]',
      'prune: {products: maybe}',
      'guardrails: {max_change_share: 2}',
      'channel: first',
    )
    .map((line) => ({
      kind: 'bad-settings',
      files: {'catalogctl.yaml': `${line}\n`},
      blamed: ['catalogctl.yaml'],
    })),
]

/** Huge strings are costly to write, so they come rarely and only where the caller asks. */
export const hugeStringCorruption: fc.Arbitrary<Corruption> = fc.constantFrom('sku', 'name').map((field) => ({
  kind: `huge-string:${field}`,
  files: {
    'products/huge.yaml':
      field === 'sku'
        ? `sku: ${'X'.repeat(10 * 1024 * 1024)}\nname: Huge\nprice: 1\n`
        : `sku: HUGE\nname: ${'N'.repeat(10 * 1024 * 1024)}\nprice: 1\n`,
  },
  blamed: ['products/huge.yaml'],
}))

export const malformedCatalog: fc.Arbitrary<Corruption> = fc.oneof(...corruptions)

/** The base catalog with a corruption, in a new temp folder. */
export async function writeMalformedCatalog(corruption: Corruption, parent = os.tmpdir()): Promise<string> {
  const dir = await mkdtemp(path.join(parent, 'catalogctl-fuzz-'))
  await cp(baseCatalogDir, dir, {recursive: true})
  for (const [relative, content] of Object.entries(corruption.files)) {
    await mkdir(path.dirname(path.join(dir, relative)), {recursive: true})
    await writeFile(path.join(dir, relative), content)
  }
  return dir
}
