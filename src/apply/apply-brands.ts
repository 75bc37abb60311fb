import {brandMatchKey} from '../model/kinds.js'
import type {CreateChange} from '../plan/plan.js'
import type {ApplyContext} from './context.js'
import {describeFailure, isAmbiguous} from './failure.js'

interface BrandData {
  id: number
  name: string
}

/**
 * Brands are created one per call (`POST /v3/catalog/brands`, bigcommerce-api.md §7). A 409 (the name
 * exists) or an ambiguous failure is resolved by looking the brand up by name and reusing it.
 */
export async function applyBrandCreates(ctx: ApplyContext, changes: CreateChange<'brand'>[]): Promise<void> {
  await Promise.all(
    changes.map((change) =>
      ctx.schedule(change, async () => {
        const {name} = change.after
        try {
          const response = await ctx.api.request<{data: BrandData}>('POST', '/v3/catalog/brands', {
            body: {name},
          })
          ctx.ids.brands[brandMatchKey(name)] = response.body.data.id
          ctx.record(change, 'applied')
        } catch (error) {
          const failure = describeFailure(error)
          if (failure.status !== 409 && !isAmbiguous(failure)) throw error
          const existing = await findBrand(ctx, name)
          if (!existing) throw error
          ctx.ids.brands[brandMatchKey(name)] = existing.id
          ctx.record(change, 'applied', {
            message: `brand "${name}" already existed; reused id ${existing.id}`,
          })
        }
      }),
    ),
  )
}

async function findBrand(ctx: ApplyContext, name: string): Promise<BrandData | undefined> {
  const brands = await ctx.api.listAll<BrandData>('/v3/catalog/brands', {query: {name}})
  return brands.find((brand) => brandMatchKey(brand.name) === brandMatchKey(name))
}
