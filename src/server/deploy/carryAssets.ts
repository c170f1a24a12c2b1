/**
 * `node dist-server/carry-assets.js <previous release>/dist <new release>/dist`, run by deploy/install-release.sh
 * before it switches: tabs still running an earlier build lazily load that build's hashed files, so the new
 * release serves them too (the last three builds, as `npm run build` keeps them in one folder; see
 * src/lib/pwa/keepPreviousAssets.ts).
 */
import { existsSync } from 'node:fs';
import { carryPreviousAssets } from '../../lib/pwa/keepPreviousAssets';

const [previousDir, nextDir] = process.argv.slice(2);
if (!previousDir || !nextDir || !existsSync(nextDir)) {
  process.stderr.write('Pemakaian / usage: node carry-assets.js <previous dist> <new dist>\n');
  process.exit(1);
}
const copied = existsSync(previousDir) ? carryPreviousAssets(previousDir, nextDir) : [];
process.stdout.write(
  `Berkas build sebelumnya dibawa / files of earlier builds carried over: ${copied.length}\n`,
);
