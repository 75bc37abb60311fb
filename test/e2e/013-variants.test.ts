import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CatalogDir} from './helpers/catalog-dir.js'
import {aCatalogProduct} from './helpers/catalog-factory.js'
import {Catalogctl} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {liveOptions, liveVariants, variantRows} from './helpers/variant-catalog.js'

const FILE = 'products/products.yaml'
const OPTIONS = {
  Size: ['S', 'M', 'L', 'XL'],
  Color: ['Navy', 'Grey', 'Forest'],
  Fit: ['Regular', 'Slim', 'Relaxed'],
}
type Variant = {sku: string; options: Record<string, string>; [field: string]: unknown}

// Issue 6, "Done when": one product through the life of its variants — created with 3 options and 36
// variants, overrides set and removed, a variant removed under each prune policy and added back, a value
// added, a value renamed, an option added (a replace). Every apply is followed by an empty re-plan.
describe('013 variants and options', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  const editVariants = (edit: (variants: Variant[]) => Variant[]) =>
    catalog.editProduct(FILE, 'TEE', (product) => {
      product['variants'] = edit(product['variants'] as Variant[])
    })
  const apply = async (extra: string[] = [], exitCode = 0) => {
    const result = await cli.run(['apply', '--dir', 'catalog', '--yes', ...extra])
    expect(result.exitCode, result.stdout + result.stderr).toBe(exitCode)
    return result
  }

  beforeAll(async () => {
    store = await startE2eStore()
    const tee = aCatalogProduct(1, {
      sku: 'TEE',
      name: 'Tee',
      price: 25,
      variants: variantRows('TEE', OPTIONS),
    })
    catalog = await CatalogDir.fromParts({config: {guardrails: {max_change_share: 1}}, products: [tee]})
    cli = new Catalogctl(catalog, store.env)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  it('creates the product with 3 options and 36 variants in one request', async () => {
    const result = await apply()
    expect(result.stdout).toContain('+ product TEE will be created')
    expect(result.stdout).toContain('+ option Size: S, M, L, XL')
    expect(result.stdout.match(/^ {4}\+ variant TEE-/gm)).toHaveLength(36)
    expect(
      store.writes.filter(
        (write) => write.path.startsWith('/v3/catalog/products?') || write.path === '/v3/catalog/products',
      ),
    ).toHaveLength(1)
    expect(store.writes.some((write) => write.path.includes('variants'))).toBe(false)
    const data = await store.dump()
    expect(liveOptions(data, 'TEE')).toEqual(OPTIONS)
    const variants = liveVariants(data, 'TEE')
    expect(variants).toHaveLength(36)
    expect(variants.every((variant) => variant.data['price'] === null)).toBe(true)
    await cli.expectNoChanges()
  })

  it('overrides a variant’s price and weight, then removes the override (back to inherit)', async () => {
    await editVariants((variants) =>
      variants.map((variant) =>
        variant.sku === 'TEE-M-NAVY-SLIM' ? {...variant, price: 31.5, weight: 0.7} : variant,
      ),
    )
    store.clearWrites()
    const set = await apply()
    expect(set.stdout).toContain('~ variant TEE-M-NAVY-SLIM: price inherit → 31.50, weight inherit → 0.7')
    expect(set.stdout).toContain('# (35 unchanged variants hidden)')
    expect(store.writes.map((write) => `${write.method} ${write.path}`)).toEqual(['PUT /v3/catalog/variants'])
    let variant = liveVariants(await store.dump(), 'TEE').find((v) => v.sku === 'TEE-M-NAVY-SLIM')
    expect(variant?.data).toMatchObject({price: 31.5, weight: 0.7})
    await cli.expectNoChanges()

    await editVariants((variants) =>
      variants.map((v) => (v.sku === 'TEE-M-NAVY-SLIM' ? {sku: v.sku, options: v.options} : v)),
    )
    const back = await apply()
    expect(back.stdout).toContain('~ variant TEE-M-NAVY-SLIM: price 31.50 → inherit, weight 0.7 → inherit')
    variant = liveVariants(await store.dump(), 'TEE').find((v) => v.sku === 'TEE-M-NAVY-SLIM')
    expect(variant?.data).toMatchObject({price: null, weight: null})
    await cli.expectNoChanges()
  })

  it('removes a variant under each prune policy: off keeps it, hide disables it, delete deletes it', async () => {
    await editVariants((variants) => variants.filter((variant) => variant.sku !== 'TEE-XL-FOREST-RELAXED'))
    const off = await cli.run(['plan', '--dir', 'catalog', '--detailed-exitcode'])
    expect(off.exitCode, off.stdout + off.stderr).toBe(0)
    expect(off.stdout).toContain('1 variant(s) in the store are not in the catalog; prune is off')

    await catalog.editConfig((config) => (config['prune'] = {products: 'hide'}))
    const refused = await apply([], 6)
    expect(refused.stderr).toContain('--allow-deletes')
    const hidden = await apply(['--allow-deletes'])
    expect(hidden.stdout).toContain(
      '~ variant TEE-XL-FOREST-RELAXED will be hidden (prune: hide): purchasing_disabled false → true',
    )
    const disabled = liveVariants(await store.dump(), 'TEE').find((v) => v.sku === 'TEE-XL-FOREST-RELAXED')
    expect(disabled?.data['purchasing_disabled']).toBe(true)
    await cli.expectNoChanges()

    await catalog.editConfig((config) => (config['prune'] = {products: 'delete'}))
    await apply([], 6)
    const deleted = await apply(['--allow-deletes'])
    expect(deleted.stdout).toContain(
      '- variant TEE-XL-FOREST-RELAXED (Size: XL, Color: Forest, Fit: Relaxed) will be deleted (prune: delete)',
    )
    expect(liveVariants(await store.dump(), 'TEE').map((v) => v.sku)).not.toContain('TEE-XL-FOREST-RELAXED')
    await cli.expectNoChanges()
  })

  it('adds a variant back (existing option values, through the batch endpoint)', async () => {
    await editVariants((variants) => [
      ...variants,
      {sku: 'TEE-XL-FOREST-RELAXED', options: {Size: 'XL', Color: 'Forest', Fit: 'Relaxed'}, price: 27},
    ])
    store.clearWrites()
    const added = await apply()
    expect(added.stdout).toContain(
      '+ variant TEE-XL-FOREST-RELAXED (Size: XL, Color: Forest, Fit: Relaxed) price 27.00',
    )
    expect(store.writes.map((write) => `${write.method} ${write.path}`)).toEqual(['PUT /v3/catalog/variants'])
    const variant = liveVariants(await store.dump(), 'TEE').find((v) => v.sku === 'TEE-XL-FOREST-RELAXED')
    expect(variant).toMatchObject({options: {Size: 'XL', Color: 'Forest', Fit: 'Relaxed'}, data: {price: 27}})
    await cli.expectNoChanges()
  })

  it('adds an option value in place, with its variants', async () => {
    await editVariants((variants) => [...variants, ...variantRows('TEE', {...OPTIONS, Size: ['XXL']})])
    const ids = new Map(liveVariants(await store.dump(), 'TEE').map((v) => [v.sku, v.id]))
    const added = await apply()
    expect(added.stdout).toContain('~ option Size: + value XXL')
    expect(added.stdout).not.toContain('-/+')
    const data = await store.dump()
    expect(liveOptions(data, 'TEE')['Size']).toEqual(['S', 'M', 'L', 'XL', 'XXL'])
    const variants = liveVariants(data, 'TEE')
    expect(variants).toHaveLength(45)
    // In place: the variants that were there keep their ids.
    for (const variant of variants) if (ids.has(variant.sku)) expect(variant.id).toBe(ids.get(variant.sku))
    await cli.expectNoChanges()
  })

  it('renames a value in place: one option value relabelled, no variant touched', async () => {
    await editVariants((variants) =>
      variants.map((v) =>
        v.options['Color'] === 'Grey' ? {...v, options: {...v.options, Color: 'Heather Grey'}} : v,
      ),
    )
    const ids = new Map(liveVariants(await store.dump(), 'TEE').map((v) => [v.sku, v.id]))
    store.clearWrites()
    const renamed = await apply()
    expect(renamed.stdout).toContain('~ option Color: value "Grey" → "Heather Grey" (rename)')
    expect(renamed.stdout).not.toMatch(/~ variant /)
    expect(store.writes.map((write) => write.method)).toEqual(['PUT'])
    expect(store.writes[0]?.path).toMatch(/^\/v3\/catalog\/products\/\d+\/options\/\d+\/values\/\d+$/)
    const data = await store.dump()
    expect(liveOptions(data, 'TEE')['Color']).toEqual(['Navy', 'Heather Grey', 'Forest'])
    for (const variant of liveVariants(data, 'TEE')) expect(variant.id).toBe(ids.get(variant.sku))
    await cli.expectNoChanges()
  })

  it('adds an option: a replace, refused without --allow-replace (exit 6), done with it', async () => {
    await editVariants((variants) => variants.map((v) => ({...v, options: {...v.options, Sleeve: 'Short'}})))
    const plan = await cli.run(['plan', '--dir', 'catalog'])
    expect(plan.stdout).toContain('-/+ replace: BigCommerce deletes, then creates again')
    expect(plan.stdout).toContain(
      '-/+ option Sleeve: Short (replace: option Sleeve added to a product that already has variants',
    )
    expect(plan.stdout).toMatch(/-\/\+ variant TEE-S-NAVY-REGULAR will be replaced/)
    const refused = await apply([], 6)
    expect(refused.stderr).toContain('--allow-replace')
    expect(liveVariants(await store.dump(), 'TEE')).toHaveLength(45)

    await apply(['--allow-replace'])
    const data = await store.dump()
    expect(Object.keys(liveOptions(data, 'TEE')).sort()).toEqual(['Color', 'Fit', 'Size', 'Sleeve'])
    const variants = liveVariants(data, 'TEE')
    expect(variants).toHaveLength(45)
    expect(variants.every((variant) => variant.options['Sleeve'] === 'Short')).toBe(true)
    expect(variants.find((v) => v.sku === 'TEE-XL-FOREST-RELAXED')?.data['price']).toBe(27)
    await cli.expectNoChanges()
  })
})
