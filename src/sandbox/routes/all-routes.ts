import type {RouteDefinition} from '../http-types.js'
import {brandRoutes} from './brands.js'
import {categoryTreeRoutes} from './category-trees.js'
import {customFieldRoutes} from './custom-fields.js'
import {metafieldRoutes} from './metafields.js'
import {optionRoutes} from './options.js'
import {productRoutes} from './products.js'
import {storeRoutes} from './store.js'
import {variantRoutes} from './variants.js'

/** Every API route of the sandbox, one module per resource family. */
export const allRoutes: RouteDefinition[] = [
  ...productRoutes,
  ...variantRoutes,
  ...optionRoutes,
  ...customFieldRoutes,
  ...metafieldRoutes,
  ...brandRoutes,
  ...categoryTreeRoutes,
  ...storeRoutes,
]
