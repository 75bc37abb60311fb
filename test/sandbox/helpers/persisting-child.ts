/**
 * Child process for the kill -9 test: a sandbox persisting to argv[2] that keeps writing until killed.
 * The store is made large first so each atomic write takes long enough to be interrupted.
 */
import {startSandbox} from '../../../src/sandbox/index.js'
import {createProduct} from '../../../src/sandbox/product-writes.js'

const file = process.argv[2] as string
const sandbox = await startSandbox({dataFile: file, quota: 1_000_000})
const store = sandbox.store()
for (let index = 0; index < 3000; index++) {
  createProduct(store, {
    name: `Seed ${index}`,
    type: 'physical',
    weight: 1,
    price: 1,
    sku: `SEED-${index}`,
    description: 'x'.repeat(200),
  })
}
let counter = 0
for (;;) {
  const response = await fetch(`${sandbox.url}/stores/${sandbox.storeHash}/v3/catalog/brands`, {
    method: 'POST',
    headers: {'X-Auth-Token': sandbox.token, 'Content-Type': 'application/json'},
    body: JSON.stringify({name: `Brand ${counter++}`}),
  })
  await response.text()
  if (counter === 3) process.stdout.write('writing\n')
}
