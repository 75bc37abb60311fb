import {simpleGit, type SimpleGit} from 'simple-git'

/**
 * What git inherits from catalogctl's environment: what git, ssh and credential helpers read (paths, home,
 * locale, proxies, the ssh agent), never the store token, SMTP URL or webhook secrets.
 * simple-git logs a spawned git's whole environment under `DEBUG=simple-git*` (or `DEBUG=*`), so handing git
 * everything would print every secret in a debug log. Variables simple-git guards (every GIT_*, EDITOR,
 * PREFIX…) it drops from the ambient environment anyway and refuses when passed explicitly, so they are not
 * passed either: commit identity comes from git config, as it did before.
 */
const GIT_NEEDS =
  /^(PATH|PATHEXT|HOME|USER|USERNAME|LOGNAME|SHELL|TERM|TZ|LANG|LANGUAGE|LC_\w+|TMPDIR|TEMP|TMP|XDG_\w+|SSH_AUTH_SOCK|SSH_AGENT_PID|GNUPGHOME|(HTTPS?|NO|ALL)_PROXY|(https?|no|all)_proxy|SYSTEMROOT|SystemRoot|COMSPEC|ComSpec|WINDIR|APPDATA|LOCALAPPDATA|USERPROFILE|HOMEDRIVE|HOMEPATH|PROGRAMDATA|ProgramData)$/

export function gitEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && GIT_NEEDS.test(name)) kept[name] = value
  }
  return kept
}

/** simple-git in `baseDir`, with git's environment limited to what git needs (see `gitEnvironment`). */
export function openGit(baseDir: string): SimpleGit {
  return simpleGit({baseDir}).env(gitEnvironment())
}
