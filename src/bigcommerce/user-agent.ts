import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * `catalogctl/<version>` from the package's own package.json, found by walking up from this file (the
 * same code runs from `src/` under tsx and from `dist/src/` when built). D-ABOUT asks integrations to send a
 * User-Agent that identifies them.
 */
function readVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let depth = 0; depth < 8; depth += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name === 'catalogctl' && pkg.version) return pkg.version
    } catch {
      // no package.json at this level: keep walking up
    }
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return '0.0.0'
}

export const catalogctlVersion = readVersion()

export const userAgent = `catalogctl/${catalogctlVersion} node/${process.versions.node}`
