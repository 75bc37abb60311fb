import {readFile} from 'node:fs/promises'

import {Ajv} from 'ajv'
import YAML from 'yaml'

import type {CsvMapping} from '../../catalog/generated/index.js'
import {schemasDir} from '../../catalog/schema-validator.js'
import {ExitCode} from '../../errors/exit-codes.js'
import {UserError} from '../../errors/user-error.js'

let validator: ReturnType<Ajv['compile']> | undefined

/** Validates a parsed mapping against schemas/mapping.schema.json (defaults filled in); returns problems. */
export async function checkMapping(data: unknown): Promise<string[]> {
  if (!validator) {
    const schema = JSON.parse(await readFile(`${schemasDir}mapping.schema.json`, 'utf8')) as object
    validator = new Ajv({
      allErrors: true,
      useDefaults: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true,
    }).compile(schema)
  }
  if (validator(data)) return []
  // anyOf branches repeat each other's complaints; keep one line per path and message.
  const lines = (validator.errors ?? []).map(
    (error) => `${error.instancePath || '/'}: ${error.message ?? 'is invalid'}`,
  )
  return [...new Set(lines)]
}

/** Reads and validates a mapping file; a UserError (exit 1) lists every problem. */
export async function loadMapping(file: string): Promise<CsvMapping> {
  let data: unknown
  try {
    data = YAML.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new UserError(`cannot read the mapping ${file}: ${(error as Error).message}`, {
      code: 'import.mapping-unreadable',
      exitCode: ExitCode.error,
    })
  }
  const problems = await checkMapping(data)
  if (problems.length > 0)
    throw new UserError(`the mapping ${file} is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`, {
      code: 'import.mapping-invalid',
      hint: 'Its schema is schemas/mapping.schema.json; add `# yaml-language-server: $schema=…` to get completion in your editor.',
      exitCode: ExitCode.error,
    })
  return data as CsvMapping
}
