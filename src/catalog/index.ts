/**
 * The catalog format: load a catalog folder with source positions, validate it (JSON Schemas + semantic
 * rules) and hand typed data to the rest of catalogctl.
 *
 *   const catalog = await loadCatalog('catalog')   // never throws for bad input
 *   assertValid(catalog)                           // UserError, exit 4, when there are errors
 */
export {loadCatalog} from './load-catalog.js'
export type {LoadCatalogOptions} from './load-catalog.js'
export {assertValid} from './assert-valid.js'
export type {Diagnostic, Severity} from './diagnostics.js'
export {countDiagnostics, hasErrors} from './diagnostics.js'
export {formatDiagnostic, formatSummary} from './format-diagnostics.js'
export {formatGithubAnnotations, formatStepSummary} from './github-annotations.js'
export {customFieldsOf} from './template-mapping.js'
export type {CustomFieldValue} from './template-mapping.js'
export type {InventoryRow, LoadedCatalog, LoadedPriceList, LoadedProduct, SourceRef} from './types.js'
export type * from './generated/index.js'
export {githubActionsOutput, validateCatalog} from './validate-catalog.js'
export type {ValidationReport} from './validate-catalog.js'
export {scaffoldCatalog} from './scaffold-catalog.js'
export type {ScaffoldResult} from './scaffold-catalog.js'
