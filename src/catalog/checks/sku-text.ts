/**
 * SKUs that look alike but are not the same text. BigCommerce compares SKUs as text (case-insensitively),
 * so `TEE-А` with a Cyrillic А and `TEE-A` are two products to the store while a person reading the plan
 * sees one — and an invisible character (a zero-width space pasted from a spreadsheet) makes a SKU that no
 * ERP feed will ever match. Both are refused before anything is sent.
 */

/** Control, format (zero-width, bidi overrides) and line/paragraph separator characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u

/**
 * Letters of other scripts drawn like Latin ones (a subset of Unicode's confusables.txt: the Cyrillic
 * and Greek letters a spreadsheet or a keyboard layout slips in). Lower case: skeletons are case-folded.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  н: 'h',
  і: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  м: 'm',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  ѕ: 's',
  т: 't',
  с: 'c',
  у: 'y',
  х: 'x',
  ԝ: 'w',
  ԁ: 'd',
  α: 'a',
  β: 'b',
  ε: 'e',
  ζ: 'z',
  η: 'h',
  ι: 'i',
  κ: 'k',
  μ: 'm',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
}

/** The first invisible character of a text: its index and a readable name (`U+200B`), or undefined. */
export function findInvisibleCharacter(text: string): {index: number; codePoint: string} | undefined {
  const match = INVISIBLE.exec(text)
  if (!match) return undefined
  return {index: match.index, codePoint: codePointName(match[0])}
}

/**
 * What a SKU looks like: compatibility-normalised (full-width `ＴＥＥ` → `TEE`), case-folded, with
 * lookalike letters replaced by the Latin letter they are drawn like. Two SKUs with one skeleton but
 * different text are confusable.
 */
export function skuSkeleton(sku: string): string {
  let skeleton = ''
  for (const char of sku.normalize('NFKC').toLowerCase()) skeleton += LOOKALIKES[char] ?? char
  return skeleton
}

/** The characters of `sku` that are not ASCII, named, for a message: `U+0410`. */
export function nonAsciiCharacters(sku: string): string[] {
  return [...new Set([...sku].filter((char) => char.charCodeAt(0) > 0x7f).map(codePointName))]
}

function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}
