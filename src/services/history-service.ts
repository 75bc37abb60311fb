import path from 'node:path'

import {workspaceDir} from '../connection/workspace.js'
import {RunHistory} from '../history/run-history.js'

export function historyOf(catalogDir: string): RunHistory {
  return new RunHistory(path.join(workspaceDir(catalogDir), 'history'))
}
