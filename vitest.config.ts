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
  },
});
