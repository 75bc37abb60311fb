import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {simpleGit, type SimpleGit} from 'simple-git'
import YAML from 'yaml'

import {BigCommerceClient} from '../../../src/bigcommerce/client.js'
import {startSandbox, type RunningSandbox} from '../../../src/sandbox/index.js'
import type {Mode, Plan, Scope} from '../../../src/plan/plan.js'
import type {Selection} from '../../../src/plan/selection.js'
import {planAgainstStore} from '../../../src/services/plan-service.js'
import {applyCatalog, type ApplyOutcome} from '../../../src/services/apply-service.js'

export type Product = Record<string, unknown>

let fixtures = 0

/** A product in the catalog's YAML shape; override what the test is about. */
export function aProduct(n: number, overrides: Product = {}): Product {
  const id = String(n).padStart(3, '0')
  return {
    sku: `DL-${id}`,
    name: `Delta Widget ${id}`,
    brand: 'Acme Tools',
    description: `<p>Widget ${n}.</p>`,
    price: 10 + n,
    weight: 1,
    categories: ['Tools/Widgets'],
    attributes: {material: 'Steel'},
    ...overrides,
  }
}

/** A product with two size variants, `DL-<n>-S` and `DL-<n>-M` (the second at its own price). */
export function aProductWithVariants(n: number): Product {
  return aProduct(n, {
    variants: [
      {sku: `DL-${n}-S`, options: {Size: 'S'}},
      {sku: `DL-${n}-M`, options: {Size: 'M'}, price: 30},
    ],
  })
}

export interface SandboxCounts {
  requests: number
  byRoute: Record<string, number>
}

/**
 * A catalog in a temporary git repository (its own user.name/email: never the machine's global config)
 * and an in-process sandbox store, named through catalogctl.yaml's env-var names so several fixtures can
 * run in one process. One product per file under `products/`.
 */
export class DeltaRepo {
  private constructor(
    readonly root: string,
    readonly dir: string,
    readonly git: SimpleGit,
    readonly sandbox: RunningSandbox,
  ) {}

  static async create(
    products: Product[],
    options: {template?: Record<string, unknown>; config?: Record<string, unknown>} = {},
  ): Promise<DeltaRepo> {
    const root = await mkdtemp(path.join(tmpdir(), 'catalogctl-delta-'))
    const dir = path.join(root, 'catalog')
    await mkdir(path.join(dir, 'products'), {recursive: true})
    const sandbox = await startSandbox({port: 0, quota: 1_000_000})
    const prefix = `CATALOGCTL_DELTA_TEST_${++fixtures}_${process.pid}`
    process.env[`${prefix}_URL`] = sandbox.url
    process.env[`${prefix}_HASH`] = sandbox.storeHash
    process.env[`${prefix}_TOKEN`] = sandbox.token
    const git = simpleGit({baseDir: root})
    await git.init()
    await git.addConfig('user.name', 'Delta Test', false, 'local')
    await git.addConfig('user.email', 'delta@example.com', false, 'local')
    const repo = new DeltaRepo(root, dir, git, sandbox)
    await repo.writeYaml('catalogctl.yaml', {
      store: {
        store_hash_env: `${prefix}_HASH`,
        access_token_env: `${prefix}_TOKEN`,
        api_url_env: `${prefix}_URL`,
      },
      guardrails: {max_change_share: 1, max_delete_share: 1},
      ...options.config,
    })
    await repo.writeYaml('categories.yaml', {
      mode: 'auto_create',
      categories: ['Tools/Widgets', 'Tools/Gadgets'],
    })
    if (options.template) await repo.writeYaml('templates/bigcommerce.yaml', options.template)
    for (const product of products) await repo.writeProduct(product)
    await writeFile(path.join(root, '.gitignore'), '.catalogctl/\n')
    await repo.commit('initial catalog')
    return repo
  }

  /** A client of this fixture's store, for reading and writing the marker directly. */
  client(): BigCommerceClient {
    return new BigCommerceClient({
      baseUrl: this.sandbox.url,
      storeHash: this.sandbox.storeHash,
      accessToken: this.sandbox.token,
    })
  }

  productFile(sku: string): string {
    return `products/${sku.toLowerCase()}.yaml`
  }

  async writeYaml(relative: string, value: unknown): Promise<void> {
    const file = path.join(this.dir, relative)
    await mkdir(path.dirname(file), {recursive: true})
    await writeFile(file, YAML.stringify(value))
  }

  async readYaml(relative: string): Promise<Record<string, unknown>> {
    return YAML.parse(await readFile(path.join(this.dir, relative), 'utf8')) as Record<string, unknown>
  }

  async readProduct(sku: string): Promise<Product> {
    return YAML.parse(await readFile(path.join(this.dir, this.productFile(sku)), 'utf8')) as Product
  }

  async writeProduct(product: Product): Promise<void> {
    await this.writeYaml(this.productFile(String(product['sku'])), product)
  }

  async editProduct(sku: string, edit: (product: Product) => void): Promise<void> {
    const product = await this.readProduct(sku)
    edit(product)
    await this.writeProduct(product)
  }

  async removeProduct(sku: string): Promise<void> {
    await rm(path.join(this.dir, this.productFile(sku)))
  }

  async commit(message: string): Promise<string> {
    await this.git.add(['-A'])
    await this.git.commit(message, undefined, {'--allow-empty': null})
    return (await this.git.revparse(['HEAD'])).trim()
  }

  async plan(
    options: {mode?: Mode; scope?: Scope; selection?: Selection; changedSince?: string} = {},
  ): Promise<{
    plan: Plan
    fallback: string | null
  }> {
    const session = await planAgainstStore({
      dir: this.dir,
      sandbox: false,
      scope: options.scope ?? 'all',
      mode: options.mode ?? 'full',
      selection: options.selection ?? {},
      ...(options.changedSince ? {changedSince: options.changedSince} : {}),
    })
    await session.close()
    return {plan: session.plan, fallback: session.deltaFallback}
  }

  async apply(
    options: {
      mode?: Mode
      scope?: Scope
      allowDirty?: boolean
      allowDeletes?: boolean
      /** Runs after the plan was made and before anything is written (as a person answering the prompt). */
      beforeWrites?: () => Promise<void>
    } = {},
  ): Promise<ApplyOutcome> {
    return applyCatalog({
      dir: this.dir,
      sandbox: false,
      scope: options.scope ?? 'all',
      mode: options.mode ?? 'full',
      selection: {},
      allowDeletes: options.allowDeletes ?? true,
      allowDirty: options.allowDirty ?? false,
      force: true,
      skipStale: false,
      confirm: async () => {
        await options.beforeWrites?.()
        return true
      },
    })
  }

  /** A request straight to the sandbox, as the merchant's admin or another app would make it. */
  async api<T = unknown>(
    method: string,
    apiPath: string,
    body?: unknown,
  ): Promise<{status: number; body: T}> {
    const response = await fetch(`${this.sandbox.url}/stores/${this.sandbox.storeHash}${apiPath}`, {
      method,
      headers: {
        'X-Auth-Token': this.sandbox.token,
        Accept: 'application/json',
        ...(body === undefined ? {} : {'Content-Type': 'application/json'}),
      },
      ...(body === undefined ? {} : {body: JSON.stringify(body)}),
    })
    const text = await response.text()
    return {status: response.status, body: (text ? JSON.parse(text) : null) as T}
  }

  async productId(sku: string): Promise<number> {
    const found = await this.api<{data: Array<{id: number}>}>(
      'GET',
      `/v3/catalog/products?sku=${encodeURIComponent(sku)}`,
    )
    const id = found.body.data[0]?.id
    if (id === undefined) throw new Error(`${sku} is not in the store`)
    return id
  }

  /** Moves the sandbox clock forward (the next run is "later"), so earlier writes are outside the margin. */
  advanceClock(ms: number): void {
    const offset = (this.clockOffset += ms)
    this.sandbox.store().setClock(() => new Date(Date.now() + offset))
  }
  private clockOffset = 0

  async counts(): Promise<SandboxCounts> {
    return (await (await fetch(`${this.sandbox.url}/__sandbox/stats`)).json()) as SandboxCounts
  }

  /** Requests between two stats snapshots, by `METHOD route`. */
  static requestsBetween(
    before: SandboxCounts,
    after: SandboxCounts,
  ): {total: number; byRoute: Record<string, number>} {
    const byRoute: Record<string, number> = {}
    for (const [route, count] of Object.entries(after.byRoute)) {
      const added = count - (before.byRoute[route] ?? 0)
      if (added > 0) byRoute[route] = added
    }
    return {total: after.requests - before.requests, byRoute}
  }

  async remove(): Promise<void> {
    await this.sandbox.stop()
    await rm(this.root, {recursive: true, force: true})
  }
}

/** What a plan changes, comparable across modes: kind, action, key and field paths with values. */
export function changeKeys(plan: Plan): string[] {
  return plan.changes
    .map((change) =>
      [
        change.kind,
        change.action,
        change.key.toLowerCase(),
        ...change.fields.map((field) => `${field.path}=${JSON.stringify(field.after)}`).sort(),
      ].join(' '),
    )
    .sort()
}
