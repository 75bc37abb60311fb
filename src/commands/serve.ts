import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {SYNC_PATH} from '../serve/http-api.js'
import {serveCatalog, TOKEN_ENV} from '../serve/serve-service.js'

export default class Serve extends BaseCommand {
  static override summary =
    'Run syncs on demand (HTTP trigger for an ERP) and on the schedules of schedules.yaml.'
  static override description = `Listens on --host:--port (default 127.0.0.1:8787; put a TLS proxy in front for other hosts):
  POST ${SYNC_PATH}   {"scope": "products|pricing|inventory|all", "mode": "delta|full"} → 202 {run_id}
  GET  /api/v1/runs/{id}, /api/v1/runs, /api/v1/schedules, /healthz
Every /api/v1 request needs "Authorization: Bearer <token>" with the token from ${TOKEN_ENV} (serve refuses
to start without it; ${TOKEN_ENV}_NEXT is also accepted while rotating). Before each run the catalog's
branch is pulled (git pull --ff-only; skipped outside git or without a remote), then the catalog is
applied in-process, as \`catalogctl apply --yes\` would, with the notifications of catalogctl.yaml. One run at a
time: a trigger for a scope that is already queued joins that run; other scopes queue behind.
The jobs of schedules.yaml run here too, in their time zones. SIGTERM/SIGINT stop taking triggers and wait
for the running apply up to --drain-timeout seconds.`

  static override examples = [
    `${TOKEN_ENV}=$(openssl rand -hex 32) <%= config.bin %> <%= command.id %> --dir catalog`,
    '<%= config.bin %> <%= command.id %> --dir catalog --sandbox --port 8787 --no-schedules',
    `curl -X POST -H "Authorization: Bearer $${TOKEN_ENV}" -H 'Content-Type: application/json' -d '{"scope":"inventory","mode":"delta"}' http://127.0.0.1:8787${SYNC_PATH}`,
  ]

  static override flags = {
    dir: Flags.string({char: 'd', description: 'The catalog folder.', default: 'catalog'}),
    port: Flags.integer({
      description: 'Port to listen on (0: any free port).',
      default: 8787,
      min: 0,
      max: 65535,
    }),
    host: Flags.string({description: 'Address to listen on.', default: '127.0.0.1'}),
    sandbox: Flags.boolean({
      description:
        'Apply to the embedded local sandbox store (.catalogctl/sandbox.json) instead of the real store.',
      default: false,
    }),
    'allow-deletes': Flags.boolean({
      description: 'Let runs apply the deletes and hides of the prune policy.',
      default: false,
    }),
    schedules: Flags.boolean({
      description: 'Run the jobs of schedules.yaml (--no-schedules: triggers only).',
      default: true,
      allowNo: true,
    }),
    'drain-timeout': Flags.integer({
      description: 'On SIGTERM, seconds to wait for the running apply before interrupting it.',
      default: 300,
      min: 0,
    }),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Serve)
    const log = (line: string) => this.logToStderr(`${new Date().toISOString()} ${line}`)
    const running = await serveCatalog({
      dir: flags.dir,
      host: flags.host,
      port: flags.port,
      sandbox: flags.sandbox,
      allowDeletes: flags['allow-deletes'],
      schedules: flags.schedules,
      log,
    })
    log(
      `catalogctl serve listening on ${running.url} (catalog ${flags.dir}, ${running.jobs} scheduled job(s))`,
    )
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log(`${signal}: no new runs; waiting up to ${flags['drain-timeout']} s for the running apply`)
        void running.close(flags['drain-timeout'] * 1000).then(({finished}) => {
          log(finished ? 'stopped' : 'stopped: the running apply was interrupted (see its history)')
          resolve()
        })
      }
      process.once('SIGTERM', () => stop('SIGTERM'))
      process.once('SIGINT', () => stop('SIGINT'))
    })
  }
}
