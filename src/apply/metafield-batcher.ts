import type {Change} from '../plan/plan.js'
import {chunk, type ApplyContext} from './context.js'
import {describeFailure} from './failure.js'

/** Not stated by BigCommerce for the batch metafield endpoints (bigcommerce-api.md §5); conservative. */
export const METAFIELD_BATCH_SIZE = 50
const PATH = '/v3/catalog/products/metafields'

export interface MetafieldCreate {
  resource_id: number
  namespace: string
  key: string
  value: string
  permission_set: string
}

export interface MetafieldUpdate {
  id: number
  value: string
  permission_set?: string
}

type Operation =
  | {type: 'create'; change: Change; body: MetafieldCreate}
  | {type: 'update'; change: Change; body: MetafieldUpdate}
  | {type: 'delete'; change: Change; id: number}

interface BatchBody {
  data?: {id?: number; resource_id?: number; namespace?: string; key?: string}[]
  errors?: {title?: string; detail?: string; errors?: Record<string, unknown>}[]
}

/**
 * Collects product metafield writes from many products and sends them through the batch endpoints, so a
 * run costs one request per 50 metafields rather than one per product. A partial failure comes back as
 * 422 with the written items in `data` (bigcommerce-api.md §5: 422, not 207); whatever is missing there is
 * charged to its product.
 */
export class MetafieldBatcher {
  private readonly operations: Operation[] = []
  /** Failure messages by change, for the products' results. */
  readonly failures = new Map<Change, string>()

  /** `path`: the batch endpoint (product metafields by default; `/v3/catalog/variants/metafields` for variants). */
  constructor(private readonly path: string = PATH) {}

  create(change: Change, body: MetafieldCreate): void {
    this.operations.push({type: 'create', change, body})
  }

  update(change: Change, body: MetafieldUpdate): void {
    this.operations.push({type: 'update', change, body})
  }

  delete(change: Change, id: number): void {
    this.operations.push({type: 'delete', change, id})
  }

  async flush(ctx: ApplyContext): Promise<void> {
    const creates = this.operations.filter((op) => op.type === 'create')
    const updates = this.operations.filter((op) => op.type === 'update')
    const deletes = this.operations.filter((op) => op.type === 'delete')
    this.operations.length = 0
    await Promise.all([
      ...chunk(creates, METAFIELD_BATCH_SIZE).map((batch) =>
        this.send(ctx, 'POST', batch, (op) => op.body, sameMetafield),
      ),
      ...chunk(updates, METAFIELD_BATCH_SIZE).map((batch) =>
        this.send(
          ctx,
          'PUT',
          batch,
          (op) => op.body,
          (op, item) => item.id === op.body.id,
        ),
      ),
      ...chunk(deletes, METAFIELD_BATCH_SIZE).map((batch) =>
        this.send(ctx, 'DELETE', batch, (op) => op.id, null),
      ),
    ])
  }

  private async send<O extends Operation>(
    ctx: ApplyContext,
    method: 'POST' | 'PUT' | 'DELETE',
    batch: O[],
    toBody: (op: O) => unknown,
    written: ((op: O, item: NonNullable<BatchBody['data']>[number]) => boolean) | null,
  ): Promise<void> {
    await ctx.limit(async () => {
      try {
        await ctx.api.request<BatchBody>(method, this.path, {body: batch.map(toBody)})
      } catch (error) {
        const failure = describeFailure(error)
        const body = (failure.body ?? {}) as BatchBody
        const data = Array.isArray(body.data) ? body.data : null
        const reason = describeBatchErrors(body) ?? failure.message
        for (const op of batch) {
          const wasWritten = data !== null && written !== null && data.some((item) => written(op, item))
          if (!wasWritten) this.failures.set(op.change, `metafield ${method}: ${reason}`)
        }
      }
    })
  }
}

function sameMetafield(op: {body: MetafieldCreate}, item: NonNullable<BatchBody['data']>[number]): boolean {
  return (
    item.resource_id === op.body.resource_id &&
    item.namespace === op.body.namespace &&
    item.key === op.body.key
  )
}

function describeBatchErrors(body: BatchBody): string | null {
  if (!Array.isArray(body.errors) || body.errors.length === 0) return null
  return body.errors
    .map((error) =>
      [error.title, error.detail, error.errors && JSON.stringify(error.errors)].filter(Boolean).join(': '),
    )
    .join('; ')
}
