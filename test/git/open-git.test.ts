import {describe, expect, it} from 'vitest'

import {gitEnvironment, openGit} from '../../src/git/open-git.js'

describe('gitEnvironment', () => {
  it("keeps what git reads and drops catalogctl's secrets (simple-git logs git's environment under DEBUG)", () => {
    const kept = gitEnvironment({
      PATH: '/usr/bin',
      HOME: '/home/ci',
      LC_ALL: 'C.UTF-8',
      GIT_SSH_COMMAND: 'ssh -i deploy_key',
      GIT_AUTHOR_NAME: 'Catalog Bot',
      SSH_AUTH_SOCK: '/tmp/agent.sock',
      HTTPS_PROXY: 'http://proxy:3128',
      BIGCOMMERCE_ACCESS_TOKEN: 'token',
      CATALOGCTL_SMTP_URL: 'smtp://u:p@host',
      CATALOGCTL_WEBHOOK_TOKEN: 'serve',
      CATALOGCTL_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/x',
      GITHUB_TOKEN: 'ghs_x',
      UNSET: undefined,
    })
    expect(kept).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/ci',
      LC_ALL: 'C.UTF-8',
      SSH_AUTH_SOCK: '/tmp/agent.sock',
      HTTPS_PROXY: 'http://proxy:3128',
    })
  })

  it('is an environment simple-git accepts, with every kept variable set', async () => {
    const everything = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Bot',
      EDITOR: 'vi',
      XDG_CONFIG_HOME: '/tmp/none',
      TZ: 'UTC',
      SSH_AUTH_SOCK: '/tmp/none.sock',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      GIT_SSL_CAINFO: '/etc/ssl/certs/ca-certificates.crt',
    }
    const saved = process.env
    process.env = everything
    try {
      expect(await openGit(process.cwd()).checkIsRepo()).toBe(true)
    } finally {
      process.env = saved
    }
  })
})
