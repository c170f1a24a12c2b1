import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportedNames, leftOutModule } from '../../../src/lib/pwa/zodWithoutJsonSchema';

const zodRoot = dirname(createRequire(import.meta.url).resolve('zod/package.json'));
const zodFile = (path: string) => join(zodRoot, 'v4', path);
const processorsPath = zodFile('core/json-schema-processors.js');
const toJsonSchemaPath = zodFile('core/to-json-schema.js');

describe('exportedNames', () => {
  it('reads declarations and export lists, with their aliases', () => {
    const source = [
      'export function a() {}',
      'export const b = 1;',
      'export async function c() {}',
      'export { d as e, f };',
      'const g = 2;',
    ].join('\n');
    expect(exportedNames(source).sort()).toEqual(['a', 'b', 'c', 'e', 'f']);
  });

  it("covers every name zod's classic schemas take from the generator modules (guards a zod upgrade)", () => {
    const classic = readFileSync(zodFile('classic/schemas.js'), 'utf8');
    const fromProcessors = new Set([...classic.matchAll(/\bprocessors\.(\w+)\(/g)].map((m) => m[1]!));
    const named = /import\s*\{([^}]*)\}\s*from\s*"\.\.\/core\/to-json-schema\.js"/.exec(classic);
    const fromToJsonSchema = named![1]!.split(',').map((n) => n.trim());
    expect(fromProcessors.size).toBeGreaterThan(20);
    expect(fromProcessors).toContain('aggregateChecks');
    const processorNames = exportedNames(readFileSync(processorsPath, 'utf8'));
    for (const name of fromProcessors) expect(processorNames).toContain(name);
    const toJsonSchemaNames = exportedNames(readFileSync(toJsonSchemaPath, 'utf8'));
    expect(fromToJsonSchema).toEqual(['createStandardJSONSchemaMethod', 'createToJSONSchemaMethod']);
    for (const name of fromToJsonSchema) expect(toJsonSchemaNames).toContain(name);
  });
});

describe('leftOutModule', () => {
  it('keeps aggregateChecks real and makes the generator throw a clear error when called', async () => {
    const names = exportedNames(readFileSync(processorsPath, 'utf8'));
    const dir = mkdtempSync(join(tmpdir(), 'rintis-zod-'));
    const file = join(dir, 'processors.mjs');
    writeFileSync(file, leftOutModule(processorsPath, names));
    const replaced = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>;
    const real = (await import(/* @vite-ignore */ pathToFileURL(processorsPath).href)) as Record<
      string,
      unknown
    >;
    expect(Object.keys(replaced).sort()).toEqual(Object.keys(real).sort());
    expect(replaced.aggregateChecks).toBe(real.aggregateChecks);
    expect(() => (replaced.stringProcessor as () => void)()).toThrow(/left out of the client build/);
  });

  it('gives factories (create…) that return a method which throws only when called', async () => {
    const names = exportedNames(readFileSync(toJsonSchemaPath, 'utf8'));
    const dir = mkdtempSync(join(tmpdir(), 'rintis-zod-'));
    const file = join(dir, 'to-json-schema.mjs');
    writeFileSync(file, leftOutModule(toJsonSchemaPath, names));
    const replaced = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
      createToJSONSchemaMethod: (schema: unknown) => () => unknown;
    };
    const method = replaced.createToJSONSchemaMethod({});
    expect(method).toBeTypeOf('function');
    expect(() => method()).toThrow(/left out of the client build/);
  });
});
