import type {MarkerOutcome} from './record-apply.js'

/** One line for stderr after an apply: where the next delta run will start from. */
export function describeMarker(outcome: MarkerOutcome): string {
  switch (outcome.status) {
    case 'advanced':
      return `Delta marker: the store now records commit ${outcome.commit.slice(0, 7)} for scope ${outcome.scopes.join(', ')}.`
    case 'kept':
      return `Delta marker not advanced (${outcome.reason}): the next delta run starts from the previous apply${outcome.retry > 0 ? ` and retries ${outcome.retry} record(s)` : ''}.`
    case 'none':
      return `No delta marker recorded (${outcome.reason}): the next delta run reads the whole store.`
  }
}
