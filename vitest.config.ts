import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Four tiers run by `npm run test:unit`: pure logic (node, no database: tests/unit/tier.test.ts checks it),
// components (jsdom + fake-indexeddb), integration (node: phones' stores and the sync engine against the server
// app in process on PGlite, server code called directly) and server (node: HTTP and processes on a real
// PostgreSQL and on PGlite). End-to-end tests have their own config.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: ['tests/setup-zod.ts', 'tests/setup-english.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.ts'],
          setupFiles: ['tests/setup-zod.ts', 'tests/component/setup.ts', 'tests/setup-english.ts'],
          // A whole app renders in jsdom with a real (fake-indexeddb) store: 3 to 6 s on a busy 2-core machine.
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          setupFiles: ['tests/setup-zod.ts', 'tests/setup-english.ts'],
          // Each file opens its own PGlite (a few seconds to start) and runs several simulated phones.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['tests/server/**/*.test.ts', 'tests/security/**/*.test.ts'],
          setupFiles: ['tests/setup-zod.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
