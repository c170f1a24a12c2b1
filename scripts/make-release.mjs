/**
 * Packs the last build into `release/rintis-<version>.tar.gz`: one folder `rintis-<version>/` with `dist/` (the
 * PWA), `dist-server/` (the bundled server and its migrations), `package.json` and `package-lock.json`: what a
 * server needs besides Node. `deploy/` comes along (the installer, the systemd unit, the proxy examples):
 * `deploy/install-release.sh` copies the other four into a releases folder, runs `npm ci --omit=dev` there and
 * switches to it. `npm run release` builds first, then runs this.
 *   node scripts/make-release.mjs [--dist <built PWA folder>] [--out <folder for the archive>]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { dist: { type: 'string' }, out: { type: 'string' } },
  strict: true,
});
const dist = resolve(values.dist ?? join(root, 'dist'));
const outDir = resolve(values.out ?? join(root, 'release'));
const serverDir = join(root, 'dist-server');

/** @type {[string, string][]} */
const required = [
  [join(dist, 'index.html'), 'the built app (vite build)'],
  [join(serverDir, 'main.js'), 'the bundled server (node scripts/build-server.mjs)'],
];
for (const [path, what] of required) {
  if (!existsSync(path)) {
    process.stderr.write(`${path} is missing: ${what}. Run npm run build first, or npm run release.\n`);
    process.exit(1);
  }
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const folder = `rintis-${version}`;
const staging = mkdtempSync(join(tmpdir(), 'rintis-release-'));
try {
  cpSync(dist, join(staging, folder, 'dist'), { recursive: true });
  cpSync(serverDir, join(staging, folder, 'dist-server'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    cpSync(join(root, file), join(staging, folder, file));
  }
  // The installer, the systemd unit and the proxy examples travel with the release that they install.
  cpSync(join(root, 'deploy'), join(staging, folder, 'deploy'), { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const archive = join(outDir, `${folder}.tar.gz`);
  // Owned by root in the archive: whoever built it, the server's files belong to root, not to a build user.
  const tar = spawnSync(
    'tar',
    ['-czf', archive, '--owner=0', '--group=0', '--numeric-owner', '-C', staging, folder],
    { stdio: 'inherit' },
  );
  if (tar.status !== 0) process.exit(tar.status ?? 1);
  process.stdout.write(`${archive} (${(statSync(archive).size / 1024 / 1024).toFixed(1)} MB)\n`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
