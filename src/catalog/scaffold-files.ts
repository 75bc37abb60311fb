/**
 * The files `catalogctl init` writes. `{{schema:<kind>}}` becomes the modeline's schema path for that
 * file (see scaffold-catalog.ts); everything else is written as is. The result validates clean.
 */
export const scaffoldFiles: ReadonlyArray<{path: string; content: string}> = [
  {
    path: 'catalogctl.yaml',
    content: `# yaml-language-server: $schema={{schema:catalogctl}}
# How catalogctl reaches the store: names of environment variables, never the secrets themselves.
store:
  store_hash_env: BIGCOMMERCE_STORE_HASH
  access_token_env: BIGCOMMERCE_ACCESS_TOKEN
  api_url_env: BIGCOMMERCE_API_URL

channel: 1

# Our key (used in inventory files) → the BigCommerce location. Every store has location 1.
locations:
  main:
    id: 1
    label: Main warehouse

# Customer groups price lists are assigned to.
customer_groups:
  Wholesale: {}

# What happens to managed products that leave the catalog: off | hide | delete.
prune:
  products: off

# apply refuses when one run would change or delete more than this share of managed products.
guardrails:
  max_change_share: 0.3
  max_delete_share: 0.3
`,
  },
  {
    path: 'categories.yaml',
    content: `# yaml-language-server: $schema={{schema:categories}}
mode: auto_create
tree_id: 1
categories:
  - Apparel/Tops/T-Shirts
`,
  },
  {
    path: 'templates/bigcommerce.yaml',
    content: `# yaml-language-server: $schema={{schema:template}}
# Standard fields (name, sku, price, ...) map by default. Rules turn attributes into custom fields or
# metafields; attributes no rule mentions become custom fields named after the attribute.
rules:
  - attribute: material
    custom_field: Material
  - attribute: color_hex
    variant_metafield: {namespace: swatch, key: hex}
`,
  },
  {
    path: 'schedules.yaml',
    content: `# yaml-language-server: $schema={{schema:schedules}}
jobs:
  - name: nightly-full-sync
    cron: '0 3 * * *'
    timezone: UTC
    scope: all
    mode: full
`,
  },
  {
    path: 'products/example-tee.yaml',
    content: `# yaml-language-server: $schema={{schema:product}}
# One product per file merges best; a file may also hold a list of products.
sku: EXAMPLE-TEE
name: Example Organic Tee
brand: Example Brand
description: <p>Replace me with your first product.</p>
price: 25.00
sale_price: 19.00
weight: 0.3
categories: [Apparel/Tops/T-Shirts]
images:
  - url: https://cdn.example.com/example-tee/navy.jpg
    alt: Example tee in navy
attributes:
  material: Organic cotton
variants:
  - sku: EXAMPLE-TEE-M-NAVY
    options: {Size: M, Color: Navy}
    attributes: {color_hex: '#1F2A44'}
  - sku: EXAMPLE-TEE-L-NAVY
    options: {Size: L, Color: Navy}
    attributes: {color_hex: '#1F2A44'}
`,
  },
  {
    path: 'inventory/main.yaml',
    content: `# yaml-language-server: $schema={{schema:inventory}}
# Stock on hand (absolute) at one location; inventory/*.csv with sku,location,quantity works too.
location: main
stock:
  EXAMPLE-TEE-M-NAVY: 10
  EXAMPLE-TEE-L-NAVY: 8
`,
  },
  {
    path: 'price-lists/wholesale.yaml',
    content: `# yaml-language-server: $schema={{schema:price-list}}
name: Wholesale
currency: USD
customer_groups: [Wholesale]
prices:
  EXAMPLE-TEE-M-NAVY:
    price: 12.00
    tiers:
      - {quantity_min: 24, type: price, amount: 1.00}
  EXAMPLE-TEE-L-NAVY: {price: 12.00}
`,
  },
  {
    path: '.gitignore',
    content: `# catalogctl's local state (saved plans, run history, caches)
.catalogctl/
`,
  },
]
