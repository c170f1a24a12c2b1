/**
 * Build-time (Node) Vite plugin: the phone's bundle leaves out zod's JSON Schema generator (issue #14).
 *
 * zod 4's classic schemas carry `.toJSONSchema()` and `~standard.jsonSchema`, so every schema import pulls in the
 * generator (~5 KB gzip in the precache) although the app never turns a schema into JSON Schema in the browser:
 * only the server's OpenAPI document does, and the server is bundled separately (scripts/build-server.mjs) with
 * the real generator.
 * For the client build, the two generator modules imported by `zod/v4/classic/schemas.js` are replaced by ones
 * that export the same names: `aggregateChecks` stays the real one (schema getters such as `.minLength` use it),
 * everything else throws a clear error if it is ever called. zod's English locale is left out too (below). The export names are read from zod's own files, so a
 * zod upgrade that adds one cannot break the build silently.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const CLASSIC_SCHEMAS = /[\\/]zod[\\/]v4[\\/]classic[\\/]schemas\.js$/;
const GENERATOR = /[\\/]zod[\\/]v4[\\/]core[\\/](?:to-json-schema|json-schema-processors)\.js$/;
const LEFT_OUT = '\0zod-json-schema-left-out:';
const ENGLISH_LOCALE = /[\\/]zod[\\/]v4[\\/]locales[\\/]en\.js$/;
const ENGLISH_LEFT_OUT = '\0zod-english-locale-left-out';
/**
 * zod's English messages (~1.3 KB gzip): the app installs its own bilingual ones (src/shared/zod-messages.ts)
 * before any schema exists, so zod never falls back to English; were it ever to, the stand-in sets nothing and
 * zod says "Invalid input".
 */
export const ENGLISH_LOCALE_STAND_IN = 'export default () => ({});';
/** Used by schema getters (`.minLength`, `.maxValue`, …), not only by the generator: kept real. */
const KEPT = new Set(['aggregateChecks']);

/** The names an ES module file exports (`export function|const|class X`, `export { a as b }`). */
export function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(
    /^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([\w$]+)/gm,
  )) {
    names.add(m[1]!);
  }
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) names.add(name);
    }
  }
  return [...names];
}

/** The replacement module's code: same exports; factories (`create…`) return a method that throws when called. */
export function leftOutModule(realPath: string, names: readonly string[]): string {
  const lines = [
    `const unavailable = () => { throw new Error('JSON Schema generation is left out of the client build (src/lib/pwa/zodWithoutJsonSchema.ts)'); };`,
  ];
  for (const name of names) {
    if (KEPT.has(name)) lines.push(`export { ${name} } from ${JSON.stringify(realPath)};`);
    else if (name.startsWith('create')) lines.push(`export const ${name} = () => unavailable;`);
    else lines.push(`export const ${name} = unavailable;`);
  }
  return lines.join('\n');
}

export function zodWithoutJsonSchema(): Plugin {
  return {
    name: 'rintis:zod-without-json-schema',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !CLASSIC_SCHEMAS.test(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved && ENGLISH_LOCALE.test(resolved.id)) return ENGLISH_LEFT_OUT;
      if (!resolved || !GENERATOR.test(resolved.id)) return null;
      return LEFT_OUT + resolved.id;
    },
    load(id) {
      if (id === ENGLISH_LEFT_OUT) return ENGLISH_LOCALE_STAND_IN;
      if (!id.startsWith(LEFT_OUT)) return null;
      const realPath = id.slice(LEFT_OUT.length);
      return leftOutModule(realPath, exportedNames(readFileSync(realPath, 'utf8')));
    },
  };
}
