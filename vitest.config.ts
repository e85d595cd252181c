import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // builds dist/ when src/ changed, and gives the run a temporary folder of its own
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end suites start servers on fixed loopback ports of their own; files run in parallel
    // processes, so each suite picks free ports (port 0) rather than shared ones.
    pool: 'forks',
    // Most files wait on child processes, sockets and timers rather than the CPU: one file more
    // than there are cores halves the suite's time on a 2-core machine (vitest's default is one less).
    maxWorkers: availableParallelism() + 1,
  },
});
