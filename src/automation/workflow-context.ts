import type {CatalogctlConfig} from '../catalog/generated/index.js'
import {DEFAULT_ENV_NAMES} from '../bigcommerce/environment.js'

/** What every generated workflow needs to know about the catalog repository. */
export interface WorkflowContext {
  /** The catalog folder relative to the repository root, POSIX separators (`catalog`). */
  catalogDir: string
  /** The GitHub Environment whose secrets the apply jobs use (required reviewers, branch filter). */
  environment: string
  /** Name of the variable holding the store hash (public, used for the concurrency group). */
  storeHashEnv: string
  /** Names of the variables that are secrets: the access token and the notification settings. */
  secretEnvs: string[]
  /** Name of the optional API URL variable. */
  apiUrlEnv: string
}

/** The environment names come from catalogctl.yaml (`store:` and `notifications:`), so renames follow. */
export function workflowContext(
  config: CatalogctlConfig,
  catalogDir: string,
  environment = 'production',
): WorkflowContext {
  const store = config.store ?? {}
  const notifications = config.notifications ?? {}
  const notificationEnvs = [
    ...(notifications.email ? [notifications.email.smtp_url_env ?? 'CATALOGCTL_SMTP_URL'] : []),
    ...(notifications.slack ? [notifications.slack.webhook_url_env ?? 'CATALOGCTL_SLACK_WEBHOOK_URL'] : []),
    ...(notifications.webhook ? [notifications.webhook.url_env ?? 'CATALOGCTL_WEBHOOK_URL'] : []),
    ...(notifications.webhook?.secret_env ? [notifications.webhook.secret_env] : []),
  ]
  return {
    catalogDir: catalogDir === '' ? '.' : catalogDir,
    environment,
    storeHashEnv: store.store_hash_env ?? DEFAULT_ENV_NAMES.storeHashEnv,
    apiUrlEnv: store.api_url_env ?? DEFAULT_ENV_NAMES.apiUrlEnv,
    secretEnvs: [store.access_token_env ?? DEFAULT_ENV_NAMES.accessTokenEnv, ...new Set(notificationEnvs)],
  }
}

/**
 * The `env:` lines of a job that talks to the store: the store hash is a repository or environment
 * VARIABLE (it is public: it is in every API path), the rest are `${{ secrets.X }}` of the GitHub
 * Environment. Nothing secret is ever written into a workflow file.
 */
export function storeEnvLines(context: WorkflowContext, indent: string): string[] {
  return [
    `${indent}${context.storeHashEnv}: \${{ vars.${context.storeHashEnv} }}`,
    ...context.secretEnvs.map((name) => `${indent}${name}: \${{ secrets.${name} }}`),
  ]
}

/** One concurrency group per store, shared by every apply workflow: applies queue, never overlap. */
export function applyConcurrencyLines(context: WorkflowContext, indent = ''): string[] {
  return [
    `${indent}concurrency:`,
    `${indent}  # One apply at a time per store; an apply is never cancelled halfway.`,
    `${indent}  group: catalogctl-apply-\${{ vars.${context.storeHashEnv} || github.repository }}`,
    `${indent}  cancel-in-progress: false`,
  ]
}

/** Checkout (full history: delta mode and --changed-since read git), Node 20 and `npm ci`. */
export function setupStepLines(indent: string): string[] {
  return [
    `${indent}- uses: actions/checkout@v4`,
    `${indent}  with:`,
    `${indent}    fetch-depth: 0`,
    `${indent}- uses: actions/setup-node@v4`,
    `${indent}  with:`,
    `${indent}    node-version: 20`,
    `${indent}    cache: npm`,
    `${indent}- run: npm ci`,
  ]
}

/** Run history as an artifact. `.catalogctl` is a hidden folder, which upload-artifact skips by default. */
export function historyArtifactLines(indent: string, name: string): string[] {
  return [
    `${indent}- name: Keep the run history`,
    `${indent}  if: always()`,
    `${indent}  uses: actions/upload-artifact@v4`,
    `${indent}  with:`,
    `${indent}    name: ${name}`,
    `${indent}    path: .catalogctl/history/`,
    `${indent}    include-hidden-files: true`,
    `${indent}    if-no-files-found: ignore`,
  ]
}

/** A YAML single-quoted scalar. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}
