/**
 * The server half of bench/sandbox.ts: a sandbox process holding the benchmark store, seeded directly
 * (not through HTTP). Prints its URL once ready; runs until killed.
 *
 * It runs the BUILT sandbox (dist/, the JavaScript `catalogctl sandbox` runs) under plain node: the imports of
 * src/ below are types only, and bench/sandbox.ts transpiles this file and passes the dist folder as argv[2].
 * (Under tsx the loader alone added ≈ 35 MB of RSS to the figure.)
 */
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {pathToFileURL} from 'node:url'

import type * as SandboxModule from '../src/sandbox/index.js'
import type * as WritesModule from '../src/sandbox/product-writes.js'
import type * as StockModule from '../src/sandbox/stock.js'

const dist = process.argv[2]
if (!dist) throw new Error('usage: node _sandbox-server.js <dist folder>')
const load = <T>(file: string): Promise<T> => import(pathToFileURL(path.join(dist, file)).href) as Promise<T>
const {startSandbox} = await load<typeof SandboxModule>('sandbox/index.js')
const {createProduct} = await load<typeof WritesModule>('sandbox/product-writes.js')
const {writeStock} = await load<typeof StockModule>('sandbox/stock.js')

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 10_000)
const SIZES = ['S', 'M', 'L']
const COLORS = ['Navy', 'Sand']

const sandbox = await startSandbox({quota: 1_000_000})
const store = sandbox.store()
const seedStarted = performance.now()
store.data.locations.push(
  {...store.data.locations[0], id: 2, code: 'WH-2', label: 'Warehouse 2'},
  {...store.data.locations[0], id: 3, code: 'WH-3', label: 'Warehouse 3'},
)
store.data.nextId.location = 4
store.data.priceLists.push(
  {id: 1, name: 'Wholesale', active: true, date_created: store.now(), date_modified: store.now()},
  {id: 2, name: 'Retail EU', active: true, date_created: store.now(), date_modified: store.now()},
)
store.data.nextId.priceList = 3
for (let index = 0; index < PRODUCTS; index++) {
  const sku = `BENCH-${index}`
  const product = createProduct(store, {
    name: `Bench product ${index}`,
    type: 'physical',
    sku,
    price: 20 + (index % 50),
    weight: 1,
    description: `<p>Product ${index}: a benchmark product with a realistic description of a few words.</p>`,
    inventory_tracking: 'variant',
    variants: SIZES.flatMap((size) =>
      COLORS.map((color) => ({
        sku: `${sku}-${size}-${color}`,
        option_values: [
          {option_display_name: 'Size', label: size},
          {option_display_name: 'Color', label: color},
        ],
      })),
    ),
    images: [{image_url: `https://img.example/${sku}.jpg`, is_thumbnail: true}],
    custom_fields: [
      {name: 'Material', value: 'Cotton'},
      {name: 'Origin', value: 'Portugal'},
    ],
  })
  for (const variant of product.variants) {
    for (const locationId of [1, 2, 3])
      writeStock(store, `v${variant.data.id}`, locationId, {onhand: (variant.data.id + locationId) % 40})
    for (const listId of [1, 2]) {
      store.data.priceRecords.push({
        price_list_id: listId,
        variant_id: variant.data.id,
        product_id: product.data.id,
        sku: variant.data.sku,
        currency: listId === 1 ? 'usd' : 'eur',
        price: 15,
        sale_price: null,
        retail_price: null,
        map_price: null,
        bulk_pricing_tiers: [],
        date_created: store.now(),
        date_modified: store.now(),
      })
    }
  }
}
store.invalidatePriceIndex()
;(globalThis as {gc?: () => void}).gc?.()
process.stdout.write(
  `${JSON.stringify({url: sandbox.url, storeHash: sandbox.storeHash, token: sandbox.token, seedMs: performance.now() - seedStarted})}\n`,
)
