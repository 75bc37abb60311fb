import {createInterface} from 'node:readline/promises'

import {ExitCode} from '../errors/exit-codes.js'
import {UserError} from '../errors/user-error.js'

/**
 * Terraform's confirmation: only `yes` applies. Without a terminal to ask on, apply needs `--yes`
 * (CI, schedules), so it never hangs waiting for input nobody can give.
 */
export async function confirmApply(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new UserError('apply needs confirmation, and there is no terminal to ask on', {
      code: 'apply.needs-confirmation',
      hint: 'Review the plan (catalogctl plan), then run apply with --yes.',
      exitCode: ExitCode.refused,
    })
  }
  const prompt = createInterface({input: process.stdin, output: process.stderr})
  try {
    const answer = await prompt.question(
      `${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `,
    )
    return answer.trim() === 'yes'
  } finally {
    prompt.close()
  }
}
