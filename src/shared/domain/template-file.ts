/**
 * Checking a template file on the phone before anything is sent (issue #15): the JSON is parsed and checked with
 * the same shared schema the server uses, and every problem is told in both languages with its place in the file
 * ("sections[2].max_words"). Pure: no browser or Node imports.
 */
import type { z } from 'zod';
import { proposalTemplateJsonSchema, type ProposalTemplate } from '../templates';

/** A template file is a few KB; anything this big is not one (and is not read into memory). */
export const TEMPLATE_FILE_MAX_BYTES = 512 * 1024;

export interface TemplateFileProblem {
  /** Where in the file, as a path ("sections[2].max_words"); empty for the whole file. */
  place: string;
  message: { id: string; en: string };
}

export type TemplateFileCheck =
  | { ok: true; template: ProposalTemplate; json: Record<string, unknown> }
  | { ok: false; problems: TemplateFileProblem[] };

/** "sections[2].max_words" from a zod issue path. */
export function placeOf(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** The issue in both languages: the schema's own "id / en" message when it has one, else by the issue's kind. */
function messageOf(issue: z.core.$ZodIssue, json: unknown): { id: string; en: string } {
  const [idText, enText] = issue.message.split(' / ');
  if (idText && enText) return { id: idText, en: enText };
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(json, issue.path) === undefined
        ? { id: 'Wajib ada', en: 'Required' }
        : {
            id: `Jenis nilai salah (harus ${issue.expected})`,
            en: `Wrong type (expected ${issue.expected})`,
          };
    case 'too_small':
      return issue.origin === 'array'
        ? {
            id: `Paling sedikit ${String(issue.minimum)} isian`,
            en: `At least ${String(issue.minimum)} items`,
          }
        : issue.origin === 'string'
          ? { id: 'Tidak boleh kosong', en: 'Must not be empty' }
          : { id: `Paling kecil ${String(issue.minimum)}`, en: `At least ${String(issue.minimum)}` };
    case 'too_big':
      return { id: `Paling besar ${String(issue.maximum)}`, en: `At most ${String(issue.maximum)}` };
    case 'invalid_format':
      return { id: 'Format tidak sah', en: 'Invalid format' };
    case 'unrecognized_keys':
      return {
        id: `Kunci tidak dikenal: ${issue.keys.join(', ')}`,
        en: `Unknown keys: ${issue.keys.join(', ')}`,
      };
    case 'invalid_value':
      return { id: 'Nilai tidak diizinkan', en: 'Value not allowed' };
    case 'custom':
      if (issue.message.includes('duplicate'))
        return { id: 'Ada kunci yang dipakai dua kali', en: 'A key is used twice' };
      return { id: issue.message, en: issue.message };
    default:
      return { id: 'Nilai tidak sah', en: 'Invalid value' };
  }
}

/** The value at a zod issue's path in the file (zod leaves the input out of its issues). */
function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** Parses and checks a template file's text. */
export function checkTemplateFile(text: string): TemplateFileCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      problems: [
        {
          place: '',
          message: {
            id: `Berkas bukan JSON yang sah (${detail})`,
            en: `The file is not valid JSON (${detail})`,
          },
        },
      ],
    };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return {
      ok: false,
      problems: [
        {
          place: '',
          message: {
            id: 'Berkas harus berisi satu objek templat',
            en: 'The file must hold one template object',
          },
        },
      ],
    };
  const parsed = proposalTemplateJsonSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        place: placeOf(issue.path),
        message: messageOf(issue, json),
      })),
    };
  return { ok: true, template: parsed.data, json: json as Record<string, unknown> };
}
