import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time on this 2-core machine (vitest's default is cores − 1): most of a test's time is spent
    // waiting on the processes it starts (CLI, LibreOffice, workers), so two in flight keep both cores busy.
    maxWorkers: 2,
    globalSetup: ['tests/setup/parse-worker.ts'],
  },
});
