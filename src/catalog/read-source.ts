import {closeSync, fstatSync, openSync, readSync} from 'node:fs'

import jsYaml from 'js-yaml'

import type {PendingDiagnostic} from './diagnostics.js'

/** Catalog files above this size are refused unread: a product file is a few KB, a big list a few MB. */
export const defaultMaxFileBytes = 20 * 1024 * 1024

export type ReadResult = {ok: true; text: string} | {ok: false; diagnostic: PendingDiagnostic}
export type ParseResult = {ok: true; data: unknown} | {ok: false; diagnostic: PendingDiagnostic}

const at1 = {line: 1, col: 1}
const utf8 = new TextDecoder('utf-8', {fatal: true})

function problem(rule: string, message: string, hint: string, at = at1): {ok: false; diagnostic: PendingDiagnostic} {
  return {ok: false, diagnostic: {severity: 'error', rule, message, hint, at}}
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/**
 * Reads a catalog file as UTF-8 text. Refuses, without reading, files larger than `maxBytes`; refuses
 * binary files (a NUL byte) and text that is not valid UTF-8, naming the first bad position.
 * Synchronous on purpose: parsing is CPU-bound on one thread, and for 10,000 small files the promise and
 * thread-pool round trips of fs/promises cost more than the reads (measured with bench/validate.ts).
 */
export function readSourceText(absPath: string, maxBytes = defaultMaxFileBytes): ReadResult {
  let fd: number
  try {
    fd = openSync(absPath, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    return problem('file/unreadable', `cannot read the file (${code})`, 'Check the file exists and is readable.')
  }
  try {
    const {size} = fstatSync(fd)
    if (size > maxBytes)
      return problem(
        'file/too-large',
        `file is ${mib(size)}, larger than the ${mib(maxBytes)} limit; not read`,
        'Split it into several files (products/ accepts any number of files, one product each is best).',
      )
    const bytes = Buffer.allocUnsafe(size)
    let filled = 0
    while (filled < size) {
      const read = readSync(fd, bytes, filled, size - filled, null)
      if (read === 0) break
      filled += read
    }
    return decodeSource(bytes.subarray(0, filled))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    return problem('file/unreadable', `cannot read the file (${code})`, 'Check the file is a regular, readable file.')
  } finally {
    closeSync(fd)
  }
}

function decodeSource(bytes: Buffer): ReadResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return problem('file/encoding', 'file is UTF-16, not UTF-8', 'Save the file as UTF-8 (without a byte-order mark).')
  if (bytes.includes(0))
    return problem(
      'file/binary',
      'file is binary (it contains NUL bytes), not YAML text',
      'Remove it from the catalog folder, or save it as UTF-8 text.',
    )
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return problem(
      'file/encoding',
      'file is not valid UTF-8',
      'Save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`).',
      firstInvalidUtf8(bytes),
    )
  }
  return {ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text}
}

/** Position of the first byte that breaks UTF-8 decoding (the replacement character in a lenient decode). */
function firstInvalidUtf8(bytes: Uint8Array): {line: number; col: number} {
  const lenient = new TextDecoder('utf-8').decode(bytes)
  const index = lenient.indexOf('\uFFFD')
  return positionOfOffset(lenient, index < 0 ? 0 : index)
}

export function positionOfOffset(text: string, offset: number): {line: number; col: number} {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return {line, col: offset - lineStart + 1}
}

/**
 * Parses with js-yaml (the YAML 1.2 core schema: no timestamps or other implicit types, so values stay
 * JSON-like). It is ~10× faster and far leaner than `yaml`'s document model, which we only use to find
 * positions in files that have problems. Duplicate keys are an error (js-yaml's default).
 */
export function parseYamlText(text: string): ParseResult {
  try {
    const data = jsYaml.load(text, {schema: jsYaml.CORE_SCHEMA})
    if (data === undefined || data === null) {
      const blank = /^(\s*(#.*)?)$/.test(text.replace(/\n/g, ' ').replace(/#[^\n]*/g, ''))
      return problem(
        'file/empty',
        blank ? 'file is empty (no YAML content)' : 'file holds only `null`',
        'Add content, or delete the file.',
      )
    }
    return {ok: true, data}
  } catch (error) {
    if (error instanceof RangeError)
      return problem('yaml/syntax', 'YAML is nested too deeply to read', 'Flatten the structure; catalog files need only a few levels.')
    if (!(error instanceof jsYaml.YAMLException)) throw error
    const mark = (error as {mark?: {line: number; column: number}}).mark
    const at = mark ? {line: mark.line + 1, col: mark.column + 1} : at1
    const reason = error.reason || 'malformed YAML'
    if (reason.includes('duplicated mapping key'))
      return problem('yaml/duplicate-key', 'duplicate key in a mapping', 'Each key may appear once; remove or rename one.', at)
    if (reason.includes('single document'))
      return problem(
        'yaml/multiple-documents',
        'file holds more than one YAML document (`---`)',
        'Put one document per file; a list of products goes in one sequence.',
        at,
      )
    return problem('yaml/syntax', `malformed YAML: ${reason}`, 'Check indentation, colons and quotes near this position.', at)
  }
}
