/**
 * Build-time (Node) Vite plugin: the browser build gets the shipped templates already checked (issue #14).
 *
 * `src/shared/templates/bundled.ts` parses the template files with the shared zod schemas as it loads. On a slow
 * phone that meant building every template schema and parsing both files in the data chunk's evaluation, before
 * the first screen could show its data. Here the build runs that very module in Node (the same schemas, so a bad
 * template fails the build) and the browser gets its output as data.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Plugin } from 'vite';
import { bundledTemplates, type BundledTemplates } from '../../shared/templates/bundled';

const BUNDLED_MODULE = /[\\/]src[\\/]shared[\\/]templates[\\/]bundled\.ts$/;

/** The module the browser gets instead of `bundled.ts`: the checked output, read with JSON.parse (fast in V8). */
export function checkedTemplatesModule(data: BundledTemplates): string {
  const text = JSON.stringify(data);
  // The output must survive JSON unchanged (no undefined, Date or Map), or the phone would read other data.
  if (!isDeepStrictEqual(JSON.parse(text), data))
    throw new Error('checkedTemplates: the checked templates do not survive JSON unchanged');
  return `export const bundledTemplates = JSON.parse(${JSON.stringify(text)});\n`;
}

export function checkedTemplates(): Plugin {
  const source = checkedTemplatesModule(bundledTemplates);
  return {
    name: 'rintis:checked-templates',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      return BUNDLED_MODULE.test(id) ? source : null;
    },
  };
}
