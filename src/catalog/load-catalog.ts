import path from 'node:path'

import type {CatalogFile} from './catalog-files.js'
import {discoverCatalogFiles} from './catalog-files.js'
import type {CheckInput, InventoryEntry, PriceListEntry, ProductEntry, Report} from './checks/check-context.js'
import {checkProduct} from './checks/product-checks.js'
import {checkConfig, checkReferences} from './checks/reference-checks.js'
import {checkCategories, checkSchedules, checkTemplate} from './checks/settings-checks.js'
import type {Diagnostic, PendingDiagnostic} from './diagnostics.js'
import {compareDiagnostics} from './diagnostics.js'
import type {
  CatalogctlConfig,
  CategoriesFile,
  InventoryFile,
  PriceListFile,
  Product,
  SchedulesFile,
  TemplateFile,
} from './generated/index.js'
import {inventoryRowsFromCsv, inventoryRowsFromYaml} from './inventory-rows.js'
import {detachStrings} from './detach-strings.js'
import {defaultMaxFileBytes, parseYamlText, readSourceText} from './read-source.js'
import type {SchemaKind} from './schema-validator.js'
import {validateAgainstSchema} from './schema-validator.js'
import {SourceLocator, firstContentLine, scanSequenceItemLines} from './source-positions.js'
import type {LoadedCatalog, LoadedProduct} from './types.js'
import {appendAll} from '../collections/append-all.js'

export interface LoadCatalogOptions {
  /** Files larger than this are refused unread (default 20 MB). */
  maxFileBytes?: number
  /**
   * Load only these product files (catalog-relative, `products/tees.yaml`); every other file is loaded as
   * usual. The catalog is then partial: a stock row or price record naming a SKU of a product file left
   * out is not flagged. A delta plan uses it (src/delta/narrow-catalog.ts), having checked by other means
   * that what it leaves out was valid and is unchanged.
   */
  onlyProductFiles?: ReadonlySet<string>
  /** Load only `catalogctl.yaml` (to connect to the store before knowing which products to load). */
  onlyConfig?: boolean
  /** Leave price-list files unread (a partial load for a plan whose scope has no pricing). */
  skipPriceLists?: boolean
}

const labels: Record<SchemaKind, string> = {
  catalogctl: 'catalogctl.yaml',
  product: 'the product',
  categories: 'categories.yaml',
  template: 'the template',
  inventory: 'the inventory file',
  'price-list': 'the price list',
  schedules: 'schedules.yaml',
}

/**
 * What we keep per file: the problems found in it and where to re-read it. Its text is held only while the
 * file is processed: 100,000 product files are ~450 MB of text, re-read only for the few with problems.
 */
interface SourceState {
  text?: string | undefined
  absPath?: string
  itemLines?: number[]
  pending: PendingDiagnostic[]
}

/**
 * Loads and validates a catalog folder. Never throws for bad input: every problem — unreadable,
 * malformed or schema-invalid files, broken references — is in `diagnostics` with file, line and column.
 * Parsing uses js-yaml (fast); only files with problems are re-parsed with `yaml` to find positions.
 */
export async function loadCatalog(dir = 'catalog', options: LoadCatalogOptions = {}): Promise<LoadedCatalog> {
  const displayDir = path.normalize(dir).replace(/[\\/]+$/, '') || '.'
  const absDir = path.resolve(dir)
  const states = new Map<string, SourceState>()
  const stateOf = (file: string): SourceState => {
    let state = states.get(file)
    if (!state) states.set(file, (state = {pending: []}))
    return state
  }
  const report: Report = (file, diagnostic) => stateOf(file).pending.push(diagnostic)

  const discovered = await discoverCatalogFiles(absDir, displayDir)
  const {problems} = discovered
  const only = options.onlyConfig ? new Set<string>() : options.onlyProductFiles
  const files = discovered.files.filter((file) =>
    options.onlyConfig
      ? file.kind === 'config'
      : file.kind === 'price-list'
        ? !options.skipPriceLists
        : !only || file.kind !== 'product' || only.has(catalogRelativePath(absDir, file)),
  )
  for (const problem of problems) report(problem.displayPath, problem.diagnostic)

  const products: ProductEntry[] = []
  const extraSkus: string[] = []
  const parsed = readAndParse(files, options.maxFileBytes ?? defaultMaxFileBytes, stateOf, report, (file, data, state) =>
    loadProducts(file, data, state, products, extraSkus, report),
  )

  const valid = <T>(kind: SchemaKind, file: CatalogFile | undefined, data: unknown): T | undefined => {
    if (!file) return undefined
    const problems = validateAgainstSchema(kind, data, [], labels[kind])
    for (const problem of problems) report(file.displayPath, problem)
    return problems.length === 0 ? (data as T) : undefined
  }
  const withDefaults = <T>(kind: SchemaKind): T => {
    const data = {}
    validateAgainstSchema(kind, data)
    return data as T
  }
  const single = (kind: CatalogFile['kind']): {file?: CatalogFile; data?: unknown} =>
    parsed.others.find((p) => p.file.kind === kind) ?? {}

  const configDoc = single('config')
  const config = valid<CatalogctlConfig>('catalogctl', configDoc.file, configDoc.data)
  const categoriesDoc = single('categories')
  const categories = valid<CategoriesFile>('categories', categoriesDoc.file, categoriesDoc.data)
  const templateDoc = single('template')
  const template = valid<TemplateFile>('template', templateDoc.file, templateDoc.data)
  const schedulesDoc = single('schedules')
  const schedules = valid<SchedulesFile>('schedules', schedulesDoc.file, schedulesDoc.data)

  const inventory: InventoryEntry[] = []
  const priceLists: PriceListEntry[] = []
  // A partial load keeps the stock and price rows of the products it loaded, before they are validated:
  // the others (1.2 million price records at 100,000 products) are in files unchanged since last checked.
  const rowsOf = only ? rowsOfSkus(products, extraSkus) : (data: unknown) => data
  for (const {file, data} of parsed.others) {
    const state = stateOf(file.displayPath)
    if (file.kind === 'inventory') {
      const doc = valid<InventoryFile>('inventory', file, rowsOf(data, 'stock'))
      if (doc) appendAll(inventory, inventoryRowsFromYaml(doc, file.displayPath, state.text ?? ''))
    } else if (file.kind === 'inventory-csv') {
      const {rows, problems} = inventoryRowsFromCsv(state.text ?? '', file.displayPath)
      appendAll(inventory, rows)
      for (const problem of problems) report(file.displayPath, problem)
    } else if (file.kind === 'price-list') {
      const doc = valid<PriceListFile>('price-list', file, rowsOf(data, 'prices'))
      if (doc) priceLists.push({data: doc, source: {file: file.displayPath, line: firstContentLine(state.text ?? '')}})
    }
    state.text = undefined
  }

  const input: CheckInput = {
    config,
    configFile: configDoc.file?.displayPath ?? path.join(displayDir, 'catalogctl.yaml'),
    products,
    extraSkus,
    unloadedProductFiles: unloadedProductFiles(files, parsed.loadedProducts),
    partial: only !== undefined,
    categories,
    categoriesFile: categoriesDoc.file?.displayPath ?? path.join(displayDir, 'categories.yaml'),
    template,
    templateFile: templateDoc.file?.displayPath ?? '',
    inventory,
    priceLists,
    schedules,
    schedulesFile: schedulesDoc.file?.displayPath ?? '',
  }
  runChecks(input, report)
  if (problems.length === 0 && !only && files.every((f) => f.kind !== 'product'))
    report(path.join(displayDir, 'products'), {
      severity: 'warning',
      rule: 'catalog/no-products',
      message: 'the catalog has no products',
      hint: 'Add YAML files under products/.',
      at: {line: 1, col: 1},
    })

  const effectiveTemplate = template ?? withDefaults<TemplateFile>('template')
  return {
    dir: displayDir,
    config: config ?? withDefaults<CatalogctlConfig>('catalogctl'),
    // Attach `source` in place: copying 10,000 products would double the garbage for nothing.
    products: products.map(({product, source}) => Object.assign(product, {source}) as LoadedProduct),
    categories: categories ?? withDefaults<CategoriesFile>('categories'),
    template: effectiveTemplate,
    inventory: inventory.map(({sku, location, quantity, source}) => ({sku, location, quantity, source})),
    priceLists: priceLists.map(({data, source}) => ({...data, source})),
    schedules: schedules ?? withDefaults<SchedulesFile>('schedules'),
    diagnostics: resolveDiagnostics(states),
    ...(only ? {partial: true} : {}),
    stats: {
      files: files.length,
      products: products.length,
      variants: products.reduce((sum, {product}) => sum + (product.variants?.length ?? 0), 0),
    },
  }
}

/**
 * For a partial load: a document with its `field` map (`stock` or `prices`, keyed by SKU) cut down to the
 * SKUs of the loaded products and variants. Anything else is returned as it is, for validation to judge.
 */
function rowsOfSkus(products: readonly ProductEntry[], extraSkus: readonly string[]): (data: unknown, field: string) => unknown {
  const keys = new Set(extraSkus.map((sku) => sku.toLowerCase()))
  for (const {product} of products) {
    keys.add(product.sku.toLowerCase())
    for (const variant of product.variants ?? []) keys.add(variant.sku.toLowerCase())
  }
  return (data, field) => {
    const rows = (data as Record<string, unknown> | null)?.[field]
    if (typeof rows !== 'object' || rows === null || Array.isArray(rows)) return data
    const kept: Record<string, unknown> = {}
    for (const sku in rows) if (keys.has(sku.toLowerCase())) kept[sku] = (rows as Record<string, unknown>)[sku]
    return {...(data as Record<string, unknown>), [field]: kept}
  }
}

/** `products/tees.yaml` for `<dir>/products/tees.yaml`, with forward slashes on every platform. */
export function catalogRelativePath(absDir: string, file: CatalogFile): string {
  return path.relative(absDir, file.absPath).split(path.sep).join('/')
}

/** Product files that could not be read or parsed (a Set: `parsed.some` per file was quadratic). */
function unloadedProductFiles(files: CatalogFile[], loaded: ReadonlySet<CatalogFile>): string[] {
  return files.filter((file) => file.kind === 'product' && !loaded.has(file)).map((file) => file.displayPath)
}

/**
 * Reads and parses every file. Product files go to `loadProduct` as they are parsed, and their text is
 * dropped at once; the other files (settings, stock, price lists) are returned with their text kept.
 */
function readAndParse(
  files: CatalogFile[],
  maxBytes: number,
  stateOf: (file: string) => SourceState,
  report: Report,
  loadProduct: (file: CatalogFile, data: unknown, state: SourceState) => void,
): {others: Array<{file: CatalogFile; data: unknown}>; loadedProducts: Set<CatalogFile>} {
  const others: Array<{file: CatalogFile; data: unknown}> = []
  const loadedProducts = new Set<CatalogFile>()
  for (const file of files) {
    const read = readSourceText(file.absPath, maxBytes)
    if (!read.ok) {
      report(file.displayPath, read.diagnostic)
      continue
    }
    const state = stateOf(file.displayPath)
    state.absPath = file.absPath
    state.text = read.text
    if (file.kind === 'inventory-csv') {
      others.push({file, data: undefined})
      continue
    }
    const parsed = parseYamlText(read.text)
    if (!parsed.ok) report(file.displayPath, parsed.diagnostic)
    else if (file.kind !== 'product') {
      others.push({file, data: parsed.data})
      continue
    } else {
      loadProduct(file, detachStrings(parsed.data), state)
      loadedProducts.add(file)
    }
    state.text = undefined
  }
  return {others, loadedProducts}
}

function loadProducts(
  file: CatalogFile,
  data: unknown,
  state: SourceState,
  products: ProductEntry[],
  extraSkus: string[],
  report: Report,
): void {
  const text = state.text ?? ''
  if (Array.isArray(data)) {
    const scanned = scanSequenceItemLines(text)
    if (scanned && scanned.length === data.length) state.itemLines = scanned
    const locator = new SourceLocator(text, state.itemLines)
    data.forEach((item: unknown, index) => {
      const problems = validateAgainstSchema('product#item', item, [index], `product ${index + 1}`)
      const line = state.itemLines?.[index] ?? locator.locate([index]).line
      accept(item, problems, [index], line)
    })
  } else if (data !== null && typeof data === 'object') {
    accept(data, validateAgainstSchema('product#item', data, [], 'the product'), [], firstContentLine(text))
  } else {
    report(file.displayPath, {
      severity: 'error',
      rule: 'schema/type',
      message: 'a product file must hold a product (a mapping) or a list of products',
      hint: 'Start with `sku: ...` for one product, or `- sku: ...` for a list.',
      at: {path: []},
    })
  }

  function accept(item: unknown, problems: PendingDiagnostic[], path: (string | number)[], line: number): void {
    for (const problem of problems) report(file.displayPath, problem)
    if (problems.length === 0) products.push({product: item as Product, source: {file: file.displayPath, line}, path})
    else {
      // Keep its SKUs known, so inventory and price lists are not flagged for a product that is merely invalid.
      const candidate = item as {sku?: unknown; variants?: unknown} | null
      if (typeof candidate?.sku === 'string') extraSkus.push(candidate.sku)
      if (Array.isArray(candidate?.variants))
        for (const variant of candidate.variants as Array<{sku?: unknown} | null>)
          if (typeof variant?.sku === 'string') extraSkus.push(variant.sku)
    }
  }
}

function runChecks(input: CheckInput, report: Report): void {
  if (input.config) checkConfig(input.config, input.configFile, report)
  if (input.categories) checkCategories(input.categories, input.categoriesFile, report)
  if (input.schedules) checkSchedules(input.schedules, input.schedulesFile, report)
  if (input.template) checkTemplate(input.template, input.products, input.templateFile, report)
  const template = input.template ?? defaultTemplate()
  for (const entry of input.products) checkProduct(entry, template, input.categories, report)
  checkReferences(input, report)
}

let cachedDefaultTemplate: TemplateFile | undefined
function defaultTemplate(): TemplateFile {
  if (!cachedDefaultTemplate) {
    const data = {}
    validateAgainstSchema('template', data)
    cachedDefaultTemplate = data as TemplateFile
  }
  return cachedDefaultTemplate
}

/** Turns document paths into line:col, parsing with `yaml` only the files (or list items) that have problems. */
function resolveDiagnostics(states: Map<string, SourceState>): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const [file, state] of states) {
    if (state.pending.length === 0) continue
    const text = state.text ?? rereadText(state)
    const locator = text === undefined ? undefined : new SourceLocator(text, state.itemLines)
    for (const pending of state.pending) {
      const position =
        'line' in pending.at ? pending.at : (locator?.locate(pending.at.path, pending.at.target) ?? {line: 1, col: 1})
      diagnostics.push({
        file,
        line: position.line,
        col: position.col,
        severity: pending.severity,
        message: pending.message,
        rule: pending.rule,
        ...(pending.hint === undefined ? {} : {hint: pending.hint}),
      })
    }
  }
  return diagnostics.sort(compareDiagnostics)
}

/** The text of a file whose text was dropped after loading: a check found a problem in it later. */
function rereadText(state: SourceState): string | undefined {
  if (state.absPath === undefined) return undefined
  const read = readSourceText(state.absPath, Number.MAX_SAFE_INTEGER)
  return read.ok ? read.text : undefined
}
