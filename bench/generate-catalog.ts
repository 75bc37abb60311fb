/**
 * Writes a large, valid synthetic catalog for benchmarks: N products × V variants (Size × Color),
 * inventory for every variant at two locations (YAML and CSV), a price list, categories, template and
 * schedules. `layout` picks one product per file or 100 products per file.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

export type Layout = 'one-per-file' | 'hundred-per-file'

export interface GenerateOptions {
  products: number
  variantsPerProduct: number
  layout: Layout
  /** A third location, `north` (created by apply), with stock for every SKU in inventory/north.csv. */
  thirdLocation?: boolean
  /** A second price list, `Trade` (for the Trade group), with a record for every variant SKU. */
  secondPriceList?: boolean
}

/** A full address: locations.v3.yml requires one (with geo coordinates) for a PHYSICAL location. */
const NORTH_ADDRESS =
  "{address1: '1 Bench Way', city: Fargo, state: ND, zip: '58102', email: north@example.com, country_code: US, geo_coordinates: {latitude: 46.87, longitude: -96.79}}"
const WEST_ADDRESS =
  "{address1: '2 Bench Way', city: Reno, state: NV, zip: '89502', email: west@example.com, country_code: US, geo_coordinates: {latitude: 39.49, longitude: -119.77}}"

const sizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL']
const colors = ['Navy', 'Black', 'Forest', 'Sand', 'Rust', 'Slate']
const brands = ['Northwind Outfitters', 'Summit Gear', 'Ember & Oak']
const leafCategories = Array.from({length: 30}, (_, i) => `Department ${i % 3}/Group ${i % 10}/Line ${i}`)

function productYaml(index: number, variants: number, indent: string): string {
  const sku = `BENCH-${String(index).padStart(6, '0')}`
  const lines = [
    `sku: ${sku}`,
    `name: Bench Product ${index}`,
    `brand: ${brands[index % brands.length]}`,
    `description: <p>Synthetic product number ${index} for the validate benchmark.</p>`,
    `price: ${(19.99 + (index % 50)).toFixed(2)}`,
    ...(index % 4 === 0 ? [`sale_price: ${(14.99 + (index % 50)).toFixed(2)}`] : []),
    `cost_price: ${(7.5 + (index % 20)).toFixed(2)}`,
    `weight: 0.5`,
    `categories: ['${leafCategories[index % leafCategories.length]}']`,
    `images:`,
    `  - url: https://cdn.example.com/bench/${sku.toLowerCase()}/main.jpg`,
    `    alt: Bench product ${index}`,
    `attributes:`,
    `  material: Cotton`,
    `  origin: Portugal`,
    ...(variants > 0 ? [`variants:`] : []),
  ]
  for (let v = 0; v < variants; v++) {
    const size = sizes[v % sizes.length] ?? 'M'
    const color = colors[Math.floor(v / sizes.length) % colors.length] ?? 'Navy'
    lines.push(`  - sku: ${sku}-${v}`, `    options: {Size: ${size}, Color: ${color}}`)
    if (v % 3 === 0) lines.push(`    price: ${(21.99 + (index % 50)).toFixed(2)}`)
  }
  return lines.map((line, i) => (i === 0 ? line : `${indent}${line}`)).join('\n')
}

export async function generateCatalog(dir: string, options: GenerateOptions): Promise<void> {
  const {products, variantsPerProduct, layout} = options
  await mkdir(path.join(dir, 'products'), {recursive: true})
  await mkdir(path.join(dir, 'inventory'), {recursive: true})
  await mkdir(path.join(dir, 'price-lists'), {recursive: true})
  await mkdir(path.join(dir, 'templates'), {recursive: true})
  await writeFile(
    path.join(dir, 'catalogctl.yaml'),
    // A location given by code needs a label: plan creates it when the store lacks it (locations.v3.yml).
    `locations:\n  east: {id: 1}\n  west: {code: WH-WEST, label: West warehouse, address: ${WEST_ADDRESS}}\n${options.thirdLocation ? `  north: {code: WH-NORTH, label: North warehouse, type: PHYSICAL, address: ${NORTH_ADDRESS}}\n` : ''}customer_groups:\n  Wholesale: {}\n${options.secondPriceList ? '  Trade: {}\n' : ''}`,
  )
  await writeFile(
    path.join(dir, 'categories.yaml'),
    `categories:\n${leafCategories.map((c) => `  - ${c}`).join('\n')}\n`,
  )
  await writeFile(
    path.join(dir, 'templates', 'bigcommerce.yaml'),
    'rules:\n  - attribute: material\n    custom_field: Material\n',
  )
  await writeFile(
    path.join(dir, 'schedules.yaml'),
    "jobs:\n  - {name: hourly, cron: '0 * * * *', scope: inventory}\n",
  )

  const perFile = layout === 'one-per-file' ? 1 : 100
  const writes: Array<Promise<void>> = []
  for (let start = 0; start < products; start += perFile) {
    const count = Math.min(perFile, products - start)
    const text =
      perFile === 1
        ? `${productYaml(start, variantsPerProduct, '')}\n`
        : `${Array.from({length: count}, (_, k) => `- ${productYaml(start + k, variantsPerProduct, '  ')}`).join('\n')}\n`
    const sub = `group-${String(Math.floor(start / 1000)).padStart(2, '0')}`
    await mkdir(path.join(dir, 'products', sub), {recursive: true})
    writes.push(
      writeFile(path.join(dir, 'products', sub, `products-${String(start).padStart(6, '0')}.yaml`), text),
    )
    if (writes.length >= 256) await Promise.all(writes.splice(0))
  }
  await Promise.all(writes)

  const csv = ['sku,location,quantity']
  const north = ['sku,location,quantity']
  const yaml = ['location: east', 'stock:']
  const prices = ['name: Wholesale', 'currency: USD', 'customer_groups: [Wholesale]', 'prices:']
  const trade = ['name: Trade', 'currency: USD', 'customer_groups: [Trade]', 'prices:']
  for (let i = 0; i < products; i++) {
    const productSku = `BENCH-${String(i).padStart(6, '0')}`
    // Stock and prices are per variant SKU, or per product SKU for a product without variants.
    const skus =
      variantsPerProduct > 0
        ? Array.from({length: variantsPerProduct}, (_, v) => `${productSku}-${v}`)
        : [productSku]
    skus.forEach((sku, v) => {
      csv.push(`${sku},west,${(i + v) % 40}`)
      north.push(`${sku},north,${(i + 2 * v) % 30}`)
      yaml.push(`  ${sku}: ${(i * v) % 25}`)
      if (v === 0) prices.push(`  ${sku}: {price: ${(12 + (i % 30)).toFixed(2)}}`)
      if (options.secondPriceList) trade.push(`  ${sku}: {price: ${(10 + (i % 30)).toFixed(2)}}`)
    })
  }
  await writeFile(path.join(dir, 'inventory', 'west.csv'), `${csv.join('\n')}\n`)
  if (options.thirdLocation)
    await writeFile(path.join(dir, 'inventory', 'north.csv'), `${north.join('\n')}\n`)
  await writeFile(path.join(dir, 'inventory', 'east.yaml'), `${yaml.join('\n')}\n`)
  await writeFile(path.join(dir, 'price-lists', 'wholesale.yaml'), `${prices.join('\n')}\n`)
  if (options.secondPriceList)
    await writeFile(path.join(dir, 'price-lists', 'trade.yaml'), `${trade.join('\n')}\n`)
}
