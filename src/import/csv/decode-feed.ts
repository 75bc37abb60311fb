import {ExitCode} from '../../errors/exit-codes.js'
import {UserError} from '../../errors/user-error.js'

export type FeedEncoding = 'utf8' | 'utf8-bom' | 'windows-1252'
export type FeedDelimiter = ',' | ';' | '\t'

export interface DecodedFeed {
  text: string
  encoding: FeedEncoding
  delimiter: FeedDelimiter
}

const utf8Bom = [0xef, 0xbb, 0xbf] as const

/**
 * Turns the feed's bytes into text. `auto`: a UTF-8 BOM means UTF-8; bytes that are valid UTF-8 are UTF-8;
 * anything else is read as Windows-1252, what Excel on Windows and most ERPs write. Node 20's built-in
 * TextDecoder knows windows-1252 (full ICU), so no iconv dependency is needed.
 */
export function decodeFeed(
  bytes: Uint8Array,
  options: {encoding?: FeedEncoding | 'auto'; delimiter?: FeedDelimiter | 'auto'} = {},
): DecodedFeed {
  const hasBom = utf8Bom.every((byte, index) => bytes[index] === byte)
  const encoding =
    options.encoding === undefined || options.encoding === 'auto'
      ? detectEncoding(bytes, hasBom)
      : options.encoding
  const body = hasBom && encoding !== 'windows-1252' ? bytes.subarray(3) : bytes
  let text: string
  try {
    text = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8', {
      fatal: encoding !== 'windows-1252',
    }).decode(body)
  } catch {
    throw new UserError(`the file is not valid UTF-8`, {
      code: 'import.encoding',
      hint: 'Pass --encoding windows-1252 (or auto) when the file comes from Excel or an ERP on Windows.',
      exitCode: ExitCode.error,
    })
  }
  const delimiter =
    options.delimiter === undefined || options.delimiter === 'auto'
      ? detectDelimiter(text)
      : options.delimiter
  return {text, encoding, delimiter}
}

function detectEncoding(bytes: Uint8Array, hasBom: boolean): FeedEncoding {
  if (hasBom) return 'utf8-bom'
  try {
    new TextDecoder('utf-8', {fatal: true}).decode(bytes)
    return 'utf8'
  } catch {
    return 'windows-1252'
  }
}

/** The most frequent of comma, semicolon and tab in the header line, counting only outside quotes. */
export function detectDelimiter(text: string): FeedDelimiter {
  const counts = {',': 0, ';': 0, '\t': 0}
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char]++
  }
  const best = (Object.entries(counts) as Array<[FeedDelimiter, number]>).sort((a, b) => b[1] - a[1])[0]
  return best && best[1] > 0 ? best[0] : ','
}

/** `tab` on the command line and in mapping files means a tab character. */
export function delimiterFromFlag(value: string | undefined): FeedDelimiter | 'auto' | undefined {
  if (value === undefined) return undefined
  if (value === 'tab' || value === '\\t' || value === '\t') return '\t'
  if (value === ',' || value === ';' || value === 'auto') return value
  throw new UserError(`unknown delimiter ${JSON.stringify(value)}`, {
    code: 'import.delimiter',
    hint: 'Use one of: , ; tab auto',
    exitCode: ExitCode.error,
  })
}
