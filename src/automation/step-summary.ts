import {appendFileSync} from 'node:fs'

/** GitHub aborts a step summary over 1 MiB (ecosystem.md §A1.1); we stay well under it. */
export const STEP_SUMMARY_LIMIT = 1_000_000

/**
 * The one place commands write to the GitHub Actions job summary: when `GITHUB_STEP_SUMMARY` is set
 * (GitHub sets it for every step), the markdown is appended to that file; elsewhere nothing happens.
 * Over the cap, the text is cut at a line and says how much was left out. A summary that cannot be
 * written is a warning on stderr, never a failed command.
 */
export function appendStepSummary(
  markdown: string,
  env: Record<string, string | undefined> = process.env,
): boolean {
  const file = env['GITHUB_STEP_SUMMARY']
  if (!file) return false
  try {
    appendFileSync(file, `${capMarkdown(markdown, STEP_SUMMARY_LIMIT).trimEnd()}\n\n`)
    return true
  } catch (error) {
    process.stderr.write(`Warning: could not write the job summary: ${(error as Error).message}\n`)
    return false
  }
}

/** Cuts at the last full line under `limit` bytes, closing an open code fence, and says what was cut. */
export function capMarkdown(markdown: string, limit: number): string {
  if (Buffer.byteLength(markdown) <= limit) return markdown
  const lines = markdown.split('\n')
  const kept: string[] = []
  let size = 0
  const reserve = 200
  for (const line of lines) {
    const bytes = Buffer.byteLength(line) + 1
    if (size + bytes > limit - reserve) break
    kept.push(line)
    size += bytes
  }
  const fences = kept.filter((line) => line.trimStart().startsWith('```')).length
  const cut = lines.length - kept.length
  return `${kept.join('\n')}${fences % 2 === 1 ? '\n```' : ''}\n\n…${cut} more line(s) cut: GitHub keeps at most 1 MiB per step summary. The full output is in the job log.\n`
}
