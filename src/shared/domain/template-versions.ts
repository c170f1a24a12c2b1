/**
 * Template versions as tenant data (issue #15): what changed from one template to the next (the import's
 * preview), which template a version succeeds, and moving a draft to a newer template without losing a word.
 * Pure: no browser or Node imports.
 */
import type { FieldValues } from '../fieldPaths';
import type { BodyOf } from '../records';
import { proposalTemplateJsonSchema, type ProposalTemplate } from '../templates';
import proposalJson from '../templates/proposal-templates.json';

/** The programme year of the templates shipped with the app (the KIPP 2023 guide and the profile of that time). */
export const SHIPPED_PROGRAMME_YEAR = 2023;

/**
 * The template records a new tenant starts with: every shipped template, active, of the shipped programme year.
 * The server seeds them (src/server/templates.ts); the phone uses the shipped JSON only until its first sync.
 */
export function shippedTemplateBodies(): BodyOf<'template'>[] {
  return proposalJson.templates.map((json) => {
    const template = proposalTemplateJsonSchema.parse(json);
    return {
      key: template.key,
      version: template.version,
      year: SHIPPED_PROGRAMME_YEAR,
      status: 'active' as const,
      replaces: null,
      template: json as Record<string, unknown>,
    };
  });
}

/** The template a template record holds (its body was validated on read, so this parse cannot fail). */
export const templateOfBody = (body: { template: Record<string, unknown> }): ProposalTemplate =>
  proposalTemplateJsonSchema.parse(body.template);

// What changed between two versions lives apart (template-changes.ts): only the coordinator's import screen uses
// it on the phone, so it loads with that screen and not with every draft.
export { predecessorOf, templateChanges, type TemplateChange } from './template-changes';

/**
 * Where each section of a draft goes in the new template: a section key of the new template, or null (kept as
 * an extra section of the draft, shown under its own heading). Keys are the draft's sections that hold text.
 */
export type SectionMapping = Record<string, string | null>;

/** The default mapping: a section goes to the section of the same key, otherwise it stays as an extra. */
export function defaultSectionMapping(
  sections: Record<string, string>,
  to: ProposalTemplate,
): SectionMapping {
  const keys = new Set(to.sections.map((s) => s.key));
  return Object.fromEntries(
    Object.entries(sections)
      .filter(([, text]) => text.trim() !== '')
      .map(([key]) => [key, keys.has(key) ? key : null]),
  );
}

/** The key an extra section keeps: its own, unless the new template uses that key for another section. */
function extraKey(key: string, taken: ReadonlySet<string>): string {
  if (!taken.has(key)) return key;
  for (let n = 1; ; n++) {
    const candidate = `${key}-lama${n === 1 ? '' : `-${n}`}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The one update that moves a draft to template `to` (field paths: `templateKey`, `templateVersion` and the
 * `sections.<key>` entries that change; null removes an entry). Nothing is lost: every section with text lands
 * in its mapped section (two mapped to the same one are joined, in the draft's order, with a blank line) or
 * stays as an extra section; a section the mapping does not name goes to the same key, else stays. Only empty
 * sections the new template does not have are removed.
 */
export function moveDraftValues(
  sections: Record<string, string>,
  to: ProposalTemplate,
  mapping: SectionMapping,
): FieldValues {
  const templateKeys = new Set(to.sections.map((s) => s.key));
  const next: Record<string, string[]> = {};
  const put = (key: string, text: string) => (next[key] ??= []).push(text);
  const extras: [string, string][] = [];
  for (const [key, text] of Object.entries(sections)) {
    if (text.trim() === '') continue;
    const target = Object.hasOwn(mapping, key) ? mapping[key] : templateKeys.has(key) ? key : null;
    if (target && templateKeys.has(target)) put(target, text);
    else extras.push([key, text]);
  }
  const taken = new Set([...templateKeys, ...Object.keys(next)]);
  for (const [key, text] of extras) {
    const kept = extraKey(key, taken);
    taken.add(kept);
    put(kept, text);
  }
  const values: FieldValues = { templateKey: to.key, templateVersion: to.version };
  const joined = Object.fromEntries(Object.entries(next).map(([k, texts]) => [k, texts.join('\n\n')]));
  // Every section of the template is present, empty or not, as in a new draft (each its own path from the start).
  for (const key of templateKeys) joined[key] ??= '';
  for (const [key, text] of Object.entries(joined))
    if (sections[key] !== text) values[`sections.${key}`] = text;
  for (const key of Object.keys(sections)) if (!Object.hasOwn(joined, key)) values[`sections.${key}`] = null;
  return values;
}

/** Sections of a draft its template has no place for (kept after a move): shown on the draft as extras. */
export function extraSections(
  sections: Record<string, string>,
  template: ProposalTemplate,
): { key: string; text: string }[] {
  const keys = new Set(template.sections.map((s) => s.key));
  return Object.entries(sections)
    .filter(([key, text]) => !keys.has(key) && text.trim() !== '')
    .map(([key, text]) => ({ key, text }));
}
