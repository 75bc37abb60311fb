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
  let indent = -1
  let lineNumber = 0
  let start = 0
  // Walks line starts with indexOf and charCodeAt only: no per-line strings for a multi-megabyte file.
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    lineNumber++
    if (indent < 0) {
      let first = start
      while (first < end && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++
      const code = text.charCodeAt(first)
      const blank = first >= end || code === 13
      const skip = blank || code === 35 /* # */ || (first === start && (code === 37 /* % */ || text.startsWith('---', start)))
      if (!skip) {
        if (!isDashItem(text, first, end)) return undefined
        indent = first - start
        lines.push(lineNumber)
      }
    } else if (end - start > indent && isIndentedBy(text, start, indent) && isDashItem(text, start + indent, end)) {
      lines.push(lineNumber)
    }
    start = end + 1
  }
  return lines
}

function isIndentedBy(text: string, start: number, indent: number): boolean {
  for (let i = start; i < start + indent; i++) if (text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) return false
  return true
}

/** `-` followed by a space, a tab, a CR or the end of the line. */
function isDashItem(text: string, at: number, end: number): boolean {
  if (text.charCodeAt(at) !== 45) return false
  if (at + 1 >= end) return true
  const next = text.charCodeAt(at + 1)
  return next === 32 || next === 9 || next === 13
}

/** The first line holding content (not blank, not a comment, not a directive). */
export function firstContentLine(text: string): number {
  let start = 0
  for (let line = 1; start < text.length && line <= 1000; line++) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    let first = start
    while (first < end && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++
    const code = text.charCodeAt(first)
    const content = first < end && code !== 13 && code !== 35 && !(first === start && (code === 37 || text.startsWith('---', start)))
    if (content) return line
    start = end + 1
  }
  return 1
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
