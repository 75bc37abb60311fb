import {UserError} from '../errors/user-error.js'
import type {RunningSandbox, SandboxOptions} from './index.js'
import {startSandbox} from './index.js'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

/** Starts the sandbox for the CLI; refuses any non-loopback address (the sandbox is a local test double). */
export async function runSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  if (options.host !== undefined && !LOOPBACK.has(options.host)) {
    throw new UserError(`The sandbox only listens on loopback, not on ${options.host}.`, {
      code: 'sandbox.host-not-loopback',
      hint: 'Use --host 127.0.0.1 (the default).',
    })
  }
  if (options.failRate !== undefined && (options.failRate < 0 || options.failRate > 1)) {
    throw new UserError('--fail-rate must be between 0 and 1.', {code: 'sandbox.bad-fail-rate'})
  }
  try {
    return await startSandbox(options)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') {
      throw new UserError(`Port ${String(options.port)} is already in use.`, {
        code: 'sandbox.port-in-use',
        hint: 'Pick another --port, or 0 for a random one.',
      })
    }
    throw error
  }
}

/** What the command prints: the base URL and the three env lines (the only place the token appears). */
export function describeSandbox(sandbox: RunningSandbox): string {
  return [
    `BigCommerce sandbox listening on ${sandbox.url} (store hash ${sandbox.storeHash})`,
    '',
    `export BIGCOMMERCE_API_URL=${sandbox.env.BIGCOMMERCE_API_URL}`,
    `export BIGCOMMERCE_STORE_HASH=${sandbox.env.BIGCOMMERCE_STORE_HASH}`,
    `export BIGCOMMERCE_ACCESS_TOKEN=${sandbox.env.BIGCOMMERCE_ACCESS_TOKEN}`,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n')
}
