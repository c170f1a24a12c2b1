import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Builds the sync benchmark page: the real local store and the real sync engine, bundled like the app. The real
// server serves it (STATIC_DIR), so the page calls the API on its own origin, as the PWA does.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: fileURLToPath(new URL('../../.tmp/bench-sync', import.meta.url)), emptyOutDir: true },
  logLevel: 'warn',
});
