import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'
import type {LoadedCatalog} from './types.js'
import {countDiagnostics} from './diagnostics.js'
import {formatDiagnostic} from './format-diagnostics.js'

/** How many problems the error message lists before "…and N more". */
const listed = 20

/**
 * Throws a UserError (exit 4, code `catalog.invalid`) when the catalog has errors; warnings pass.
 * Commands that need a valid catalog (plan, apply) call this right after `loadCatalog`.
 */
export function assertValid(loaded: LoadedCatalog): void {
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length === 0) return
  const {errors: count} = countDiagnostics(loaded.diagnostics)
  const lines = errors.slice(0, listed).map(formatDiagnostic)
  if (errors.length > listed) lines.push(`…and ${errors.length - listed} more`)
  throw new UserError(`the catalog in ${loaded.dir} is invalid (${count} error${count === 1 ? '' : 's'}):\n${lines.join('\n')}`, {
    code: 'catalog.invalid',
    hint: `Run \`catalogctl validate --dir ${loaded.dir}\` for the full list; nothing was sent to the store.`,
    exitCode: ExitCode.invalidCatalog,
  })
}
