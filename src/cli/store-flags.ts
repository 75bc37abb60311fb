import {Flags} from '@oclif/core'

/** Flags of every command that reads or writes a store. */
export const storeFlags = {
  dir: Flags.string({char: 'd', description: 'The catalog folder.', default: 'catalog'}),
  sandbox: Flags.boolean({
    description:
      'Run against the embedded local sandbox store, persisted in .catalogctl/sandbox.json of the catalog repository (no credentials needed).',
    default: false,
  }),
  concurrency: Flags.integer({
    description: 'Requests in flight at once (default: adapts to the store quota).',
    min: 1,
    max: 64,
  }),
  timeout: Flags.integer({description: 'Per-request timeout in milliseconds.', min: 100}),
  retries: Flags.integer({
    description:
      'Retries of a request that failed in a way worth retrying (429, 5xx, a dropped connection), with backoff; a POST is never retried blindly. Default 5.',
    min: 0,
    max: 10,
  }),
  verbose: Flags.boolean({
    char: 'v',
    description: 'Log every request (method, path, status, rate-limit headers) to stderr. Never the token.',
    default: false,
  }),
}

/** Flags that shape what a plan considers. */
export const planFlags = {
  scope: Flags.string({
    description:
      'Field group to plan: products (content), pricing (prices and price lists), inventory (locations and stock) or all.',
    options: ['all', 'products', 'pricing', 'inventory'],
    default: 'all',
  }),
  sku: Flags.string({
    description: 'Only products whose SKU matches this glob (case-insensitive; repeatable).',
    multiple: true,
  }),
  file: Flags.string({
    description: 'Only products declared in this file or folder (repeatable).',
    multiple: true,
  }),
  mode: Flags.string({
    description:
      "full reads every managed record; delta reads only what changed since the last successful apply of the scope (git + the store's date_modified), falling back to full with the reason.",
    options: ['full', 'delta'],
    default: 'full',
  }),
  'no-color': Flags.boolean({
    description: 'No ANSI colours (also: NO_COLOR=1 or a non-TTY stdout).',
    default: false,
  }),
}

export function useColor(noColorFlag: boolean): boolean {
  return Boolean(process.stdout.isTTY) && !noColorFlag && !process.env['NO_COLOR']
}

export function connectionOptions(flags: {
  dir: string
  sandbox: boolean
  concurrency?: number | undefined
  timeout?: number | undefined
  retries?: number | undefined
  verbose: boolean
}) {
  return {
    dir: flags.dir,
    sandbox: flags.sandbox,
    verbose: flags.verbose,
    ...(flags.concurrency === undefined ? {} : {concurrency: flags.concurrency}),
    ...(flags.timeout === undefined ? {} : {timeoutMs: flags.timeout}),
    ...(flags.retries === undefined ? {} : {retries: flags.retries}),
  }
}

export function selectionOptions(flags: {sku?: string[] | undefined; file?: string[] | undefined}) {
  return {...(flags.sku ? {skus: flags.sku} : {}), ...(flags.file ? {files: flags.file} : {})}
}
