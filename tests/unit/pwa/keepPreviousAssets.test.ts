import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDS_FILE, keepPreviousAssets, planCleanup } from '../../../src/lib/pwa/keepPreviousAssets';

const build = (n: number, assets: string[]) => ({ at: `t${n}`, assets });

describe('planCleanup', () => {
  it('keeps the files of the last N builds and removes the rest', () => {
    const history = [build(1, ['assets/a1.js']), build(2, ['assets/a2.js', 'assets/shared.css'])];
    const plan = planCleanup(
      history,
      build(3, ['assets/a3.js', 'assets/shared.css']),
      ['assets/a1.js', 'assets/a2.js', 'assets/a3.js', 'assets/shared.css', 'assets/stray.js'],
      2,
    );
    expect(plan.history.map((b) => b.at)).toEqual(['t2', 't3']);
    expect(plan.remove.sort()).toEqual(['assets/a1.js', 'assets/stray.js']);
  });

  it('on the first build removes only files that no build made', () => {
    const plan = planCleanup([], build(1, ['assets/x.js']), ['assets/x.js', 'assets/old.js'], 3);
    expect(plan.remove).toEqual(['assets/old.js']);
    expect(plan.history).toHaveLength(1);
  });
});

describe('keepPreviousAssets plugin', () => {
  // Drives the plugin's hooks the way Vite calls them, on a real folder.
  function runBuild(outDir: string, files: string[]) {
    const plugin = keepPreviousAssets({ keep: 2 });
    mkdirSync(join(outDir, 'assets'), { recursive: true });
    for (const f of files) writeFileSync(join(outDir, f), f);
    const hooks = plugin as unknown as {
      configResolved: (c: { root: string; build: { outDir: string } }) => void;
      generateBundle: (o: unknown, b: Record<string, unknown>) => void;
      writeBundle: () => void;
    };
    hooks.configResolved({ root: '/', build: { outDir } });
    hooks.generateBundle({}, Object.fromEntries([...files, 'index.html'].map((f) => [f, {}])));
    hooks.writeBundle();
    return plugin;
  }

  it('keeps two builds of assets on disk and precaches only the current one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keep-assets-'));
    runBuild(dir, ['assets/a.js']);
    runBuild(dir, ['assets/b.js']);
    const third = runBuild(dir, ['assets/c.js']);
    expect(readdirSync(join(dir, 'assets')).sort()).toEqual(['b.js', 'c.js']);
    const history = JSON.parse(readFileSync(join(dir, BUILDS_FILE), 'utf8')) as { assets: string[] }[];
    expect(history.map((h) => h.assets)).toEqual([['assets/b.js'], ['assets/c.js']]);
    expect(third.isCurrentAsset('assets/c.js')).toBe(true);
    expect(third.isCurrentAsset('/assets/b.js')).toBe(false);
    expect(third.isCurrentAsset('index.html')).toBe(true);
  });
});
