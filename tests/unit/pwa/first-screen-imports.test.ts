/**
 * The first screen's JavaScript budget (60 KB gzip, measured by `npm run bench -- pwa`) holds only while the
 * modules the shell imports statically leave out the record schemas (zod) and the local store (Dexie): both load
 * in their own chunks after the first paint. This walks the static imports from App.svelte (dynamic `import()`s
 * are the lazy chunks and are not followed) and names the chain that would bring either in.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const FORBIDDEN = ['zod', 'dexie'];

/** Static runtime imports and re-exports of a file (type-only ones left out). */
function staticImports(source: string): string[] {
  const specifiers: string[] = [];
  const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(re)) specifiers.push(m[1]!);
  return specifiers;
}

function resolveFile(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

/** The chain from `entry` to the first forbidden package (or file, relative to the root), or null. */
function forbiddenChain(
  entry: string,
  forbiddenFiles: readonly string[] = [],
  forbiddenPackages: readonly string[] = FORBIDDEN,
): string[] | null {
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]): string[] | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        const pkg = specifier.split('/')[0]!;
        if (forbiddenPackages.includes(pkg)) return [...chain, relative(ROOT, file), specifier];
        continue;
      }
      const next = resolveFile(file, specifier);
      if (!next) continue;
      if (forbiddenFiles.includes(relative(ROOT, next)))
        return [...chain, relative(ROOT, file), relative(ROOT, next)];
      const found = walk(next, [...chain, relative(ROOT, file)]);
      if (found) return found;
    }
    return null;
  };
  return walk(entry, []);
}

describe('first screen', () => {
  it('imports neither zod nor Dexie statically from the app shell', () => {
    // From App.svelte: main.ts also imports zod-config.ts on purpose, whose `z.config` call bundles to a few
    // bytes of zod's core (no schemas).
    expect(forbiddenChain(join(ROOT, 'src/App.svelte'))).toBeNull();
  });

  it('the walk finds such a chain (the check itself works)', () => {
    expect(forbiddenChain(join(ROOT, 'src/shared/records.ts'))).toEqual(['src/shared/records.ts', 'zod']);
  });

  it("opens the last user's database at start without the network code", () => {
    // `accountSession.restore` loads the accounts list alone; the API client and sign-out are five more requests
    // before a deep-linked draft shows, loaded when first used.
    const networkCode = [
      'src/lib/account/api.ts',
      'src/lib/account/signout.ts',
      'src/lib/account/session-io.ts',
    ];
    expect(forbiddenChain(join(ROOT, 'src/lib/account/accounts-db.ts'), networkCode, [])).toBeNull();
    expect(forbiddenChain(join(ROOT, 'src/lib/account/session-io.ts'), networkCode, [])).toEqual([
      'src/lib/account/session-io.ts',
      'src/lib/account/api.ts',
    ]);
  });
});
