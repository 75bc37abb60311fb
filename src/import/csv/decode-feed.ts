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
 * anything else is read as Windows-1252, what Excel on Windows and most ERPs write. Node's built-in
 * TextDecoder accepts the `windows-1252` label, so no iconv dependency is needed — but Node 20.20 decodes
 * it as ISO-8859-1 (verified here: 0x80 gives U+0080, not €), so the 32 bytes 0x80–0x9F, where the two
 * differ, are mapped afterwards with the WHATWG index-windows-1252 table.
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
    text =
      encoding === 'windows-1252'
        ? fixC1Range(new TextDecoder('windows-1252').decode(body))
        : new TextDecoder('utf-8', {fatal: true}).decode(body)
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

/** WHATWG index-windows-1252 for 0x80–0x9F (five unassigned bytes keep their C1 code point). */
const windows1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
]

function fixC1Range(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (char) =>
    String.fromCharCode(windows1252High[char.charCodeAt(0) - 0x80] ?? char.charCodeAt(0)),
  )
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
