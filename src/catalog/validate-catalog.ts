import {appendStepSummary} from '../automation/step-summary.js'

import type {DiagnosticCounts} from './diagnostics.js'
import {countDiagnostics} from './diagnostics.js'
import type {Diagnostic} from './diagnostics.js'
import {formatSummary} from './format-diagnostics.js'
import {formatGithubAnnotations, formatStepSummary} from './github-annotations.js'
import type {LoadCatalogOptions} from './load-catalog.js'
import {loadCatalog} from './load-catalog.js'

/** The `validate --json` document. */
export interface ValidationReport {
  valid: boolean
  dir: string
  counts: DiagnosticCounts
  stats: {files: number; products: number; variants: number}
  summary: string
  diagnostics: Diagnostic[]
}

/** Loads the catalog and reports on it; `valid` is false when any diagnostic is an error. */
export async function validateCatalog(dir: string, options: LoadCatalogOptions = {}): Promise<ValidationReport> {
  const loaded = await loadCatalog(dir, options)
  const counts = countDiagnostics(loaded.diagnostics)
  return {
    valid: counts.errors === 0,
    dir: loaded.dir,
    counts,
    stats: loaded.stats,
    summary: formatSummary(loaded.diagnostics, loaded.stats, loaded.dir),
    diagnostics: loaded.diagnostics,
  }
}

/** In GitHub Actions: annotation lines to print, and the full list appended to the job summary. */
export async function githubActionsOutput(report: ValidationReport, env = process.env): Promise<string[]> {
  if (env.GITHUB_ACTIONS !== 'true') return []
  appendStepSummary(formatStepSummary(report.diagnostics, report.summary), env)
  return formatGithubAnnotations(report.diagnostics, env.GITHUB_WORKSPACE ?? process.cwd())
}
