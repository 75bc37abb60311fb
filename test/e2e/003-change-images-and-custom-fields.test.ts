import {readFile} from 'node:fs/promises'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {SandboxData} from '../../src/sandbox/state.js'
import {CatalogDir} from './helpers/catalog-dir.js'
import {Catalogctl, type PlanJson} from './helpers/catalogctl.js'
import {startE2eStore, type E2eStore} from './helpers/e2e-store.js'
import {expectUntouchedExcept, productBySku} from './helpers/store-diff.js'

const SKU = 'NW-TEE-CLASSIC'
const FILE = 'products/apparel/classic-tee.yaml'
const CDN = 'https://cdn.example.com/northwind/classic-tee'
const NAVY = `${CDN}/navy-front.jpg`
const GREY = `${CDN}/heather-grey-front.jpg`
const FOREST = `${CDN}/forest-front.jpg`
const CHARCOAL = `${CDN}/charcoal-front.jpg`

interface ImageYaml {
  url: string
  alt?: string
}

/** The product's images as the store shows them, in display order. */
function imagesOf(data: SandboxData): {id: number; url: string; alt: string; thumbnail: boolean}[] {
  return [...productBySku(data, SKU).images]
    .sort((a, b) => Number(a['sort_order']) - Number(b['sort_order']))
    .map((image) => ({
      id: image['id'] as number,
      url: String(image['image_url'] ?? image['url_standard']),
      alt: String(image['description']),
      thumbnail: image['is_thumbnail'] === true,
    }))
}

// Scenario 2b (issue 5): images (add, remove, reorder, alt text), custom fields (change a value,
// remove one) and a product metafield of one product. Images are matched by URL: a kept image is never
// uploaded again.
describe('003 change images, custom fields and a metafield of one product', () => {
  let store: E2eStore
  let catalog: CatalogDir
  let cli: Catalogctl

  beforeAll(async () => {
    store = await startE2eStore()
    catalog = await CatalogDir.copyOf()
    cli = new Catalogctl(catalog, store.env)
    const created = await cli.run(['apply', '--dir', 'catalog', '--yes'])
    expect(created.exitCode, created.stderr).toBe(0)
  })

  afterAll(async () => {
    await cli.expectNoSecret(store.token)
    await store.stop()
    await catalog.remove()
  })

  async function planTee(): Promise<{text: string; plan: PlanJson}> {
    const result = await cli.run(['plan', '--dir', 'catalog', '--detailed-exitcode', '--out', 'plan.json'])
    expect(result.exitCode, result.stdout + result.stderr).toBe(2)
    expect(result.stdout).toContain(`~ product ${SKU} will be updated in place`)
    expect(result.stdout).toContain('Plan: 0 to create, 1 to update, 0 to delete')
    const plan = JSON.parse(await readFile(`${catalog.root}/plan.json`, 'utf8')) as PlanJson
    expect(plan.changes.map((change) => [change.action, change.key])).toEqual([['update', SKU]])
    return {text: result.stdout, plan}
  }

  async function applySaved(): Promise<{before: SandboxData; after: SandboxData}> {
    const before = await store.dump()
    store.advanceClock(60_000)
    store.clearWrites()
    const result = await cli.run(['apply', 'plan.json', '--dir', 'catalog'])
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expect(result.stdout).toContain('Apply: 1 applied, 0 warnings, 0 failed, 0 skipped')
    const after = await store.dump()
    expectUntouchedExcept(before, after, [SKU])
    return {before, after}
  }

  const writesSummary = () => store.writes.map((write) => `${write.method} ${write.path}`)
  const editImages = (edit: (images: ImageYaml[]) => ImageYaml[]) =>
    catalog.editProduct(FILE, SKU, (p) => {
      p['images'] = edit(p['images'] as ImageYaml[])
    })

  it('an image added', async () => {
    await editImages((images) => [...images, {url: CHARCOAL, alt: 'Classic Organic Tee in Charcoal, front'}])
    const {text, plan} = await planTee()
    expect(text).toContain(CHARCOAL)
    expect(plan.changes[0]?.fields).toEqual([
      {
        path: 'images[3]',
        before: null,
        after: {url: CHARCOAL, alt: 'Classic Organic Tee in Charcoal, front'},
      },
    ])

    const {before, after} = await applySaved()
    const id = productBySku(after, SKU).data.id
    expect(writesSummary()).toEqual([
      `POST /v3/catalog/products/${id}/images`,
      'PUT /v3/catalog/products/metafields',
    ])
    expect(store.writes[0]?.body).toMatchObject({image_url: CHARCOAL, sort_order: 3, is_thumbnail: false})
    const was = imagesOf(before)
    const now = imagesOf(after)
    expect(now.slice(0, 3)).toEqual(was)
    expect(now.map((image) => image.url)).toEqual([NAVY, GREY, FOREST, CHARCOAL])
    await cli.expectNoChanges()
  })

  it('an image removed (the others keep their ids)', async () => {
    await editImages((images) => images.filter((image) => image.url !== GREY))
    const {plan} = await planTee()
    expect(plan.changes[0]?.fields.map((field) => field.path)).toEqual([
      'images[1].url',
      'images[1].alt',
      'images[2].url',
      'images[2].alt',
      'images[3]',
    ])

    const {before, after} = await applySaved()
    const was = imagesOf(before)
    const now = imagesOf(after)
    const idOf = (url: string) => was.find((image) => image.url === url)?.id
    expect(now.map((image) => [image.id, image.url])).toEqual([
      [idOf(NAVY), NAVY],
      [idOf(FOREST), FOREST],
      [idOf(CHARCOAL), CHARCOAL],
    ])
    expect(writesSummary().filter((write) => write.startsWith('POST'))).toEqual([])
    expect(writesSummary()).toContain(
      `DELETE /v3/catalog/products/${productBySku(after, SKU).data.id}/images/${idOf(GREY)}`,
    )
    await cli.expectNoChanges()
  })

  it('images reordered and an alt text changed (no upload)', async () => {
    await editImages((images) => {
      const [navy, forest, charcoal] = images as [ImageYaml, ImageYaml, ImageYaml]
      return [{...forest}, {...navy, alt: 'Classic Organic Tee in Navy, worn'}, charcoal]
    })
    const {text, plan} = await planTee()
    expect(text).toContain('Classic Organic Tee in Navy, worn')
    expect(plan.changes[0]?.fields.map((field) => field.path)).toEqual([
      'images[0].url',
      'images[0].alt',
      'images[1].url',
      'images[1].alt',
    ])

    const {before, after} = await applySaved()
    const was = imagesOf(before)
    const idOf = (url: string) => was.find((image) => image.url === url)?.id
    expect(imagesOf(after)).toEqual([
      {id: idOf(FOREST), url: FOREST, alt: 'Classic Organic Tee in Forest, front', thumbnail: true},
      {id: idOf(NAVY), url: NAVY, alt: 'Classic Organic Tee in Navy, worn', thumbnail: false},
      {id: idOf(CHARCOAL), url: CHARCOAL, alt: 'Classic Organic Tee in Charcoal, front', thumbnail: false},
    ])
    expect(writesSummary().every((write) => write.startsWith('PUT'))).toBe(true)
    await cli.expectNoChanges()
  })

  it('a custom field value', async () => {
    await catalog.editProduct(FILE, SKU, (p) => {
      ;(p['attributes'] as Record<string, unknown>)['material'] = '100% organic cotton jersey'
    })
    const {text, plan} = await planTee()
    expect(text).toMatch(
      /custom_fields\[Material\]: "?100% organic cotton"? → "?100% organic cotton jersey"?/,
    )
    expect(plan.changes[0]?.fields).toEqual([
      {path: 'custom_fields[Material]', before: '100% organic cotton', after: '100% organic cotton jersey'},
    ])

    const {before, after} = await applySaved()
    const field = productBySku(before, SKU).customFields.find((candidate) => candidate.name === 'Material')
    expect(store.writes).toEqual([
      {
        method: 'PUT',
        path: '/v3/catalog/products',
        body: [
          {
            id: productBySku(after, SKU).data.id,
            custom_fields: [{id: field?.id, name: 'Material', value: '100% organic cotton jersey'}],
          },
        ],
      },
    ])
    expect(productBySku(after, SKU).customFields).toContainEqual({
      id: field?.id,
      name: 'Material',
      value: '100% organic cotton jersey',
    })
    await cli.expectNoChanges()
  })

  it('a custom field removed', async () => {
    await catalog.editProduct(FILE, SKU, (p) => {
      delete (p['attributes'] as Record<string, unknown>)['fit']
    })
    const {plan} = await planTee()
    expect(plan.changes[0]?.fields).toEqual([{path: 'custom_fields[Fit]', before: 'Regular', after: null}])

    const {before, after} = await applySaved()
    const fit = productBySku(before, SKU).customFields.find((candidate) => candidate.name === 'Fit')
    const id = productBySku(after, SKU).data.id
    expect(writesSummary()).toEqual([`DELETE /v3/catalog/products/${id}/custom-fields/${fit?.id}`])
    expect(productBySku(after, SKU).customFields).toEqual(
      productBySku(before, SKU).customFields.filter((candidate) => candidate.name !== 'Fit'),
    )
    await cli.expectNoChanges()
  })

  it('a product metafield value (template rule: hs_code → logistics.hs_code)', async () => {
    await catalog.editProduct(FILE, SKU, (p) => {
      ;(p['attributes'] as Record<string, unknown>)['hs_code'] = '6109.10.0010'
    })
    const {plan} = await planTee()
    expect(plan.changes[0]?.fields).toEqual([
      {path: 'metafields[logistics.hs_code].value', before: '6109.10', after: '6109.10.0010'},
    ])

    const {before, after} = await applySaved()
    const metafield = productBySku(before, SKU).metafields.find((candidate) => candidate.key === 'hs_code')
    expect(store.writes).toEqual([
      {
        method: 'PUT',
        path: '/v3/catalog/products/metafields',
        body: [{id: metafield?.id, value: '6109.10.0010'}],
      },
    ])
    expect(productBySku(after, SKU).metafields.find((candidate) => candidate.key === 'hs_code')?.value).toBe(
      '6109.10.0010',
    )
    await cli.expectNoChanges()
  })
})
