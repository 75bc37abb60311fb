/**
 * V8 keeps a string cut from a longer one (13 characters or more) as a slice that pins the whole parent:
 * every name and SKU js-yaml reads out of a product file keeps that file's text alive. At 100,000 product
 * files that is ~250 MB held for the whole plan (measured in a heap snapshot). This copies such strings,
 * in place, so the text can be collected once the file is loaded.
 */
export function detachStrings<T>(value: T): T {
  return detach(value) as T
}

const sliceMinLength = 13

function detach(value: unknown): unknown {
  if (typeof value === 'string') return value.length >= sliceMinLength ? copyString(value) : value
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = detach(value[index])
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) record[key] = detach(record[key])
  }
  return value
}

/** A flat copy: JSON.parse builds a new sequential string (concatenation or slice() would not). */
function copyString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string
}
