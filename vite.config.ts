import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { keepPreviousAssets } from './src/lib/pwa/keepPreviousAssets';
import { zodWithoutJsonSchema } from './src/lib/pwa/zodWithoutJsonSchema';
import { screenChunks } from './src/lib/pwa/screenChunks';
import { checkedTemplates } from './src/lib/pwa/checkedTemplates';

// What the home screen, then the record screens, need beyond the first screen: one chunk each (docs/pwa.md).
const screens = screenChunks(
  [
    { name: 'data', screens: [/[\\/]src[\\/]lib[\\/]db[\\/]index\.ts$/] },
    // What home shares with a record screen, apart: a draft or session opened by its address does not load home.
    { name: 'home-draft', screens: [/[\\/]ForYouHome\.svelte$/, /[\\/]DraftScreen\.svelte$/] },
    { name: 'home-session', screens: [/[\\/]ForYouHome\.svelte$/, /[\\/]SessionScreen\.svelte$/] },
    { name: 'home', screens: [/[\\/]ForYouHome\.svelte$/] },
    { name: 'record', screens: [/[\\/]DraftScreen\.svelte$/, /[\\/]SessionScreen\.svelte$/] },
  ],
  'app',
);

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
// Shown in Settings and on <html data-app-version>; a deploy sets it (the e2e update drill builds A and B with it).
process.env.VITE_APP_VERSION ??= pkg.version;

const keepAssets = keepPreviousAssets({ keep: 3 });

export default defineConfig({
  plugins: [
    svelte(),
    // Issue #14: zod's JSON Schema generator (~5 KB gzip) is never used on the phone; the server keeps it.
    zodWithoutJsonSchema(),
    keepAssets,
    screens.plugin,
    // Issue #14: the shipped templates checked at build time, not parsed on the phone as the data chunk loads.
    checkedTemplates(),
    VitePWA({
      // A new worker waits until the user accepts "Perbarui" (src/lib/pwa/register.ts): never reload under input.
      registerType: 'prompt',
      // We register ourselves with workbox-window (src/lib/pwa/register.ts).
      injectRegister: false,
      // Icons come from public/logo.svg via pwa-assets.config.ts (@vite-pwa/assets-generator, at build time).
      pwaAssets: { config: true, overrideManifestIcons: true },
      manifest: {
        id: '/',
        name: 'Rintis — Pendampingan Inovasi Pelayanan Publik',
        short_name: 'Rintis',
        description:
          'Catat sesi pendampingan, susun rancangan inovasi, dan periksa daftar periksa pelayanan publik, ' +
          'juga tanpa sinyal.',
        lang: 'id',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        // White text on this green is 7.9:1; the splash background is near-white behind the green mark.
        theme_color: '#0b5d3b',
        background_color: '#f6faf7',
        categories: ['productivity', 'government', 'education'],
        // The richer install dialog (Android: narrow; desktop: wide). Guest screens of the current build; not
        // precached (see globIgnores): only the install dialog shows them.
        screenshots: [
          {
            src: 'screenshots/narrow-360x740.png',
            sizes: '360x740',
            type: 'image/png',
            form_factor: 'narrow',
            label: 'Untuk Anda: sesi dan rancangan terakhir, juga tanpa sinyal',
          },
          {
            src: 'screenshots/wide-1280x800.png',
            sizes: '1280x800',
            type: 'image/png',
            form_factor: 'wide',
            label: 'Untuk Anda di layar lebar',
          },
        ],
        // A long press on the installed icon: the field worker's first action, and what waits for them.
        // The launcher icon (generated at build time, see pwaAssets) stands for both.
        shortcuts: [
          {
            name: 'Sesi baru',
            short_name: 'Sesi baru',
            description: 'Catat sesi pendampingan baru',
            url: '/sesi/baru',
            icons: [{ src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' }],
          },
          {
            name: 'Untuk Anda',
            short_name: 'Untuk Anda',
            description: 'Yang menunggu Anda: revisi, tinjauan, tindak lanjut',
            url: '/',
            icons: [{ src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' }],
          },
        ],
      },
      workbox: {
        // Precache: the shell, every JS/CSS chunk (lazy route chunks included, so every screen opens offline)
        // and the icons. Only the CURRENT build's hashed files: older ones stay on the server for old tabs.
        globPatterns: ['**/*.{js,css,html,svg,png,ico}'],
        // Except the DOCX writer (~66 KB gzip, used only to export): it would push the precache past its 250 KB
        // budget for a feature few open offline. It is cached on first use by the runtime rule below.
        // And the tus upload client (~16 KB gzip, the chunk Vite names after tus-js-client's `browser` entry):
        // uploads need the network anyway; it is cached when first used online, like the DOCX writer.
        // And the two screens that only work online (signing in, managing accounts: ~6 KB gzip with their CSS):
        // offline they say the page needs a connection (describeChunkError); cached once opened online.
        // And bulk import (its screen, exceljs ~256 KB gzip, papaparse ~7 KB): it needs the server anyway, and
        // exceljs alone is more than the whole budget. Cached on first use online, like the others.
        globIgnores: [
          '**/assets/ImportScreen-*',
          // The English tables (~10 KB): fetched when a phone chooses English, cached then (src/lib/i18n/index.svelte.ts).
          '**/assets/english-*.js',
          '**/assets/exceljs.min-*.js',
          '**/assets/papaparse.min-*.js',
          // The spreadsheet writer of the exports (~1 KB): it calls exceljs, which needs the network the first time.
          '**/assets/xlsx-*.js',
          // Its button (~1.5 KB with its CSS): loaded by the sessions and follow-ups screens when shown; offline
          // and never loaded, no spreadsheet is offered (exceljs could not load either).
          '**/assets/XlsxActions-*',
          '**/assets/docx-*.js',
          '**/assets/browser-*.js',
          '**/assets/SignInScreen-*',
          '**/assets/ManageAccountsScreen-*',
          // Password and devices (issue #13): changing a password, the forced change after a one-time password
          // and the devices list all need the server (~7 KB gzip with their strings); the account page says so
          // offline. The common-password list (~200 KB gzip) would nearly double the precache: it loads in the
          // background when a password form opens, and the server checks the same list anyway.
          '**/assets/AccountSecurity-*',
          '**/assets/ChangePasswordForm-*',
          '**/assets/PasswordChangeRequiredScreen-*',
          '**/assets/security-strings-*',
          '**/assets/passwords.json-*',
          '**/assets/passwordPolicy-*',
          '**/assets/failure-text-*',
          // The manifest's launcher icons (~5 KB): the browser fetches and keeps them itself when the app is
          // installed; no page shows them, so offline nothing asks for them.
          'pwa-*.png',
          'maskable-icon-*.png',
          // The manifest's screenshots (install dialog only, ~90 KB): the browser fetches them, no page shows them.
          'screenshots/**',
          // Issue #14 (precache was 283 KB): what a field worker (innovator, facilitator) never needs offline on
          // a first visit. Each is cached the first time it is opened online (the rule below), then works offline.
          // - The backup file writer (dexie-export-import, ~17 KB gzip): "Cadangan" and "Ekspor dulu" fetch it
          //   when their panel opens online (warmExporter), so the export works offline afterwards.
          '**/assets/dexie-export-import-*.js',
          //   Its panel too (~2 KB), loaded by Pengaturan: it is useless offline until that writer is cached.
          '**/assets/BackupPanel-*',
          // - Coverage (~5 KB with its CSS): the coordinator's and the leader's screen, not a field one.
          '**/assets/CoverageScreen-*',
          // - Units (~7 KB with the account admin it links to): only coordinators write units; everyone else
          //   reads unit names on the records themselves.
          '**/assets/UnitsScreen-*',
          '**/assets/accounts-admin.svelte-*',
          // - The print and copy views (~5 KB with CSS): printing and pasting into the national portal are desk
          //   work, like the DOCX export they sit beside.
          '**/assets/DraftPrintScreen-*',
          '**/assets/SessionPrintScreen-*',
          '**/assets/OutputView-*',
          // - The offer to move a guest's data into an account (~4 KB with the demo regency's rules): it follows
          //   a sign-in, which is online.
          '**/assets/GuestMoveSection-*',
          '**/assets/demo-*',
          // - The account page (~5 KB with sign-out): who is signed in, sign-out, password and devices. An account
          //   is signed in online, where the page is cached the first time it opens; signing out offline would
          //   leave the phone unable to sign back in until it has a network anyway.
          '**/assets/AccountScreen-*',
          '**/assets/SignOutPanel-*',
          // - Template import (issue #15, the coordinator's): uploading and activating need the server anyway.
          '**/assets/TemplateImportScreen-*',
        ],
        manifestTransforms: [
          (entries) => ({ manifest: entries.filter((e) => keepAssets.isCurrentAsset(e.url)), warnings: [] }),
        ],
        // Any navigation (deep links such as /sesi/<id>) opens the shell; the client router shows the record.
        navigateFallback: 'index.html',
        // /api is data: it never gets the shell. Sync moves data into IndexedDB; nothing of it is cached here.
        navigateFallbackDenylist: [/^\/api\//],
        // The first install takes control of the open page at once, so the first visit works offline without
        // a reload. Updates still wait for the user (no skipWaiting), see registerType above.
        clientsClaim: true,
        skipWaiting: false,
        cleanupOutdatedCaches: true,
        // Background Sync: the browser's "back online" wakes open pages to sync (public/sw-background-sync.js).
        importScripts: ['sw-background-sync.js'],
        // Runtime caching: /api responses are never cached (the sync engine stores data in IndexedDB and must
        // see real failures); there are no third-party fonts, CDNs or images; every file a screen needs is in
        // the precache above. One rule: the optional chunks left out of the precache (DOCX writer, uploads, the
        // online-only and coordinator screens above), cache-first once fetched (each name carries its hash, so a
        // cached copy is never stale), so each works offline after its first use online.
        runtimeCaching: [
          {
            urlPattern: ({ url }) =>
              /\/assets\/(english|docx|browser|dexie-export-import|CoverageScreen|UnitsScreen|accounts-admin\.svelte|DraftPrintScreen|SessionPrintScreen|OutputView|GuestMoveSection|demo|AccountScreen|SignOutPanel|SignInScreen|ManageAccountsScreen|AccountSecurity|ChangePasswordForm|PasswordChangeRequiredScreen|security-strings|passwords\.json|passwordPolicy|failure-text|ImportScreen|TemplateImportScreen|exceljs\.min|papaparse\.min|xlsx)-[\w-]+\.(js|css)$/.test(
                url.pathname,
              ),
            handler: 'CacheFirst',
            options: { cacheName: 'rintis-optional-chunks', expiration: { maxEntries: 48 } },
          },
        ],
      },
    }),
  ],
  resolve: {
    alias: [
      // Issue #14: Dexie's own ES2018+ build (a public entry of the package, `dexie/dist/*`) instead of its
      // default `import-wrapper.mjs`, which wraps the down-levelled UMD file: ~1.5 KB gzip less in the precache.
      // Every import of 'dexie' in the app bundle (dexie-export-import's too) resolves here: one Dexie instance.
      { find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' },
    ],
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // Previous builds' hashed assets stay for tabs still running them; keepPreviousAssets prunes old builds.
    emptyOutDir: false,
    rollupOptions: {
      output: {
        // zod's jitless switch and messages in a chunk of their own, imported first by the entry: they must be
        // set before any chunk holding zod is evaluated (src/lib/zod-config.ts says why). Then one chunk per
        // screen group (screenChunks above, docs/pwa.md "Chunks by screen").
        codeSplitting: {
          groups: [
            {
              name: 'zod-config',
              test: (id: string) =>
                id.endsWith('/src/lib/zod-config.ts') || id.endsWith('/src/shared/zod-messages.ts'),
              priority: 10,
            },
            ...screens.codeSplittingGroups,
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});
