import {readFile} from 'node:fs/promises'
import path from 'node:path'

import type {CsvMapping} from '../../catalog/generated/index.js'
import type {Diagnostic, LoadedCatalog} from '../../catalog/index.js'
import {assertValid, loadCatalog} from '../../catalog/index.js'
import {schemasDirFor} from '../../catalog/scaffold-catalog.js'
import {ExitCode} from '../../errors/exit-codes.js'
import {UserError} from '../../errors/user-error.js'
import {detectExportLayout, exportColumnOf, mapExport} from './bigcommerce-export.js'
import {CatalogDocuments} from './catalog-documents.js'
import {addCategories} from './merge-categories.js'
import type {FeedEncoding} from './decode-feed.js'
import {decodeFeed, delimiterFromFlag} from './decode-feed.js'
import {assertGitRepo, commitImport, switchBranch} from './git-commit.js'
import type {ImportBatch, RowProblem} from './import-batch.js'
import {checkMappingColumns, mapFeed} from './map-feed.js'
import {loadMapping} from './mapping-file.js'
import type {ImportMode, ProductCounts} from './merge-products.js'
import {indexCatalog, mergeProducts} from './merge-products.js'
import {mergePrices} from './merge-prices.js'
import {mergeStock} from './merge-stock.js'
import {columnOf} from './transforms.js'
import type {WriteHooks} from './write-atomically.js'
import {
  commitStage,
  discardStage,
  isCommitted,
  recoverInterruptedImports,
  stageEdits,
} from './write-atomically.js'
import {readFeed} from './read-feed.js'
import {appendAll} from '../../collections/append-all.js'

export interface ImportCsvOptions {
  file: string
  mapping?: string
  dir: string
  mode: ImportMode
  encoding?: FeedEncoding | 'auto'
  delimiter?: string
  strict?: boolean
  commit?: boolean
  branch?: string
  hooks?: WriteHooks
}

/** The `import csv --json` document. */
export interface ImportCsvResult {
  file: string
  dir: string
  layout: ImportBatch['layout']
  encoding: FeedEncoding
  delimiter: 'comma' | 'semicolon' | 'tab'
  mode: ImportMode
  rows: number
  products: ProductCounts
  stock: {changed: number; removed: number}
  prices: {changed: number; removed: number}
  categoriesAdded: number
  /** Rows (or cells) that were not imported, by row number. */
  problems: RowProblem[]
  /** Catalog files written (or that would have been), relative to the catalog folder. */
  files: string[]
  written: boolean
  /** Why nothing was written, when `written` is false and there were changes. */
  refused?: 'strict' | 'invalid'
  /** Problems `validate` finds in the catalog as it would be after the import. */
  diagnostics: Diagnostic[]
  /** Files a previous, interrupted import had committed and this run completed. */
  recovered: string[]
  commit?: {sha: string; branch: string; message: string}
  exitCode: ExitCode
}

/**
 * Imports a spreadsheet, ERP export, supplier feed or BigCommerce product export into the catalog folder.
 * Reads → maps → merges in memory → stages the changed files → validates the would-be catalog → renames
 * into place (see write-atomically.ts) → optionally commits. Nothing is written when `--strict` finds a
 * bad row or when the result would not validate (exit 4).
 */
export async function importCsv(options: ImportCsvOptions): Promise<ImportCsvResult> {
  const absDir = path.resolve(options.dir)
  const recovered = await recoverInterruptedImports(absDir)
  if (options.commit) await assertGitRepo(absDir)
  if (options.branch) await switchBranch(absDir, options.branch)

  const bytes = await readFile(options.file).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`cannot read ${options.file}: ${error.code ?? error.message}`, {
      code: 'import.unreadable',
      exitCode: ExitCode.error,
    })
  })
  const mapping = options.mapping ? await loadMapping(options.mapping) : undefined
  const decoded = decodeFeed(bytes, {
    encoding: options.encoding ?? mapping?.csv?.encoding ?? 'auto',
    delimiter: delimiterFromFlag(options.delimiter ?? mapping?.csv?.delimiter) ?? 'auto',
  })
  const table = readFeed(decoded.text, decoded.delimiter)
  const fileName = path.basename(options.file)

  const loaded = await loadCatalog(options.dir)
  assertValidBefore(loaded)
  let batch: ImportBatch
  let columnFor: (field: string) => string | undefined
  if (mapping) {
    checkMappingColumns(mapping, table.header, fileName)
    checkMappingTargets(mapping, loaded, options.mode)
    batch = mapFeed(table, mapping)
    columnFor = (field) => {
      if (field === 'sku') return columnOf(mapping.sku)
      if (field === 'parent_sku') return mapping.parent_sku ? columnOf(mapping.parent_sku) : undefined
      const source = (mapping.fields as Record<string, CsvMapping['sku'] | undefined> | undefined)?.[field]
      return source ? columnOf(source) : undefined
    }
  } else {
    const layout = detectExportLayout(table.header)
    if (!layout)
      throw new UserError(`${fileName} is not a BigCommerce product export, and no --mapping was given`, {
        code: 'import.mapping-required',
        hint: "Write a mapping file (see README, 'import csv') naming the columns that hold the SKU, name, price…, and pass it with --mapping. BigCommerce exports (an `Item` or `Item Type` column) need none.",
        exitCode: ExitCode.error,
      })
    batch = mapExport(table, layout, defaultLocation(loaded))
    columnFor = (field) => exportColumnOf(layout, field)
  }

  const docs = new CatalogDocuments(absDir)
  const index = indexCatalog(loaded, absDir)
  const schemas = schemasDirFor(absDir)
  const modeline = (kind: string) => (rel: string) =>
    ` yaml-language-server: $schema=${path
      .relative(path.dirname(path.join(absDir, rel)), path.join(schemas, `${kind}.schema.json`))
      .split(path.sep)
      .join('/')}`
  const problems: RowProblem[] = [...batch.problems]
  let products: ProductCounts = {created: 0, updated: 0, unchanged: 0, variantsCreated: 0}
  let categoriesAdded = 0
  if (options.mode === 'merge' || options.mode === 'update') {
    const merged = mergeProducts(batch, options.mode, index, docs, {
      layout: mapping?.layout ?? '{sku}.yaml',
      modeline: modeline('product'),
      columnOf: columnFor,
    })
    products = merged.counts
    appendAll(problems, merged.problems)
    categoriesAdded = addCategories(merged.categories, loaded, docs, modeline('categories'))
  }
  let stock = {changed: 0, removed: 0}
  if (options.mode !== 'replace-prices') {
    const merged = mergeStock(
      batch,
      options.mode === 'replace-stock',
      loaded,
      index,
      docs,
      modeline('inventory'),
    )
    stock = {changed: merged.changed, removed: merged.removed}
    appendAll(problems, merged.problems)
  }
  let prices = {changed: 0, removed: 0}
  if (options.mode !== 'replace-stock') {
    const merged = mergePrices(batch, options.mode === 'replace-prices', loaded, index, docs)
    prices = {changed: merged.changed, removed: merged.removed}
    appendAll(problems, merged.problems)
  }
  problems.sort((a, b) => a.row - b.row)

  const edits = docs.edits()
  const result: ImportCsvResult = {
    file: options.file,
    dir: options.dir,
    layout: batch.layout,
    encoding: decoded.encoding,
    delimiter: ({',': 'comma', ';': 'semicolon', '\t': 'tab'} as const)[decoded.delimiter],
    mode: options.mode,
    rows: batch.rows,
    products,
    stock,
    prices,
    categoriesAdded,
    problems,
    files: edits.map((edit) => edit.rel),
    written: false,
    diagnostics: [],
    recovered,
    exitCode: problems.length > 0 ? ExitCode.partial : ExitCode.ok,
  }
  if (options.strict && problems.length > 0) return {...result, refused: 'strict', exitCode: ExitCode.refused}
  if (edits.length === 0) return result

  const stage = await stageEdits(absDir, edits)
  try {
    const preview = await loadCatalog(stage.preview)
    result.diagnostics = preview.diagnostics.map((d) => ({
      ...d,
      file: path.join(options.dir, path.relative(stage.preview, path.resolve(d.file))),
    }))
    if (result.diagnostics.some((d) => d.severity === 'error')) {
      await discardStage(stage)
      return {...result, refused: 'invalid', exitCode: ExitCode.invalidCatalog}
    }
    await commitStage(absDir, stage, options.hooks)
  } catch (error) {
    // Past the commit point (the journal exists) the stage must stay: the next import rolls it forward.
    if (!isCommitted(stage)) await discardStage(stage).catch(() => undefined)
    throw error
  }
  result.written = true
  if (options.commit) {
    const message = commitMessage(result, fileName)
    result.commit = {...(await commitImport(absDir, result.files, message)), message}
  }
  return result
}

function assertValidBefore(loaded: LoadedCatalog): void {
  try {
    assertValid(loaded)
  } catch (error) {
    if (error instanceof UserError)
      throw new UserError(`${error.message}\nFix the catalog before importing into it.`, {
        code: error.code,
        ...(error.hint === undefined ? {} : {hint: error.hint}),
        exitCode: error.exitCode,
      })
    throw error
  }
}

/** Refuses a mapping whose locations or price lists the catalog does not have, before anything is read. */
function checkMappingTargets(mapping: CsvMapping, loaded: LoadedCatalog, mode: ImportMode): void {
  const locations = Object.keys(loaded.config.locations ?? {})
  for (const location of Object.keys(mapping.stock ?? {}))
    if (!locations.includes(location))
      throw new UserError(
        `the mapping's stock location ${JSON.stringify(location)} is not declared in catalogctl.yaml`,
        {
          code: 'import.unknown-location',
          hint: `Declared locations: ${locations.join(', ') || '(none)'}. Add it under \`locations:\` first.`,
          exitCode: ExitCode.error,
        },
      )
  const lists = loaded.priceLists.map((list) => list.name)
  for (const list of Object.keys(mapping.price_lists ?? {}))
    if (!lists.includes(list))
      throw new UserError(`the mapping's price list ${JSON.stringify(list)} is not in price-lists/`, {
        code: 'import.unknown-price-list',
        hint: `Price lists: ${lists.join(', ') || '(none)'}. Create its file (name, currency, customer_groups) first.`,
        exitCode: ExitCode.error,
      })
  if (mode === 'replace-stock' && Object.keys(mapping.stock ?? {}).length === 0)
    throw new UserError('--mode replace-stock needs a mapping with `stock` columns', {
      code: 'import.mode',
      exitCode: ExitCode.error,
    })
  if (mode === 'replace-prices' && Object.keys(mapping.price_lists ?? {}).length === 0)
    throw new UserError('--mode replace-prices needs a mapping with `price_lists` columns', {
      code: 'import.mode',
      exitCode: ExitCode.error,
    })
}

/** BigCommerce exports carry one stock column: the store's default location (id 1), or the only one. */
function defaultLocation(loaded: LoadedCatalog): string | undefined {
  const entries = Object.entries(loaded.config.locations ?? {})
  return (
    entries.find(([, location]) => location?.id === 1)?.[0] ??
    (entries.length === 1 ? entries[0]?.[0] : undefined)
  )
}

export function commitMessage(result: ImportCsvResult, fileName: string): string {
  const parts = [`${result.products.created} new, ${result.products.updated} updated products`]
  if (result.stock.changed + result.stock.removed > 0)
    parts.push(`${result.stock.changed + result.stock.removed} stock levels`)
  if (result.prices.changed + result.prices.removed > 0)
    parts.push(`${result.prices.changed + result.prices.removed} price-list records`)
  return `import: ${parts.join(', ')} from ${fileName}`
}
