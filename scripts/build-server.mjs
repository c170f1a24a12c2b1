/**
 * Bundles the server (src/server/main.ts and admin.ts, and carry-assets.js for deploy/install-release.sh) into
 * plain JavaScript in `dist-server/`, next to its SQL
 * migrations, so production runs it with `node` and needs only the runtime `dependencies` (`npm ci --omit=dev`).
 * Packages stay external: they are installed, not bundled, so their own files (PGlite's WASM, the password list)
 * load as they do in development. `dist-server/meta.json` lists what the bundle imports; a test checks that
 * every imported package is a runtime dependency.
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist-server`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: [
    'src/server/main.ts',
    'src/server/admin.ts',
    { in: 'src/server/deploy/carryAssets.ts', out: 'carry-assets' },
  ],
  outdir: out,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
// `migrate.ts` reads `./migrations/` next to the running module, which is now dist-server/main.js.
cpSync(`${root}src/server/db/migrations`, `${out}/migrations`, { recursive: true });
writeFileSync(`${out}/meta.json`, JSON.stringify(result.metafile));
const bytes = Object.values(result.metafile.outputs)
  .filter((o) => o.entryPoint)
  .reduce((sum, o) => sum + o.bytes, 0);
process.stdout.write(`dist-server: main.js, admin.js and carry-assets.js, ${(bytes / 1024).toFixed(0)} KB\n`);
