import {spawn} from 'node:child_process'

import {gitEnvironment} from './open-git.js'

/**
 * Repository-relative paths of the files under `pathspec` (tracked or untracked, not ignored, as they are
 * in the working tree) whose text contains any of `needles`, ignoring case: one `git grep -F -i -l` for
 * all of them (patterns on stdin), so 1,000 SKUs over 100,000 files is one pass of git's C code instead
 * of parsing 100,000 YAML files. A text search: a file that spells a value with YAML escapes is not
 * found, so callers treat "not found" as "unknown" and fall back to loading everything.
 */
export async function filesMentioning(
  root: string,
  pathspec: string,
  needles: readonly string[],
): Promise<Set<string>> {
  const patterns = [...new Set(needles.filter((needle) => needle !== '' && !needle.includes('\n')))]
  if (patterns.length === 0) return new Set()
  const git = spawn(
    'git',
    ['grep', '--untracked', '-l', '-z', '-I', '-i', '-F', '--no-color', '-f', '-', '--', pathspec],
    {cwd: root, env: gitEnvironment(), stdio: 'pipe'},
  )
  const chunks: Buffer[] = []
  let stderr = ''
  git.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
  git.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number>((resolve, reject) => {
    git.on('error', reject)
    git.on('close', (code) => resolve(code ?? 2))
  })
  git.stdin.end(`${patterns.join('\n')}\n`)
  const code = await exited
  // git grep exits 1 when nothing matched.
  if (code === 1) return new Set()
  if (code !== 0) throw new Error(`git grep exited ${code}: ${stderr.trim()}`)
  return new Set(
    Buffer.concat(chunks)
      .toString('utf8')
      .split('\0')
      .filter((file) => file !== ''),
  )
}
