import type {ApplyEvent} from './apply-event.js'

const headline: Record<ApplyEvent['outcome'], string> = {
  success: 'succeeded',
  partial: 'finished with failed records',
  failure: 'failed',
  refused: 'was refused',
}

export function notificationSubject(event: ApplyEvent): string {
  return `catalogctl apply ${headline[event.outcome]} - store ${event.store ?? '?'}, scope ${event.scope}`
}

/** Plain text for email bodies and Slack's `text`: the store, scope, commit, counts, first errors, history. */
export function notificationText(event: ApplyEvent): string {
  const {counts} = event
  const lines = [
    notificationSubject(event),
    '',
    `Store: ${event.store ?? 'unknown (the run stopped before reaching it)'}`,
    `Scope: ${event.scope} · mode: ${event.mode} · trigger: ${event.trigger}`,
    `Commit: ${event.commit ?? 'not in git'}`,
    `Exit code: ${event.exitCode}`,
    `Records: ${counts.applied} applied, ${counts.warning} with warnings, ${counts.failed} failed, ${counts.skipped} skipped (error rate ${(event.errorRate * 100).toFixed(1)} % of ${counts.attempted} attempted)`,
  ]
  if (event.error) lines.push(`Error: ${event.error}`)
  if (event.errors.length > 0) {
    lines.push('', `First ${event.errors.length} failed record(s):`)
    for (const error of event.errors)
      lines.push(
        `- ${error.kind} ${error.key} (${error.action}): ${error.status ? `${error.status} ` : ''}${error.message}`,
      )
  }
  lines.push(
    '',
    event.historyFile
      ? `Run ${event.runId ?? ''} is kept in ${event.historyFile} (catalogctl history show ${event.runId ?? ''}).`
      : 'No run history was written (the apply did not run).',
  )
  return lines.join('\n')
}

/** The JSON webhook body: Slack-compatible `text` plus the structured event. */
export function webhookBody(event: ApplyEvent): {text: string; catalogctl: ApplyEvent & {kind: 'apply'}} {
  return {text: notificationText(event), catalogctl: {kind: 'apply', ...event}}
}
