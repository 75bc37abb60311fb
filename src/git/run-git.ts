import {spawn} from 'node:child_process'

import {gitEnvironment} from './open-git.js'

/**
 * One git process fed `input` on stdin, its whole stdout kept as bytes: for the commands simple-git does
 * not stream well (`cat-file --batch`, `grep -f -`). Resolves with the exit code; never throws for one.
 */
export async function runGit(
  root: string,
  args: readonly string[],
  input: string,
): Promise<{code: number; stdout: Buffer; stderr: string}> {
  const git = spawn('git', [...args], {cwd: root, env: gitEnvironment(), stdio: 'pipe'})
  const chunks: Buffer[] = []
  let stderr = ''
  git.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
  git.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number>((resolve, reject) => {
    git.on('error', reject)
    git.on('close', (code) => resolve(code ?? 2))
  })
  git.stdin.end(input)
  const code = await exited
  return {code, stdout: Buffer.concat(chunks), stderr: stderr.trim()}
}
