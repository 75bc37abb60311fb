/**
 * The stress suites run reduced inside `npm test` and in full under `npm run chaos`
 * (CATALOGCTL_CHAOS=full). Seeds are fixed unless given, and printed, so a failure can be replayed.
 */
export function chaosLevel(): 'reduced' | 'full' {
  return process.env.CATALOGCTL_CHAOS === 'full' ? 'full' : 'reduced'
}

export function fuzzSeed(): number {
  const given = Number(process.env.CATALOGCTL_FUZZ_SEED)
  return Number.isInteger(given) && given !== 0 ? given : 20261203
}
