import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app served by the real server, driven in Debian's Chromium by playwright-core.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
