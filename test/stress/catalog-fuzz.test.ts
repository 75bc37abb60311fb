import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import fc from 'fast-check'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {loadCatalog} from '../../src/catalog/index.js'
import {startE2eStore, type E2eStore} from '../e2e/helpers/e2e-store.js'
import {runCli} from '../helpers/run-cli.js'
import {
  hugeStringCorruption,
  malformedCatalog,
  writeMalformedCatalog,
  type Corruption,
} from './malformed-catalogs.js'
import {chaosLevel, fuzzSeed} from './chaos-level.js'

/**
 * The bad-input fuzzer (issue 11): malformed catalogs — broken YAML, wrong types, out-of-range numbers,
 * duplicate and lookalike SKUs, deep nesting, binary bytes, 10 MB strings, dangling references — must each
 * be refused with an error that names the file and a position, never a crash. In-process for the many;
 * through the real CLI (validate, plan, apply) for a sample, which must exit 4, print `file:line:col`,
 * print no stack trace and send nothing to the store.
 */

const seed = fuzzSeed()
const level = chaosLevel()
const inProcessRuns = level === 'full' ? 2_000 : 300
const cliSamples = level === 'full' ? 60 : 2

let parent: string
beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'catalogctl-fuzz-'))
  console.info(
    `bad-input fuzzer: seed ${seed} (CATALOGCTL_FUZZ_SEED), ${inProcessRuns} catalogs in process, ${cliSamples} through the CLI`,
  )
})
afterAll(async () => {
  await rm(parent, {recursive: true, force: true})
})

const STACK_TRACE = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m

async function expectRefusedInProcess(corruption: Corruption): Promise<void> {
  const dir = await writeMalformedCatalog(corruption, parent)
  try {
    const catalog = await loadCatalog(dir)
    const errors = catalog.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
    expect(errors.length, `${corruption.kind}: no error`).toBeGreaterThan(0)
    for (const diagnostic of errors) {
      expect(diagnostic.line, `${corruption.kind}: ${diagnostic.message}`).toBeGreaterThanOrEqual(1)
      expect(diagnostic.col, `${corruption.kind}: ${diagnostic.message}`).toBeGreaterThanOrEqual(1)
      expect(diagnostic.message.length).toBeGreaterThan(0)
    }
    const named = errors.map((diagnostic) => path.relative(dir, diagnostic.file))
    expect(
      named.some((file) => corruption.blamed.includes(file)),
      `${corruption.kind}: errors name ${named.join(', ')}, expected one of ${corruption.blamed.join(', ')}`,
    ).toBe(true)
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

describe('bad-input fuzzer', () => {
  it(`refuses ${inProcessRuns} malformed catalogs with a diagnostic naming the file and position`, async () => {
    await fc.assert(fc.asyncProperty(malformedCatalog, expectRefusedInProcess), {
      numRuns: inProcessRuns,
      seed,
    })
  }, 600_000)

  it('refuses 10 MB strings by schema, not by crashing', async () => {
    await fc.assert(fc.asyncProperty(hugeStringCorruption, expectRefusedInProcess), {
      numRuns: level === 'full' ? 4 : 2,
      seed,
    })
  }, 120_000)

  describe('through the CLI', () => {
    let store: E2eStore
    beforeAll(async () => {
      store = await startE2eStore()
    })
    afterAll(async () => {
      await store.stop()
    })

    it(`validate, plan and apply exit 4 with file:line:col, no stack trace and no API call (${cliSamples} catalogs)`, async () => {
      const samples = fc.sample(malformedCatalog, {numRuns: cliSamples, seed})
      for (const corruption of samples) {
        const dir = await writeMalformedCatalog(corruption, parent)
        for (const args of [['validate'], ['plan'], ['apply', '--yes']]) {
          const result = await runCli([...args, '--dir', dir], {env: store.env})
          const output = `${result.stdout}\n${result.stderr}`
          const context = `${corruption.kind} / ${args[0]}:\n${output}`
          expect(result.exitCode, context).toBe(4)
          expect(output, context).toMatch(/[\w./-]+\.(yaml|yml|csv):\d+:\d+/)
          expect(
            corruption.blamed.some((file) => output.includes(file)),
            context,
          ).toBe(true)
          expect(output, context).not.toMatch(STACK_TRACE)
        }
      }
      expect((await store.stats()).requests).toBe(0)
    }, 600_000)
  })
})
