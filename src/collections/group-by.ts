/**
 * Items grouped by key, in first-seen order of keys and items. Each group grows in place: rebuilding a
 * group's array per item (`[...group, item]`) made grouping 200,000 price-list records quadratic, half of a
 * 10,000-product apply's CPU time. (Map.groupBy needs Node 21.)
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  let index = 0
  for (const item of items) {
    const k = key(item, index++)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}
