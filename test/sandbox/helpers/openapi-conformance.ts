import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {Ajv} from 'ajv'
import type {ErrorObject, ValidateFunction} from 'ajv'
import addFormatsModule from 'ajv-formats'
import {parse} from 'yaml'

/** The official specs live beside the repository (never copied into it): ../shared/bigcommerce-openapi. */
export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..')
export const specRoot = path.resolve(repoRoot, '..', 'shared', 'bigcommerce-openapi')
export const fixtureRoot = path.resolve(repoRoot, '..', 'shared', 'bigcommerce-fixtures')

type Node = Record<string, unknown>

export interface SpecOperation {
  file: string
  method: string
  /** Path as the sandbox sees it: `/v3/catalog/products/{product_id}`. */
  template: string
  operation: Node
  document: Node
}

export interface Exchange {
  method: string
  path: string
  requestBody: unknown
  status: number
  contentType: string | null
  body: unknown
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch']

/**
 * Answers the specs do not repeat on every operation (D-SC): malformed JSON, auth, routing, conflicts,
 * validation, size, rate limit, faults. Their JSON bodies must still carry BigCommerce's `status` and `title`.
 */
const GENERIC_STATUSES = [400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 502, 503]

/**
 * Known defects of the specs, each contradicted by the BigCommerce docs the sandbox follows. Kept tiny and
 * explicit so every waiver is visible.
 */
const KNOWN_SPEC_DEFECTS: {
  method: string
  template: string
  side: 'request' | 'response'
  waive: (error: ErrorObject) => boolean
  why: string
}[] = [
  {
    method: 'POST',
    template: '/v3/catalog/products',
    side: 'request',
    waive: (error) =>
      /^\/variants\/\d+$/.test(error.instancePath) &&
      error.keyword === 'required' &&
      ['id', 'product_id'].includes(String(error.params.missingProperty)),
    why: 'product_Base_POST.variants reuses productVariant_Full (id, product_id required), but D-CAT creates variants inline without them',
  },
]

/** Property names the recorded real responses show as null although the spec types them non-null. */
function nullableByEvidence(root = fixtureRoot): Set<string> {
  const names = new Set<string>()
  if (!existsSync(root)) return names
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (value === null) names.add(key)
        else visit(value)
      }
    }
  }
  for (const file of readdirSync(root).filter((name) => name.endsWith('.json')))
    visit(JSON.parse(readFileSync(path.join(root, file), 'utf8')))
  return names
}

function walkYamlFiles(directory: string): string[] {
  return readdirSync(directory, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(directory, entry.name)
    if (entry.isDirectory()) return walkYamlFiles(full)
    return entry.name.endsWith('.yml') || entry.name.endsWith('.yaml') ? [full] : []
  })
}

/**
 * OpenAPI 3.0 → JSON Schema for ajv: `nullable: true` becomes a null alternative (on `type`, `enum`, or
 * around `allOf`/`$ref` schemas); everything else OpenAPI adds (example, x-*, discriminator) is ignored.
 */
function convertNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertNullable)
  if (typeof node !== 'object' || node === null) return node
  const out: Node = {}
  for (const [key, value] of Object.entries(node))
    out[key] = key === 'example' || key === 'examples' ? value : convertNullable(value)
  if (out.nullable === true) {
    delete out.nullable
    if (typeof out.type === 'string') out.type = [out.type, 'null']
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
    if (out.type === undefined) return {anyOf: [out, {type: 'null'}]}
  }
  // OpenAPI 3.0 (like draft-04) writes exclusive bounds as booleans beside minimum/maximum.
  for (const [flag, bound] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound]
      delete out[bound]
    } else delete out[flag]
  }
  // The specs use oneOf for alternatives that overlap (e.g. inventory identity {sku}|{variant_id}|{product_id}
  // without `required`), which JSON Schema's exactly-one reading rejects; they mean anyOf.
  if (Array.isArray(out.oneOf)) {
    out.anyOf = out.oneOf
    delete out.oneOf
  }
  return out
}

function collectFormats(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((item) => collectFormats(item, into))
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string') into.add(value)
      else collectFormats(value, into)
    }
  }
}

/** Loads every spec YAML, converts it for ajv and indexes its operations by sandbox path template. */
export class OpenApiConformance {
  readonly operations: SpecOperation[] = []
  private readonly ajv: Ajv
  private readonly compiled = new Map<string, ValidateFunction>()
  private readonly nullable = nullableByEvidence()

  constructor(root = specRoot) {
    this.ajv = new Ajv({strict: false, allErrors: true, validateSchema: false, verbose: true})
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void
    addFormats(this.ajv)
    const formats = new Set<string>()
    for (const file of walkYamlFiles(root)) {
      const raw = parse(readFileSync(file, 'utf8')) as Node
      const document = convertNullable(raw) as Node
      const id = path.relative(root, file)
      collectFormats(document, formats)
      this.ajv.addSchema({...document, $id: id})
      const server = ((document.servers as Node[] | undefined)?.[0]?.url as string | undefined) ?? ''
      const version = /\/(v[23])$/.exec(server)?.[1] ?? 'v3'
      for (const [specPath, item] of Object.entries((document.paths as Node | undefined) ?? {})) {
        for (const method of HTTP_METHODS) {
          const operation = (item as Node)[method] as Node | undefined
          if (operation)
            this.operations.push({
              file: id,
              method: method.toUpperCase(),
              template: `/${version}${specPath}`,
              operation,
              document,
            })
        }
      }
    }
    for (const format of formats) {
      if (!this.ajv.formats[format]) this.ajv.addFormat(format, true)
    }
  }

  /** The spec operation for a concrete sandbox path (`/v3/catalog/products/12`), literal segments first. */
  find(method: string, concretePath: string): SpecOperation | undefined {
    const parts = concretePath.split('?')[0]!.split('/').filter(Boolean)
    const candidates = this.operations.filter((candidate) => {
      if (candidate.method !== method) return false
      const segments = candidate.template.split('/').filter(Boolean)
      return (
        segments.length === parts.length &&
        segments.every((segment, index) => segment.startsWith('{') || segment === parts[index])
      )
    })
    const literalCount = (operation: SpecOperation) =>
      operation.template.split('/').filter((segment) => segment && !segment.startsWith('{')).length
    return candidates.sort((a, b) => literalCount(b) - literalCount(a))[0]
  }

  findTemplate(method: string, template: string): SpecOperation | undefined {
    const normalise = (value: string) => value.replace(/\{[^}]+\}/g, '{}')
    return this.operations.find(
      (operation) => operation.method === method && normalise(operation.template) === normalise(template),
    )
  }

  checkAll(exchanges: Exchange[]): string[] {
    return [...new Set(exchanges.flatMap((exchange) => this.check(exchange)))]
  }

  /** Problems with one exchange: undocumented status, or a body that does not match the documented schema. */
  check(exchange: Exchange): string[] {
    const label = `${exchange.method} ${exchange.path} → ${exchange.status}`
    const operation = this.find(exchange.method, exchange.path)
    if (!operation)
      return GENERIC_STATUSES.includes(exchange.status) ? [] : [`${label}: no operation in the spec`]
    const problems: string[] = []
    // A request the sandbox fully accepted must be valid per the spec (207 partial answers carry bad items on purpose).
    if ([200, 201, 202, 204].includes(exchange.status) && exchange.requestBody !== undefined) {
      const pointer = this.requestSchemaPointer(operation)
      if (pointer)
        problems.push(
          ...this.validate(pointer, operation, 'request', exchange.requestBody, `${label} request`),
        )
    }
    const response = this.responseFor(operation, exchange.status)
    if (!response) {
      if (!GENERIC_STATUSES.includes(exchange.status))
        problems.push(`${label}: status not documented (${operation.file})`)
      else problems.push(...checkGenericError(exchange, label))
      return problems
    }
    const pointer = this.responseSchemaPointer(response.node, response.pointer)
    if (pointer && exchange.body !== undefined)
      problems.push(...this.validate(pointer, operation, 'response', exchange.body, label))
    return problems
  }

  private resolve(node: Node, pointer: string, document: Node): {node: Node; pointer: string} {
    let current = node
    let at = pointer
    for (let guard = 0; typeof current.$ref === 'string' && guard < 10; guard++) {
      at = current.$ref
      current = at
        .slice(2)
        .split('/')
        .reduce<Node>((value, key) => value[key.replace(/~1/g, '/').replace(/~0/g, '~')] as Node, document)
    }
    return {node: current, pointer: at}
  }

  private operationPointer(operation: SpecOperation): string {
    const specPath = operation.template
      .replace(/^\/v[23]/, '')
      .replace(/~/g, '~0')
      .replace(/\//g, '~1')
    return `#/paths/${specPath}/${operation.method.toLowerCase()}`
  }

  private requestSchemaPointer(operation: SpecOperation): string | undefined {
    const body = operation.operation.requestBody as Node | undefined
    if (!body) return undefined
    const base = `${this.operationPointer(operation)}/requestBody`
    const resolved = this.resolve(body, base, operation.document)
    const content = resolved.node.content as Node | undefined
    if (!content?.['application/json']) return undefined
    return `${resolved.pointer}/content/application~1json/schema`
  }

  private responseFor(operation: SpecOperation, status: number): {node: Node; pointer: string} | undefined {
    const responses = (operation.operation.responses as Node | undefined) ?? {}
    const key = String(status) in responses ? String(status) : undefined
    if (!key) return undefined
    return this.resolve(
      responses[key] as Node,
      `${this.operationPointer(operation)}/responses/${key}`,
      operation.document,
    )
  }

  private responseSchemaPointer(response: Node, pointer: string): string | undefined {
    const content = response.content as Node | undefined
    if (!content) return undefined
    for (const type of ['application/json', 'application/problem+json']) {
      const media = content[type] as Node | undefined
      if (media?.schema) return `${pointer}/content/${type.replace(/\//g, '~1')}/schema`
    }
    return undefined
  }

  private validate(
    pointer: string,
    operation: SpecOperation,
    side: 'request' | 'response',
    value: unknown,
    label: string,
  ): string[] {
    const ref = `${operation.file}${pointer}`
    let validate = this.compiled.get(ref)
    if (!validate) {
      validate = this.ajv.compile({$ref: ref})
      this.compiled.set(ref, validate)
    }
    if (validate(value)) return []
    const defects = KNOWN_SPEC_DEFECTS.filter(
      (defect) =>
        defect.side === side && defect.method === operation.method && defect.template === operation.template,
    )
    const errors = (validate.errors ?? []).filter((error) => {
      if (defects.some((defect) => defect.waive(error))) return false
      // Recorded real responses show these properties as null (e.g. a variant's `price: null` inherits).
      const property = error.instancePath.split('/').pop() ?? ''
      if (
        side === 'response' &&
        error.keyword === 'type' &&
        error.data === null &&
        this.nullable.has(property)
      )
        return false
      // anyOf/oneOf summaries repeat what their branches said; keep the branch errors only.
      return error.keyword !== 'anyOf'
    })
    return errors
      .slice(0, 5)
      .map((error) => `${label}: ${error.instancePath || '(root)'} ${error.message ?? ''} [${ref}]`)
  }
}

function checkGenericError(exchange: Exchange, label: string): string[] {
  if (exchange.status === 401 || exchange.body === undefined || !exchange.contentType?.includes('json'))
    return []
  const body = exchange.body as {status?: unknown; title?: unknown}
  if (body.status === exchange.status && typeof body.title === 'string') return []
  return [`${label}: error body lacks BigCommerce's status/title`]
}

export function specsAvailable(): boolean {
  return existsSync(specRoot)
}
