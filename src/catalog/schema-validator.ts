import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {Ajv} from 'ajv'
import type {ErrorObject, ValidateFunction} from 'ajv'
import addFormatsModule from 'ajv-formats'

import type {PathSegment, PendingDiagnostic} from './diagnostics.js'
import {formatPath} from './diagnostics.js'
import {suggest} from './did-you-mean.js'

/** The schemas folder ships with the package (`files` in package.json): src/catalog → ../../schemas. */
export const schemasDir = fileURLToPath(new URL('../../schemas/', import.meta.url))

export type SchemaKind = 'catalogctl' | 'product' | 'categories' | 'template' | 'inventory' | 'price-list' | 'schedules'

export type ValidateData = (data: unknown, basePath?: PathSegment[]) => PendingDiagnostic[]

// ajv-formats is CommonJS with a default export; under NodeNext it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as {default?: unknown}).default ?? addFormatsModule) as (
  ajv: Ajv,
  formats: string[],
) => Ajv

let compiled: Map<string, ValidateFunction> | undefined

/**
 * Compiles every catalog schema once per process. `useDefaults` fills in schema defaults as it validates,
 * so the loader's output carries them (`status: active`, `channel: 1`, …).
 */
function validators(): Map<string, ValidateFunction> {
  if (compiled) return compiled
  const ajv = new Ajv({allErrors: true, useDefaults: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true})
  addFormats(ajv, ['email', 'uri'])
  const kinds: SchemaKind[] = ['catalogctl', 'product', 'categories', 'template', 'inventory', 'price-list', 'schedules']
  compiled = new Map()
  for (const kind of kinds) {
    const schema = JSON.parse(readFileSync(`${schemasDir}${kind}.schema.json`, 'utf8')) as {$id: string}
    ajv.addSchema(schema)
    const validate = ajv.getSchema(schema.$id)
    if (!validate) throw new Error(`schema ${kind} did not compile`)
    compiled.set(kind, validate)
    if (kind === 'product') {
      const product = ajv.getSchema(`${schema.$id}#/definitions/product`)
      if (!product) throw new Error('product definition did not compile')
      compiled.set('product#item', product)
    }
  }
  return compiled
}

/**
 * Validates one document (or, for `product#item`, one product of a list file) and returns every problem,
 * with the document path of the offending node. Messages name the field, the rule and the value found.
 */
export function validateAgainstSchema(
  kind: SchemaKind | 'product#item',
  data: unknown,
  basePath: PathSegment[] = [],
  /** How messages name the document root, e.g. `the product`. */
  label = 'the document',
): PendingDiagnostic[] {
  const validate = validators().get(kind)
  if (!validate) throw new Error(`unknown schema ${kind}`)
  if (validate(data)) return []
  return convertErrors(validate.errors ?? [], basePath, label)
}

export function decodePointer(pointer: string): PathSegment[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~')
      return /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment
    })
}

function convertErrors(errors: ErrorObject[], basePath: PathSegment[], label: string): PendingDiagnostic[] {
  // A oneOf/anyOf failure also reports every branch's own errors; keep only the combined one.
  const combined = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.schemaPath)
  const kept = errors.filter(
    (e) =>
      e.keyword !== 'if' &&
      !combined.some((prefix) => e.schemaPath !== prefix && e.schemaPath.startsWith(`${prefix}/`)) &&
      // propertyNames reports the name's own error and then a summary; the summary suffices.
      !(e.propertyName !== undefined && e.keyword !== 'propertyNames'),
  )
  return kept.map((error) => convertError(error, [...basePath, ...decodePointer(error.instancePath)], label))
}

function show(value: unknown): string {
  const text = JSON.stringify(value)
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`
  return `${typeof value} ${show(value)}`
}

const typeNames: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'null',
}

function convertError(error: ErrorObject, path: PathSegment[], label: string): PendingDiagnostic {
  const where = formatPath(path.filter((s, i) => !(i === 0 && typeof s === 'number')))
  const name = where === '' ? label : `\`${where}\``
  const base = {severity: 'error' as const, at: {path}}
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty)
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {})
      const guess = suggest(key, allowed)
      return {
        ...base,
        at: {path: [...path, key], target: 'key'},
        rule: 'schema/unknown-key',
        message: `unknown key \`${key}\` in ${name}`,
        hint: guess ? `did you mean \`${guess}\`?` : `allowed keys: ${allowed.join(', ')}`,
      }
    }
    case 'required': {
      const key = String(params.missingProperty)
      return {...base, rule: 'schema/required', message: `${name} is missing the required key \`${key}\``, hint: `add \`${key}:\``}
    }
    case 'type': {
      const expected = String(params.type)
        .split(',')
        .map((t) => typeNames[t] ?? t)
        .join(' or ')
      const quote =
        expected.includes('string') && (typeof error.data === 'number' || typeof error.data === 'boolean')
          ? `quote it: '${String(error.data)}'`
          : undefined
      return {
        ...base,
        rule: 'schema/type',
        message: `${name} must be ${expected}, not ${typeOf(error.data)}`,
        ...(quote ? {hint: quote} : {}),
      }
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String)
      const guess = typeof error.data === 'string' ? suggest(error.data, allowed) : undefined
      return {
        ...base,
        rule: 'schema/enum',
        message: `${name} must be one of ${allowed.join(', ')}, not ${show(error.data)}`,
        hint: guess ? `did you mean \`${guess}\`?` : `use one of: ${allowed.join(', ')}`,
      }
    }
    case 'oneOf': {
      const branches = ((error.parentSchema?.oneOf as Array<{required?: string[]}> | undefined) ?? [])
        .flatMap((branch) => branch.required ?? [])
        .map((key) => `\`${key}\``)
      return {
        ...base,
        rule: 'schema/one-of',
        message: `${name} must have exactly one of ${branches.join(', ')}`,
        hint: 'keep exactly one of them',
      }
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        ...base,
        rule: `schema/${error.keyword === 'minimum' || error.keyword === 'exclusiveMinimum' ? 'minimum' : 'maximum'}`,
        message: `${name} must be ${String(params.comparison)} ${String(params.limit)}, not ${show(error.data)}`,
      }
    case 'pattern':
      return {...base, rule: 'schema/pattern', message: `${name} must match ${String(params.pattern)}, not ${show(error.data)}`}
    case 'propertyNames':
      return {
        ...base,
        at: {path: [...path, String(params.propertyName)], target: 'key'},
        rule: 'schema/key-name',
        message: `key ${show(params.propertyName)} in ${name} is not allowed (empty or too long)`,
      }
    default:
      return {...base, rule: `schema/${kebab(error.keyword)}`, message: `${name} ${error.message ?? 'is invalid'}`}
  }
}

const kebab = (word: string): string => word.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
