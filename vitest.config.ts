import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser suites start Chromium processes; on 2 cores running files one at a time keeps
    // call set-up times honest and the machine responsive.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/helpers/require-built-page.ts', 'test/helpers/isolated-data-dir.ts'],
  },
});
