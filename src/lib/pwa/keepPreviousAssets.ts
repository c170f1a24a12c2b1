/**
 * Build-time (Node) Vite plugin: old tabs keep working after a deploy.
 *
 * A tab opened on build A lazily imports `/assets/<name>-<hashA>.js`. After build B is deployed those files would
 * be gone if the output folder were emptied, and the tab would break on its next screen change. So the build does
 * not empty `dist/` (`build.emptyOutDir: false`); this plugin records the hashed files of each build in
 * `dist/.builds.json`, keeps those of the last `keep` builds, and deletes older ones. The service worker precaches
 * only the current build's files (see `isCurrentAsset`, used by the precache manifest filter in vite.config.ts).
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export interface BuildRecord {
  at: string;
  assets: string[];
}

export const BUILDS_FILE = '.builds.json';

/** Which builds to keep and which asset files to delete: pure, so it is tested without a build. */
export function planCleanup(
  history: BuildRecord[],
  current: BuildRecord,
  onDisk: string[],
  keep: number,
): { history: BuildRecord[]; remove: string[] } {
  const kept = [...history, current].slice(-keep);
  const wanted = new Set(kept.flatMap((b) => b.assets));
  return { history: kept, remove: onDisk.filter((f) => !wanted.has(f)) };
}

function readHistory(file: string): BuildRecord[] {
  if (!existsSync(file)) return [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? (parsed as BuildRecord[]) : [];
  } catch {
    return [];
  }
}

export function keepPreviousAssets(opts: { keep?: number; assetsDir?: string } = {}): Plugin & {
  isCurrentAsset: (url: string) => boolean;
} {
  const keep = opts.keep ?? 3;
  const assetsDir = opts.assetsDir ?? 'assets';
  const current = new Set<string>();
  let outDir = 'dist';
  return {
    name: 'rintis:keep-previous-assets',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/')
        ? config.build.outDir
        : join(config.root, config.build.outDir);
    },
    generateBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) if (name.startsWith(`${assetsDir}/`)) current.add(name);
    },
    writeBundle() {
      const dir = join(outDir, assetsDir);
      const onDisk = existsSync(dir) ? readdirSync(dir).map((f) => `${assetsDir}/${f}`) : [];
      const historyFile = join(outDir, BUILDS_FILE);
      const plan = planCleanup(
        readHistory(historyFile),
        { at: new Date().toISOString(), assets: [...current].sort() },
        onDisk,
        keep,
      );
      for (const f of plan.remove) rmSync(join(outDir, f), { force: true });
      writeFileSync(historyFile, JSON.stringify(plan.history, null, 2));
    },
    /** True for files outside `assets/` (shell, icons) and for the current build's hashed files. */
    isCurrentAsset(url: string) {
      const path = url.replace(/^\//, '');
      return !path.startsWith(`${assetsDir}/`) || current.has(path);
    },
  };
}
