#!/usr/bin/env node
import {handle, run} from '@oclif/core'

/**
 * Resolves once everything written to `stream` so far has been handed to the OS. A pipe takes 64 KB at a
 * time; the rest waits in Node's buffer, and process.exit() drops it.
 */
const drained = (stream) => new Promise((resolve) => stream.write('', () => resolve()))

// oclif's execute() ends an exit code other than 0 (this.exit) with process.exit(), which cut a 250 KB
// `apply --json` report at 219 KB when stdout was a pipe: drain stdout and stderr first.
await run(process.argv.slice(2), import.meta.url)
  .then(() => Promise.all([drained(process.stdout), drained(process.stderr)]))
  .catch(async (error) => {
    await Promise.all([drained(process.stdout), drained(process.stderr)])
    return handle(error)
  })
