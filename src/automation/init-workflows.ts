import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {loadCatalog} from '../catalog/index.js'
import {
  renderCallerWorkflow,
  renderReusableWorkflow,
  REUSABLE_WORKFLOW,
  CALLER_WORKFLOW,
} from './pull-request-workflows.js'
import {renderSchedules} from './render-schedules.js'
import {catalogDirInRepository, workflowsDirFor} from './repository-layout.js'
import {workflowContext} from './workflow-context.js'

export interface InitWorkflows {
  dir: string
  written: string[]
  /** Files that already existed: never overwritten. */
  kept: string[]
}

/**
 * `catalogctl init`'s GitHub part: the pull-request flow (reusable workflow + caller) and one workflow
 * per job of the new schedules.yaml, in the repository's `.github/workflows`. Existing files are kept.
 */
export async function writeInitWorkflows(catalogDir: string): Promise<InitWorkflows> {
  const catalog = await loadCatalog(catalogDir)
  const context = workflowContext(catalog.config, catalogDirInRepository(catalogDir))
  const schedules = await renderSchedules({dir: catalogDir})
  const files = [
    {name: REUSABLE_WORKFLOW, content: renderReusableWorkflow(context)},
    {name: CALLER_WORKFLOW, content: renderCallerWorkflow(context)},
    ...schedules.workflows,
  ]
  const dir = workflowsDirFor(catalogDir)
  await mkdir(dir, {recursive: true})
  const result: InitWorkflows = {dir, written: [], kept: []}
  for (const file of files) {
    const target = path.join(dir, file.name)
    try {
      await writeFile(target, file.content, {flag: 'wx'})
      result.written.push(target)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      result.kept.push(target)
    }
  }
  return result
}
