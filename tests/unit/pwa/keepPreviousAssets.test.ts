import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILDS_FILE,
  carryPreviousAssets,
  keepPreviousAssets,
  planCarry,
  planCleanup,
} from '../../../src/lib/pwa/keepPreviousAssets';

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

describe('planCarry (a release installed into a new folder)', () => {
  it('joins both histories, keeps the last N builds, and carries only files the new build lacks', () => {
    const previous = [build(1, ['assets/a1.js']), build(2, ['assets/a2.js', 'assets/shared.css'])];
    const next = [build(3, ['assets/a3.js', 'assets/shared.css'])];
    expect(planCarry(previous, next, 3)).toEqual({
      history: [...previous, ...next],
      carry: ['assets/a1.js', 'assets/a2.js'],
    });
    expect(planCarry(previous, next, 2)).toEqual({
      history: [previous[1], next[0]],
      carry: ['assets/a2.js'],
    });
  });

  it('carries nothing when the new build already kept the earlier ones (built in the same folder)', () => {
    const previous = [build(1, ['assets/a1.js']), build(2, ['assets/a2.js'])];
    const next = [...previous, build(3, ['assets/a3.js'])];
    expect(planCarry(previous, next, 3)).toEqual({ history: next, carry: [] });
  });
});

describe('carryPreviousAssets', () => {
  it("copies the earlier builds' files into the new release and writes the joined history", () => {
    const root = mkdtempSync(join(tmpdir(), 'rintis-carry-'));
    const [previousDir, nextDir] = [join(root, 'previous'), join(root, 'next')];
    for (const dir of [previousDir, nextDir]) mkdirSync(join(dir, 'assets'), { recursive: true });
    for (const f of ['a1.js', 'a2.js', 'current.js']) writeFileSync(join(previousDir, 'assets', f), f);
    writeFileSync(join(root, 'secret.txt'), 'not an asset');
    writeFileSync(
      join(previousDir, BUILDS_FILE),
      JSON.stringify([
        build(1, ['assets/a1.js', 'assets/../../secret.txt']),
        build(2, ['assets/a2.js', 'assets/current.js']),
      ]),
    );
    writeFileSync(join(nextDir, 'assets', 'current.js'), 'new bytes');
    writeFileSync(join(nextDir, BUILDS_FILE), JSON.stringify([build(3, ['assets/current.js'])]));

    expect(carryPreviousAssets(previousDir, nextDir)).toEqual(['assets/a1.js', 'assets/a2.js']);
    expect(readdirSync(join(nextDir, 'assets')).sort()).toEqual(['a1.js', 'a2.js', 'current.js']);
    // A file both have keeps the new release's bytes; nothing outside assets/ is copied.
    expect(readFileSync(join(nextDir, 'assets', 'current.js'), 'utf8')).toBe('new bytes');
    expect(readdirSync(nextDir).sort()).toEqual([BUILDS_FILE, 'assets']);
    const history = JSON.parse(readFileSync(join(nextDir, BUILDS_FILE), 'utf8')) as { at: string }[];
    expect(history.map((b) => b.at)).toEqual(['t1', 't2', 't3']);
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
