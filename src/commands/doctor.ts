import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {startEmbeddedSandbox} from '../connection/embedded-sandbox.js'
import {diagnoseStore, renderDoctorText, type DoctorReport} from '../doctor/index.js'

export default class Doctor extends BaseCommand {
  static override summary =
    'Check credentials, API scopes, catalog references and the rate limit against the store.'
  static override description = [
    'Runs, in order: credentials are set and GET /v2/time answers; every OAuth scope catalogctl needs (a harmless',
    'read each, and a no-op write to tell modify from read-only); every location in catalogctl.yaml exists and is',
    'enabled, customer groups named by price lists exist, the category tree and the channel exist; the store’s rate',
    'quota, plan and requests left. One line per check, with a fix for every failure. Exits 0 when all pass, 5 on',
    'credential or permission failures, 1 otherwise.',
  ].join(' ')

  static override enableJsonFlag = true

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --sandbox',
    '<%= config.bin %> <%= command.id %> --dir path/to/catalog --json',
    '<%= config.bin %> <%= command.id %> --read-only   # a token meant for plan only',
  ]

  static override flags = {
    dir: Flags.string({char: 'd', description: 'The catalog folder.', default: 'catalog'}),
    sandbox: Flags.boolean({
      description:
        'Check the embedded local sandbox store (.catalogctl/sandbox.json) instead of the environment.',
      default: false,
    }),
    'read-only': Flags.boolean({
      description: 'Accept read-only scopes (the token is only used for plan).',
      default: false,
    }),
    timeout: Flags.integer({description: 'Per-request timeout in milliseconds.', min: 100}),
    verbose: Flags.boolean({
      char: 'v',
      description: 'Log every request (method, path, status, rate-limit headers) to stderr.',
      default: false,
    }),
  }

  async run(): Promise<DoctorReport> {
    const {flags} = await this.parse(Doctor)
    const sandbox = flags.sandbox ? await startEmbeddedSandbox(flags.dir) : undefined
    const report = await diagnoseStore({
      dir: flags.dir,
      ...(sandbox
        ? {credentials: {baseUrl: sandbox.url, storeHash: sandbox.storeHash, accessToken: sandbox.token}}
        : {}),
      readOnlyOk: flags['read-only'],
      verbose: flags.verbose,
      ...(flags.timeout === undefined ? {} : {timeoutMs: flags.timeout}),
    }).finally(() => sandbox?.stop())
    if (this.jsonEnabled()) {
      if (report.exitCode !== 0) {
        this.logJson(report)
        this.exit(report.exitCode)
      }
      return report
    }
    this.log(renderDoctorText(report))
    if (report.exitCode !== 0) this.exit(report.exitCode)
    return report
  }
}
