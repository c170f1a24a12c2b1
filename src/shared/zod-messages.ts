/**
 * zod's messages for issues a schema gives no message of its own, in the app's "Indonesian / English" shape
 * (issue #15: every message through one mechanism; the brief: bad input gets a clear error in Indonesian).
 *
 * Installed on zod's global config by `installZodMessages()` before any schema parses: on the phone by the entry's
 * first import (`src/lib/zod-config.ts`), on the server at start, in tests by their setup. The phone's bundle leaves
 * zod's English locale out (`src/lib/pwa/zodWithoutJsonSchema.ts`, ~1.3 KB gzip of the precache).
 * Pure: no zod runtime import, no browser or Node imports.
 */
import type { z } from 'zod';

/** What zod hands a locale: an issue before its path is complete, with the input it refused. */
export type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, readonly [string, string]> = {
  string: ['teks', 'text'],
  number: ['angka', 'a number'],
  int: ['bilangan bulat', 'a whole number'],
  boolean: ['ya/tidak', 'true or false'],
  object: ['objek', 'an object'],
  array: ['daftar', 'a list'],
  date: ['tanggal', 'a date'],
  bigint: ['angka', 'a number'],
};

const typeName = (type: string): readonly [string, string] => TYPE_NAMES[type] ?? [type, type];

/** At most five options are listed: an enum of many slugs would bury the message. */
function listOf(values: readonly unknown[]): string {
  const shown = values.slice(0, 5).map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
  return values.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}

const both = (id: string, en: string) => `${id} / ${en}`;

function sizeMessage(issue: Extract<RawIssue, { code: 'too_big' | 'too_small' }>): string {
  const big = issue.code === 'too_big';
  const limit = String(big ? issue.maximum : issue.minimum);
  const exact = issue.exact === true;
  const strict = issue.inclusive === false;
  if (issue.origin === 'string') {
    if (!big && limit === '1' && !strict) return both('Wajib diisi', 'Required');
    if (exact) return both(`Harus tepat ${limit} karakter`, `Must be exactly ${limit} characters`);
    return big
      ? both(`Terlalu panjang: paling banyak ${limit} karakter`, `Too long: at most ${limit} characters`)
      : both(`Terlalu pendek: paling sedikit ${limit} karakter`, `Too short: at least ${limit} characters`);
  }
  if (issue.origin === 'array' || issue.origin === 'set' || issue.origin === 'map') {
    if (exact) return both(`Harus tepat ${limit} butir`, `Must have exactly ${limit} items`);
    return big
      ? both(`Terlalu banyak: paling banyak ${limit} butir`, `Too many: at most ${limit} items`)
      : both(`Terlalu sedikit: paling sedikit ${limit} butir`, `Too few: at least ${limit} items`);
  }
  if (big)
    return strict
      ? both(`Terlalu besar: harus kurang dari ${limit}`, `Too big: must be less than ${limit}`)
      : both(`Terlalu besar: paling besar ${limit}`, `Too big: at most ${limit}`);
  return strict
    ? both(`Terlalu kecil: harus lebih dari ${limit}`, `Too small: must be more than ${limit}`)
    : both(`Terlalu kecil: paling kecil ${limit}`, `Too small: at least ${limit}`);
}

/** The message of an issue whose schema gave none. */
export function zodIssueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return both('Wajib diisi', 'Required');
      const [id, en] = typeName(issue.expected);
      return both(`Jenis isian salah: harus ${id}`, `Wrong type: expected ${en}`);
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? both(`Nilai harus ${listOf(issue.values)}`, `The value must be ${listOf(issue.values)}`)
        : both(
            `Pilihan tidak dikenal: harus salah satu dari ${listOf(issue.values)}`,
            `Unknown option: expected one of ${listOf(issue.values)}`,
          );
    case 'too_big':
    case 'too_small':
      return sizeMessage(issue);
    case 'invalid_format':
      return both(`Format tidak sah (${issue.format})`, `Invalid format (${issue.format})`);
    case 'not_multiple_of':
      return both(
        `Harus kelipatan ${String(issue.divisor)}`,
        `Must be a multiple of ${String(issue.divisor)}`,
      );
    case 'unrecognized_keys':
      return both(`Kunci tidak dikenal: ${issue.keys.join(', ')}`, `Unknown keys: ${issue.keys.join(', ')}`);
    default:
      return both('Isian tidak sah', 'Invalid input');
  }
}

/**
 * Whether an issue's message is zod's generic one from here (not the schema's own): such a message does not name the
 * field, so a screen or a store error adds it. The finished issue no longer holds its input, so a type error is
 * compared with both of its forms (missing, wrong type).
 */
export function isGenericMessage(issue: z.core.$ZodIssue): boolean {
  const raw = issue as unknown as RawIssue;
  return (
    issue.message === zodIssueMessage({ ...raw, input: undefined } as RawIssue) ||
    issue.message === zodIssueMessage({ ...raw, input: null } as RawIssue)
  );
}

/**
 * Puts `zodIssueMessage` on zod's global config (the object zod reads from `globalThis.__zod_globalConfig`, set up
 * before zod itself loads when this runs first; zod reads the locale when an issue is made, so later works too).
 */
export function installZodMessages(): void {
  const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
  holder.__zod_globalConfig ??= {};
  holder.__zod_globalConfig.localeError = zodIssueMessage;
}
