import {LineCounter, isMap, isScalar, isSeq, parseDocument} from 'yaml'
import type {Node} from 'yaml'

import type {PathSegment} from './diagnostics.js'

export interface Position {
  line: number
  col: number
}

/**
 * Lines (1-based) where the items of a top-level block sequence start: lines at the sequence's own
 * indentation that begin with `- `. A cheap text scan instead of a full parse, so each product in a list
 * file knows its line on the happy path. Returns undefined when the text is not a plain block sequence;
 * callers compare the count with the parsed array and fall back to `yaml` when they differ.
 */
export function scanSequenceItemLines(text: string): number[] | undefined {
  const lines: number[] = []
  let indent: string | undefined
  let lineNumber = 0
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    lineNumber++
    const line = text.slice(start, end)
    start = end + 1
    if (indent === undefined) {
      const match = /^(\s*)(\S)/.exec(line)
      if (!match || match[2] === '#' || line.startsWith('%') || line.startsWith('---')) continue
      if (!/^\s*-(\s|$)/.test(line)) return undefined
      indent = match[1] ?? ''
      lines.push(lineNumber)
      continue
    }
    if (line.startsWith(indent) && line.charCodeAt(indent.length) === 45 /* - */) {
      const next = line.charCodeAt(indent.length + 1)
      if (Number.isNaN(next) || next === 32 || next === 9 || next === 13) lines.push(lineNumber)
    }
  }
  return lines
}

/** The first line holding content (not blank, not a comment, not a directive). */
export function firstContentLine(text: string): number {
  const lines = text.split('\n', 200)
  const index = lines.findIndex((line) => /^\s*[^\s#]/.test(line) && !line.startsWith('%') && !line.startsWith('---'))
  return index < 0 ? 1 : index + 1
}

/**
 * Finds source positions for document paths in one file, parsing it with `yaml` (which keeps source
 * ranges) at most once, and only when asked. For a big list file the caller passes the item's line range,
 * so only that product is re-parsed.
 */
export class SourceLocator {
  private parsed: {doc: ReturnType<typeof parseDocument>; counter: LineCounter; lineOffset: number} | undefined
  private readonly slices = new Map<number, SourceLocator>()

  constructor(
    private readonly text: string,
    /** For list files: the 1-based start line of each item (from scanSequenceItemLines). */
    private readonly itemLines?: readonly number[],
    private readonly lineOffset = 0,
  ) {}

  locate(path: readonly PathSegment[], target: 'key' | 'value' = 'value'): Position {
    const [first, ...rest] = path
    if (this.itemLines && typeof first === 'number' && this.itemLines[first] !== undefined) {
      return this.sliceFor(first).locate([0, ...rest], target)
    }
    return this.locateInDocument(path, target)
  }

  private sliceFor(index: number): SourceLocator {
    let slice = this.slices.get(index)
    if (!slice) {
      const startLine = this.itemLines?.[index] ?? 1
      const endLine = this.itemLines?.[index + 1]
      const startOffset = offsetOfLine(this.text, startLine)
      const endOffset = endLine === undefined ? this.text.length : offsetOfLine(this.text, endLine)
      slice = new SourceLocator(this.text.slice(startOffset, endOffset), undefined, startLine - 1)
      this.slices.set(index, slice)
    }
    return slice
  }

  private locateInDocument(path: readonly PathSegment[], target: 'key' | 'value'): Position {
    if (!this.parsed) {
      const counter = new LineCounter()
      const doc = parseDocument(this.text, {lineCounter: counter, uniqueKeys: false, keepSourceTokens: false})
      this.parsed = {doc, counter, lineOffset: this.lineOffset}
    }
    const {doc, counter, lineOffset} = this.parsed
    let node: Node | null | undefined = doc.contents as Node | null
    let offset = node?.range?.[0] ?? 0
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]
      const last = i === path.length - 1
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment))
        if (!pair) break
        const key = pair.key as Node
        const value = pair.value as Node | null
        if (last && target === 'key') {
          offset = key.range?.[0] ?? offset
          break
        }
        offset = value?.range?.[0] ?? key.range?.[0] ?? offset
        node = value
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined
        if (!item) break
        offset = item.range?.[0] ?? offset
        node = item
      } else break
    }
    const position = counter.linePos(offset)
    return {line: position.line + lineOffset, col: position.col}
  }
}

function offsetOfLine(text: string, line: number): number {
  let offset = 0
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset)
    if (next < 0) return text.length
    offset = next + 1
  }
  return offset
}
