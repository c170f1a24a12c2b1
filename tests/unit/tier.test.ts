/**
 * The unit tier starts no database and no server: no file it runs reaches server code, the server's tests or
 * the integration tier, nor an embedded or real PostgreSQL client, through any chain of imports. A test that
 * needs those belongs in tests/integration (in process) or tests/server (over HTTP, on PostgreSQL too).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const UNIT = join(ROOT, 'tests/unit');

/** Folders a unit test must never reach, and why. */
const FORBIDDEN_DIRS: Record<string, string> = {
  'src/server': 'server code',
  'tests/server': 'the server tier',
  'tests/integration': 'the integration tier',
};
/** Packages that open a database or serve HTTP. */
const FORBIDDEN_PACKAGES = ['@electric-sql/pglite', 'pg', '@hono/node-server'];

const SPECIFIERS = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g;
const EXTENSIONS = ['', '.ts', '.svelte.ts', '.js', '/index.ts'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

function resolveRelative(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const ext of EXTENSIONS) {
    const path = base + ext;
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return null;
}

/** Whether `specifier` names a forbidden package (itself or a subpath of it). */
const forbiddenPackage = (specifier: string) =>
  FORBIDDEN_PACKAGES.some((p) => specifier === p || specifier.startsWith(`${p}/`));

/** Every chain of imports from `start` that ends in a forbidden folder or package, as readable lines. */
function forbiddenChains(start: string, seen: Set<string>): string[] {
  const found: string[] = [];
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(SPECIFIERS)) {
      const specifier = (match[1] ?? match[2])!;
      const here = [...chain, relative(ROOT, file)];
      if (forbiddenPackage(specifier)) {
        found.push(`${here.join(' -> ')} -> ${specifier} (a database or HTTP server package)`);
        continue;
      }
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      if (!target) continue;
      const path = relative(ROOT, target);
      const dir = Object.keys(FORBIDDEN_DIRS).find((d) => path.startsWith(`${d}/`));
      if (dir) found.push(`${[...here, path].join(' -> ')} (${FORBIDDEN_DIRS[dir]})`);
      else if (!target.endsWith('.svelte')) walk(target, here);
    }
  };
  walk(start, []);
  return found;
}

describe('the unit tier', () => {
  it('reaches no server code, server or integration tests, nor a database package', () => {
    const seen = new Set<string>();
    const chains = filesUnder(UNIT).flatMap((file) => forbiddenChains(file, seen));
    expect(chains).toEqual([]);
  });

  it('would see a forbidden import (the check itself works)', () => {
    const integration = filesUnder(join(ROOT, 'tests/integration'));
    const chains = integration.flatMap((file) => forbiddenChains(file, new Set()));
    expect(chains.length).toBeGreaterThan(0);
  });
});
