/** Inline product images on product writes (and the image endpoints' shared rules). */
import {fail} from './api-errors.js'
import {assertFields, pickFields} from './field-rules.js'
import type {SandboxStore} from './store.js'
import {applyChanges} from './store.js'
import type {Json, ProductRecord} from './state.js'

export function checkImages(list: unknown): Json[] {
  if (!Array.isArray(list)) fail(422, 'JSON data is missing or invalid', {images: 'must be an array'})
  for (const image of list as Json[]) {
    if (image.id === undefined)
      assertFields(image, {image_url: {type: 'string', min: 1, max: 255, required: true}}, {creating: true})
  }
  return list as Json[]
}

/** An image from `image_url`; the sandbox "CDN" serves the original URL in every `url_*` field. */
export function buildImage(store: SandboxStore, product: ProductRecord, input: Json): Json {
  const url = input.image_url as string
  return {
    id: store.nextId('image'),
    product_id: product.data.id,
    is_thumbnail: input.is_thumbnail === true,
    sort_order: typeof input.sort_order === 'number' ? input.sort_order : product.images.length,
    description: typeof input.description === 'string' ? input.description : '',
    image_file: url.split('/').pop() ?? url,
    url_zoom: url,
    url_standard: url,
    url_thumbnail: url,
    url_tiny: url,
    date_modified: store.now(),
  }
}

/** Only one thumbnail per product; a sole image becomes the thumbnail (D-CAT). */
export function settleThumbnail(product: ProductRecord, preferred?: Json): void {
  const chosen = preferred?.is_thumbnail
    ? preferred
    : (product.images.find((image) => image.is_thumbnail) ?? product.images[0])
  for (const image of product.images) image.is_thumbnail = image === chosen
}

/** Updates the images with an `id` and adds the others; returns whether anything changed. */
export function applyImages(store: SandboxStore, product: ProductRecord, images: Json[]): boolean {
  let changed = false
  for (const image of images) {
    const existing = product.images.find((candidate) => candidate.id === image.id)
    if (existing)
      changed =
        applyChanges(
          existing,
          pickFields(image, {
            is_thumbnail: {type: 'boolean'},
            sort_order: {type: 'integer'},
            description: {type: 'string'},
          }),
        ) || changed
    else {
      product.images.push(buildImage(store, product, image))
      changed = true
    }
  }
  if (images.length > 0)
    settleThumbnail(
      product,
      images.find((image) => image.is_thumbnail === true) &&
        product.images.find((image) => image.is_thumbnail),
    )
  return changed
}
