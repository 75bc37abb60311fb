import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {describeSandbox, runSandbox} from '../sandbox/run-sandbox.js'

export default class Sandbox extends BaseCommand {
  static override summary = 'Run a local, stateful BigCommerce API to test against'
  static override description =
    'Serves the BigCommerce V3/V2 catalog, inventory, price list and store endpoints on loopback, with ' +
    'BigCommerce status codes, error bodies and rate-limit headers. Prints the environment variables that ' +
    'point catalogctl (or any client) at it, and runs until interrupted.'

  static override examples = [
    '<%= config.bin %> sandbox',
    '<%= config.bin %> sandbox --port 4010 --data .catalogctl/sandbox.json',
    '<%= config.bin %> sandbox --quota 450 --fail-rate 0.05 --seed 42',
    '<%= config.bin %> sandbox --scopes store_v2_products_read_only',
  ]

  static override flags = {
    port: Flags.integer({
      description: 'Port to listen on (0 picks a free one).',
      default: 4010,
      min: 0,
      max: 65535,
    }),
    host: Flags.string({description: 'Loopback address to listen on.', default: '127.0.0.1'}),
    data: Flags.string({
      description: 'Persist the store in this JSON file (atomic writes) and reload it on start.',
    }),
    token: Flags.string({
      description: 'Access token clients must send as X-Auth-Token.',
      default: 'sandbox-token',
    }),
    'store-hash': Flags.string({description: 'Store hash in the API paths.', default: 'sandbox'}),
    scopes: Flags.string({
      description: 'Comma-separated OAuth scopes of the token (default: every modify scope).',
    }),
    quota: Flags.integer({description: 'Requests per rate-limit window.', default: 150, min: 1}),
    'window-ms': Flags.integer({description: 'Rate-limit window in milliseconds.', default: 30_000, min: 1}),
    'latency-ms': Flags.integer({description: 'Delay added to every API answer.', min: 0}),
    'fail-rate': Flags.string({description: 'Share of requests (0–1) answered with an injected fault.'}),
    seed: Flags.integer({description: 'Seed for reproducible faults.', default: 1}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Sandbox)
    const sandbox = await runSandbox({
      port: flags.port,
      host: flags.host,
      token: flags.token,
      storeHash: flags['store-hash'],
      quota: flags.quota,
      windowMs: flags['window-ms'],
      seed: flags.seed,
      ...(flags.data === undefined ? {} : {dataFile: flags.data}),
      ...(flags.scopes === undefined
        ? {}
        : {
            scopes: flags.scopes
              .split(',')
              .map((scope) => scope.trim())
              .filter(Boolean),
          }),
      ...(flags['latency-ms'] === undefined ? {} : {latencyMs: flags['latency-ms']}),
      ...(flags['fail-rate'] === undefined ? {} : {failRate: Number(flags['fail-rate'])}),
    })
    this.log(describeSandbox(sandbox))
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        void sandbox.stop().then(resolve)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
  }
}
