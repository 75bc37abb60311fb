import type {RouteDefinition} from '../http-types.js'
import {brandRoutes} from './brands.js'
import {categoryTreeRoutes} from './category-trees.js'
import {customFieldRoutes} from './custom-fields.js'
import {customerGroupRoutes} from './customer-groups.js'
import {imageRoutes} from './images.js'
import {inventoryRoutes} from './inventory.js'
import {locationRoutes} from './locations.js'
import {metafieldRoutes} from './metafields.js'
import {optionRoutes} from './options.js'
import {priceListRecordRoutes} from './price-list-records.js'
import {priceListRoutes} from './price-lists.js'
import {productRoutes} from './products.js'
import {storeRoutes} from './store.js'
import {variantRoutes} from './variants.js'

/** Every API route of the sandbox, one module per resource family. */
export const allRoutes: RouteDefinition[] = [
  ...productRoutes,
  ...variantRoutes,
  ...optionRoutes,
  ...customFieldRoutes,
  ...imageRoutes,
  ...metafieldRoutes,
  ...brandRoutes,
  ...categoryTreeRoutes,
  ...storeRoutes,
  ...locationRoutes,
  ...inventoryRoutes,
  ...priceListRoutes,
  ...priceListRecordRoutes,
  ...customerGroupRoutes,
]
