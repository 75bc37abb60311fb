/** What a product write refers to outside the product: its brand (by id or name) and its categories. */
import {fail} from './api-errors.js'
import {slugify} from './product-fields.js'
import type {SandboxStore} from './store.js'
import type {Json} from './state.js'

export function resolveBrand(store: SandboxStore, input: Json): number | undefined {
  if (input.brand_id !== undefined && input.brand_name !== undefined) {
    fail(422, 'JSON data is missing or invalid', {brand_name: 'Send brand_id or brand_name, not both'})
  }
  if (typeof input.brand_id === 'number') {
    if (input.brand_id !== 0 && !store.data.brands.some((brand) => brand.id === input.brand_id)) {
      fail(409, 'The brand does not exist', {brand_id: `Brand ${input.brand_id} does not exist`})
    }
    return input.brand_id
  }
  return undefined
}

/** `brand_name` finds (case-insensitively) or creates the brand. Runs only once the request is valid. */
export function applyBrandName(store: SandboxStore, input: Json): number | undefined {
  if (typeof input.brand_name !== 'string' || input.brand_name === '') return undefined
  const name = input.brand_name
  const found = store.data.brands.find((brand) => (brand.name as string).toLowerCase() === name.toLowerCase())
  if (found) return found.id as number
  const id = store.nextId('brand')
  store.data.brands.push(newBrand(id, name))
  return id
}

export function newBrand(id: number, name: string): Json {
  return {
    id,
    name,
    page_title: '',
    meta_keywords: [],
    meta_description: '',
    image_url: '',
    search_keywords: '',
    custom_url: {url: `/${slugify(name)}/`, is_customized: false},
  }
}

export function checkCategories(store: SandboxStore, input: Json): void {
  if (!Array.isArray(input.categories)) return
  if (input.categories.length > 1000)
    fail(422, 'JSON data is missing or invalid', {categories: 'at most 1000 categories'})
  const known = new Set(store.data.categories.map((category) => category.category_id))
  for (const id of input.categories) {
    if (!known.has(id))
      fail(409, 'The category does not exist', {categories: `Category ${String(id)} does not exist`})
  }
}
