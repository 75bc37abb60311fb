/** Items by `keyOf`, the first item winning a shared key (as `Array.find` would find it). */
export function firstBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const byKey = new Map<string, T>()
  for (const item of items) {
    const key = keyOf(item)
    if (!byKey.has(key)) byKey.set(key, item)
  }
  return byKey
}
