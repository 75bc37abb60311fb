import {Command} from '@oclif/core'

import {appendStepSummary} from '../automation/step-summary.js'
import {ExitCode} from '../errors/exit-codes.js'
import {isUserError, type UserError} from '../errors/user-error.js'
import {explainStoreError} from '../connection/store-errors.js'

/**
 * The base of every catalogctl command. Commands only translate: parse flags, call one service,
 * hand the result to a renderer. This class turns errors into the documented exit codes:
 * a UserError prints its message and hint (no stack), a request the store failed is explained the same
 * way (src/connection/store-errors.ts); anything else is a bug.
 */
export abstract class BaseCommand extends Command {
  /**
   * In GitHub Actions (`GITHUB_STEP_SUMMARY` set) every command's summary goes to the job summary, through
   * this one method; elsewhere it does nothing.
   */
  protected writeStepSummary(markdown: string): void {
    appendStepSummary(markdown)
  }

  protected override async catch(
    error: Error & {exitCode?: number; oclif?: {exit?: number}},
  ): Promise<unknown> {
    if (error.oclif?.exit !== undefined) throw error // this.exit() and oclif's own parse errors
    const explained = explainStoreError(error)
    if (isUserError(explained)) return this.reportUserError(explained)
    const detail = process.env.DEBUG ? `\n${error.stack ?? ''}` : ''
    this.logToStderr(`Error: ${error.message}${detail}`)
    this.logToStderr('This looks like a bug in catalogctl. Run again with DEBUG=catalogctl* for details.')
    return this.exit(ExitCode.error)
  }

  private reportUserError(error: UserError): unknown {
    if (this.jsonEnabled()) {
      this.logJson({error: {code: error.code, message: error.message, hint: error.hint, where: error.where}})
    } else {
      const where = error.where ? `${error.where}: ` : ''
      this.logToStderr(`Error: ${where}${error.message}`)
      if (error.hint) this.logToStderr(`Hint: ${error.hint}`)
    }
    return this.exit(error.exitCode)
  }
}
