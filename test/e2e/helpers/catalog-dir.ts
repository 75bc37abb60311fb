import {cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import YAML from 'yaml'

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
export const exampleCatalog = path.join(repoRoot, 'catalog')
export const scenariosDir = path.join(repoRoot, 'test', 'scenarios')

type Product = Record<string, unknown>

/**
 * A catalog in a fresh temp folder (outside git, so its `.catalogctl/` — history, embedded sandbox — lives
 * inside the catalog folder). `root` is the folder the CLI runs in; `dir` is `root/catalog`.
 */
export class CatalogDir {
  private constructor(
    readonly root: string,
    readonly dir: string,
  ) {}

  /** A copy of the repository's example catalog (or of a scenario's fixture folder). */
  static async copyOf(source = exampleCatalog): Promise<CatalogDir> {
    const root = await mkdtemp(path.join(tmpdir(), 'catalogctl-e2e-'))
    const dir = path.join(root, 'catalog')
    await cp(source, dir, {recursive: true})
    return new CatalogDir(root, dir)
  }

  /** A minimal catalog: catalogctl.yaml, categories.yaml and one products file. */
  static async fromParts(parts: {
    config?: Record<string, unknown>
    categories?: Record<string, unknown>
    products: Product[]
  }): Promise<CatalogDir> {
    const root = await mkdtemp(path.join(tmpdir(), 'catalogctl-e2e-'))
    const dir = path.join(root, 'catalog')
    await mkdir(path.join(dir, 'products'), {recursive: true})
    const catalog = new CatalogDir(root, dir)
    await catalog.writeYaml('catalogctl.yaml', parts.config ?? {})
    await catalog.writeYaml(
      'categories.yaml',
      parts.categories ?? {mode: 'auto_create', categories: ['Tools/Widgets']},
    )
    await catalog.writeYaml('products/products.yaml', parts.products)
    return catalog
  }

  file(relative: string): string {
    return path.join(this.dir, relative)
  }

  async readYaml<T = unknown>(relative: string): Promise<T> {
    return YAML.parse(await readFile(this.file(relative), 'utf8')) as T
  }

  async writeYaml(relative: string, value: unknown): Promise<void> {
    await mkdir(path.dirname(this.file(relative)), {recursive: true})
    await writeFile(this.file(relative), YAML.stringify(value))
  }

  /** Edits one product (by SKU) in a file holding one product or a list of them. */
  async editProduct(relative: string, sku: string, edit: (product: Product) => void): Promise<void> {
    const value = await this.readYaml<Product | Product[]>(relative)
    const products = Array.isArray(value) ? value : [value]
    const product = products.find((candidate) => candidate['sku'] === sku)
    if (!product) throw new Error(`${sku} is not in ${relative}`)
    edit(product)
    await this.writeYaml(relative, value)
  }

  /** Removes one product from a list file, or the whole file when it holds only that product. */
  async removeProduct(relative: string, sku: string): Promise<void> {
    const value = await this.readYaml<Product | Product[]>(relative)
    if (!Array.isArray(value)) {
      if (value['sku'] !== sku) throw new Error(`${sku} is not in ${relative}`)
      await rm(this.file(relative))
      return
    }
    const kept = value.filter((product) => product['sku'] !== sku)
    if (kept.length === value.length) throw new Error(`${sku} is not in ${relative}`)
    await this.writeYaml(relative, kept)
  }

  async editConfig(edit: (config: Record<string, unknown>) => void): Promise<void> {
    const config = (await this.readYaml<Record<string, unknown> | null>('catalogctl.yaml')) ?? {}
    edit(config)
    await this.writeYaml('catalogctl.yaml', config)
  }

  /** Every file under the run folder (catalog, history, plan files), for the secret scan. */
  async allFiles(): Promise<string[]> {
    const entries = await readdir(this.root, {recursive: true, withFileTypes: true})
    return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
  }

  async remove(): Promise<void> {
    await rm(this.root, {recursive: true, force: true})
  }
}
