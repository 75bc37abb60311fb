import {execFileSync} from 'node:child_process'

/** End-to-end tests run the real, built CLI: build once before the suite. */
export default function setup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {stdio: 'inherit'})
}
