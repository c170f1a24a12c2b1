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

/**
 * The issue in both languages: the schema's own "id / en" message, or zod's from `src/shared/zod-messages.ts` (the
 * same shape); a refinement's one-language message is shown as it is.
 */
function messageOf(issue: z.core.$ZodIssue): { id: string; en: string } {
  const [idText, enText] = issue.message.split(' / ');
  if (idText && enText) return { id: idText, en: enText };
  if (issue.code === 'custom' && issue.message.includes('duplicate'))
    return { id: 'Ada kunci yang dipakai dua kali', en: 'A key is used twice' };
  return { id: issue.message, en: issue.message };
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
        message: messageOf(issue),
      })),
    };
  return { ok: true, template: parsed.data, json: json as Record<string, unknown> };
}
