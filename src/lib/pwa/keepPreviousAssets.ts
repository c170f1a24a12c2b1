/**
 * Build-time (Node) Vite plugin: old tabs keep working after a deploy.
 *
 * A tab opened on build A lazily imports `/assets/<name>-<hashA>.js`. After build B is deployed those files would
 * be gone if the output folder were emptied, and the tab would break on its next screen change. So the build does
 * not empty `dist/` (`build.emptyOutDir: false`); this plugin records the hashed files of each build in
 * `dist/.builds.json`, keeps those of the last `keep` builds, and deletes older ones. The service worker precaches
 * only the current build's files (see `isCurrentAsset`, used by the precache manifest filter in vite.config.ts).
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * A release installed into a new folder (deploy/install-release.sh) starts from its own build only; the folder
 * it replaces holds the builds that old tabs may still run. The two histories joined, oldest first, the last
 * `keep` kept: `carry` lists the asset files of those builds that the new folder lacks and the old one has.
 */
export function planCarry(
  previous: BuildRecord[],
  next: BuildRecord[],
  keep: number,
): { history: BuildRecord[]; carry: string[] } {
  const byTime = new Map<string, BuildRecord>();
  for (const record of [...previous, ...next]) byTime.set(record.at, record);
  const history = [...byTime.values()].sort((a, b) => a.at.localeCompare(b.at)).slice(-keep);
  const inNext = new Set(next.flatMap((b) => b.assets));
  const carry = [...new Set(history.flatMap((b) => b.assets))].filter((f) => !inNext.has(f)).sort();
  return { history, carry };
}

/**
 * Copies into `nextDir` (a new release's dist/) the asset files of the previous builds that `previousDir` (the
 * release it replaces) still serves, the last `keep` builds in all, and writes the joined history there. Only
 * plain names under `assets/` are copied. Returns the files copied.
 */
export function carryPreviousAssets(previousDir: string, nextDir: string, keep = 3): string[] {
  const plan = planCarry(
    readHistory(join(previousDir, BUILDS_FILE)),
    readHistory(join(nextDir, BUILDS_FILE)),
    keep,
  );
  const copied: string[] = [];
  for (const file of plan.carry) {
    if (!/^assets\/[\w.-]+$/.test(file)) continue;
    const from = join(previousDir, file);
    const to = join(nextDir, file);
    if (!existsSync(from) || existsSync(to)) continue;
    copyFileSync(from, to);
    copied.push(file);
  }
  writeFileSync(join(nextDir, BUILDS_FILE), JSON.stringify(plan.history, null, 2));
  return copied;
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
