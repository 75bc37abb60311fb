import type {RouteDefinition} from '../http-types.js'
import {brandRoutes} from './brands.js'
import {categoryTreeRoutes} from './category-trees.js'
import {metafieldRoutes} from './metafields.js'
import {productRoutes} from './products.js'
import {storeRoutes} from './store.js'

/** Every API route of the sandbox, one module per resource family. */
export const allRoutes: RouteDefinition[] = [
  ...productRoutes,
  ...metafieldRoutes,
  ...brandRoutes,
  ...categoryTreeRoutes,
  ...storeRoutes,
]
