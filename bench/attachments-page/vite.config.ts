import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Builds the attachments benchmark page: the real photo compression, local store, sync engine and upload queue
// (tus-js-client), bundled like the app. The real server serves it (STATIC_DIR), so the API is same-origin.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('../../.tmp/bench-attachments', import.meta.url)),
    emptyOutDir: true,
  },
  logLevel: 'warn',
});
