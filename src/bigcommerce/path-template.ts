/**
 * Paths are templates relative to `/stores/{store_hash}`: `/v3/catalog/products/{product_id}` with
 * `params: {product_id: 42}`. Logs, errors and stats show the template, so ids never leak into messages and
 * stats group by route.
 */
export type PathParams = Record<string, string | number>

export type QueryValue = string | number | boolean | ReadonlyArray<string | number> | undefined

export type Query = Record<string, QueryValue>

export function fillPath(template: string, params: PathParams = {}): string {
  return template.replace(/\{([a-z0-9_]+)\}/gi, (_match, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`Path ${template} needs a value for {${name}}`)
    return encodeURIComponent(String(value))
  })
}

/** BigCommerce takes lists as comma-separated values (`id:in=1,2,3`); `:` stays readable in the URL. */
export function encodeQuery(query: Query = {}): string {
  const pairs: string[] = []
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    const text = Array.isArray(value) ? value.join(',') : String(value)
    pairs.push(
      `${encodeURIComponent(key).replace(/%3A/gi, ':')}=${encodeURIComponent(text).replace(/%2C/gi, ',')}`,
    )
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : ''
}
