import {availableParallelism} from 'node:os'

import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core CI runner. The e2e files spend
    // much of their time waiting on CLI and sandbox child processes, so every core gets a worker.
    maxWorkers: availableParallelism(),
    globalSetup: ['test/helpers/global-setup.ts'],
    reporters: ['default'],
  },
})
