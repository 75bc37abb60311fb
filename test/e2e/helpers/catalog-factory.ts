/** A catalog product (YAML shape) with sensible values; override what the scenario is about. */
export function aCatalogProduct(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = String(n).padStart(2, '0')
  return {
    sku: `E2E-${id}`,
    name: `E2E Widget ${id}`,
    brand: 'Acme Tools',
    description: `<p>Widget number ${n}.</p>`,
    price: 10 + n,
    weight: 1,
    categories: ['Tools/Widgets'],
    images: [{url: `https://cdn.example.com/e2e/widget-${id}.jpg`, alt: `Widget ${id}`}],
    attributes: {material: 'Steel'},
    ...overrides,
  }
}

export function someCatalogProducts(count: number): Record<string, unknown>[] {
  return Array.from({length: count}, (_, index) => aCatalogProduct(index + 1))
}
