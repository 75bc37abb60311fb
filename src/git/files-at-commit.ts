import {runGit} from './run-git.js'

/**
 * The text of many files at one commit through a single `git cat-file --batch`, keyed by the path asked
 * (repository-relative); null where the commit has no such file. A delta plan after 1,000 product files
 * changed asked `git show` 1,000 times, and each spawn from a process holding a 100,000-product catalog
 * costs tens of milliseconds.
 */
export async function filesAtCommit(
  root: string,
  commit: string,
  files: readonly string[],
): Promise<Map<string, string | null>> {
  const texts = new Map<string, string | null>()
  if (files.length === 0) return texts
  const {
    code,
    stdout: output,
    stderr,
  } = await runGit(root, ['cat-file', '--batch'], files.map((file) => `${commit}:${file}\n`).join(''))
  if (code !== 0) throw new Error(`git cat-file --batch exited ${code}: ${stderr}`)
  let offset = 0
  for (const file of files) {
    const end = output.indexOf(0x0a, offset)
    if (end < 0) throw new Error(`git cat-file --batch ended before ${file}`)
    const header = output.subarray(offset, end).toString()
    offset = end + 1
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header)
    if (!match) {
      texts.set(file, null) // `<object> missing` (or ambiguous): not in that commit
      continue
    }
    const size = Number(match[2])
    texts.set(file, match[1] === 'blob' ? output.subarray(offset, offset + size).toString('utf8') : null)
    offset += size + 1
  }
  return texts
}
