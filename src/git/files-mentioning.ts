import {runGit} from './run-git.js'

/**
 * Repository-relative paths of the files under `pathspecs` (tracked or untracked, not ignored, as they are
 * in the working tree) whose text contains any of `needles`, ignoring case: one `git grep -F -i -l` for
 * all of them (patterns on stdin), so 1,000 SKUs over 100,000 files is one pass of git's C code instead
 * of parsing 100,000 YAML files. A text search: a file that spells a value with YAML escapes is not
 * found, so callers treat "not found" as "unknown" and fall back to loading everything.
 */
export async function filesMentioning(
  root: string,
  pathspecs: readonly string[],
  needles: readonly string[],
): Promise<Set<string>> {
  const patterns = [...new Set(needles.filter((needle) => needle !== '' && !needle.includes('\n')))]
  if (patterns.length === 0) return new Set()
  const {code, stdout, stderr} = await runGit(
    root,
    ['grep', '--untracked', '-l', '-z', '-I', '-i', '-F', '--no-color', '-f', '-', '--', ...pathspecs],
    `${patterns.join('\n')}\n`,
  )
  // git grep exits 1 when nothing matched.
  if (code === 1) return new Set()
  if (code !== 0) throw new Error(`git grep exited ${code}: ${stderr}`)
  return new Set(
    stdout
      .toString('utf8')
      .split('\0')
      .filter((file) => file !== ''),
  )
}
