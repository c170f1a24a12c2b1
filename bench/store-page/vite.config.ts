import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

// Builds the store benchmark page: the real store and the real session list screen, bundled like the app.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [svelte()],
  build: { outDir: fileURLToPath(new URL('../../.tmp/bench-store', import.meta.url)), emptyOutDir: true },
  logLevel: 'warn',
});
