import {mkdir} from 'node:fs/promises'
import path from 'node:path'

import type {RunningSandbox} from '../sandbox/index.js'
import {workspaceDir} from './workspace.js'

/**
 * `--sandbox`: an in-process sandbox store persisted in `.catalogctl/sandbox.json` of the catalog's
 * repository, so a command runs without credentials or a second terminal. Loaded only when asked for:
 * a run against a real store never pays for the sandbox's modules.
 */
export async function startEmbeddedSandbox(catalogDir: string): Promise<RunningSandbox & {dataFile: string}> {
  const dataFile = path.join(workspaceDir(catalogDir), 'sandbox.json')
  await mkdir(path.dirname(dataFile), {recursive: true})
  const {startSandbox} = await import('../sandbox/index.js')
  return {...(await startSandbox({dataFile})), dataFile}
}
