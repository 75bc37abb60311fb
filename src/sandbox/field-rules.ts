import {fail} from './api-errors.js'
import type {Json} from './state.js'

/** A declarative rule for one writable field (lengths and ranges from the spec schemas). */
export interface FieldRule {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object'
  min?: number
  max?: number
  enum?: readonly string[]
  nullable?: boolean
  required?: boolean
}

export type FieldRules = Record<string, FieldRule>

/** Checks `input` against `rules`; returns `{field: message}` for every problem (empty when valid). */
export function checkFields(
  input: Json,
  rules: FieldRules,
  options: {creating: boolean},
): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const [name, rule] of Object.entries(rules)) {
    const value = input[name]
    if (value === undefined) {
      if (rule.required && options.creating) errors[name] = `${name} is required`
      continue
    }
    const problem = checkValue(value, rule)
    if (problem) errors[name] = `${name} ${problem}`
  }
  return errors
}

function checkValue(value: unknown, rule: FieldRule): string | undefined {
  if (value === null) return rule.nullable ? undefined : 'must not be null'
  switch (rule.type) {
    case 'string':
      if (typeof value !== 'string') return 'must be a string'
      if (rule.enum && !rule.enum.includes(value)) return `must be one of ${rule.enum.join(', ')}`
      if (rule.min !== undefined && value.length < rule.min) return `must be at least ${rule.min} characters`
      if (rule.max !== undefined && value.length > rule.max) return `must be at most ${rule.max} characters`
      return undefined
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number'
      if (rule.type === 'integer' && !Number.isInteger(value)) return 'must be an integer'
      if (rule.min !== undefined && value < rule.min) return `must be at least ${rule.min}`
      if (rule.max !== undefined && value > rule.max) return `must be at most ${rule.max}`
      return undefined
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean'
    case 'array':
      return Array.isArray(value) ? undefined : 'must be an array'
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) ? undefined : 'must be an object'
  }
}

/** 422 in BigCommerce's shape when any field is invalid. */
export function assertFields(input: Json, rules: FieldRules, options: {creating: boolean}): void {
  const errors = checkFields(input, rules, options)
  if (Object.keys(errors).length > 0) {
    fail(422, 'JSON data is missing or invalid', errors)
  }
}

/** Copies only the fields named in `rules` that are present in `input`. */
export function pickFields(input: Json, rules: FieldRules): Json {
  const out: Json = {}
  for (const name of Object.keys(rules)) if (input[name] !== undefined) out[name] = input[name]
  return out
}
