/**
 * Script and HTML payloads in every free-text field of every record kind, found from the record schemas (so a
 * field added later is covered without touching the tests). A free-text field is a zod string with no format
 * (uuid, date) and no pattern; identifiers that happen to be plain strings (a template key, a user id) are listed
 * in NOT_TEXT with the reason, and a unit test keeps that list honest.
 */
import type { z } from 'zod';
import { localDateTime } from '../../src/shared/domain';
import { BODY_SCHEMAS, type BodyOf, type RecordKind } from '../../src/shared/records';
import { checklistTemplates } from '../../src/shared/templates';
import {
  aChecklistBody,
  aCommentBody,
  aDraftBody,
  aFollowUp,
  aParticipant,
  aPersonBody,
  aSessionBody,
  aSubmissionBody,
  aTemplateBody,
  aProgrammeBody,
  aUnitBody,
  anAttachmentBody,
  proposalTemplate,
} from '../factories';

/** Plain-string fields that are identifiers, not text a person types (paths with `*` for map entries). */
export const NOT_TEXT: Record<string, string> = {
  'draft.templateKey': 'names the template the draft follows (a template key, chosen from a list)',
  'checklist.templateKey': 'names the checklist template (a template key, chosen from a list)',
  'conflict.path': 'the field path the conflict is about, written by the server',
  'conflict.winnerBy': 'a user id, written by the server',
  'conflict.loserBy': 'a user id, written by the server',
  'submission.templateKey':
    "names the template of the snapshot's draft (a template key, copied from the draft)",
  'submission.submittedBy': 'a user id, checked by the server against the account that pushes it',
  'attachment.mime': 'a media type set by the app from the picked file, checked again by the server',
  'template.key': "the template's key, checked against the key inside its JSON",
  'template.replaces': 'names the template key this one succeeds (chosen from a list)',
};

type Schema = z.ZodType;
const def = (s: Schema) => (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;

function isFreeText(s: Schema): boolean {
  const d = def(s);
  if (d['type'] !== 'string' || d['format']) return false;
  const checks = (d['checks'] as { _zod: { def: { format?: string } } }[] | undefined) ?? [];
  return !checks.some((c) => c._zod.def.format);
}

/** Every free-text field path of a kind's body, map entries as `*` (e.g. `session.actions.*.what`). */
export function textFieldPaths(kind: RecordKind): string[] {
  const out: string[] = [];
  const walk = (s: Schema, path: string) => {
    const d = def(s);
    switch (d['type']) {
      case 'object':
        for (const [k, v] of Object.entries(d['shape'] as Record<string, Schema>)) walk(v, `${path}.${k}`);
        return;
      case 'record':
        walk(d['valueType'] as Schema, `${path}.*`);
        return;
      case 'array':
        walk(d['element'] as Schema, `${path}[]`);
        return;
      case 'nullable':
      case 'optional':
        walk(d['innerType'] as Schema, path);
        return;
      case 'union':
        for (const o of d['options'] as Schema[]) walk(o, path);
        return;
      default:
        if (isFreeText(s) && !(path in NOT_TEXT) && !out.includes(path)) out.push(path);
    }
  };
  walk(BODY_SCHEMAS[kind] as unknown as Schema, kind);
  return out;
}

/** A payload per field, each a different trick, all naming the field so the test can find it on screen. */
export function payloadFor(path: string, index: number): string {
  const tag = `[xss ${path}]`;
  const tricks = [
    `<img src=x onerror="window.__xss=1;alert(1)">${tag}`,
    `<script>window.__xss=1;alert(1)</script>${tag}`,
    `"><svg onload="window.__xss=1;alert(1)">${tag}`,
    `javascript:window.__xss=1;alert(1)//${tag}`,
    `<a href="javascript:window.__xss=1;alert(1)">tautan</a><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>${tag}`,
    `'><style>*{display:none}</style><b onmouseover="window.__xss=1">${tag}</b>`,
  ];
  return tricks[index % tricks.length]!;
}

/** Selectors of anything a payload would have created had it been parsed as HTML. */
export const INJECTED_SELECTORS = [
  'img[src="x"]',
  'svg[onload]',
  '[onerror]',
  '[onload]',
  '[onmouseover]',
  'iframe[srcdoc]',
  'a[href^="javascript:"]',
  'script:not([src])',
  'style',
  'b[onmouseover]',
];

/**
 * Returns `body` with every free-text field (as `textFieldPaths` finds them) replaced by its payload, walking the
 * schema and the value together: map entries and array items that exist in `body` are filled, so give the body
 * at least one entry of every map. Returns the paths filled, so a test can check none was missed.
 */
export function fillText<T>(kind: RecordKind, body: T): { body: T; filled: Set<string> } {
  const filled = new Set<string>();
  let n = 0;
  const walk = (s: Schema, value: unknown, path: string): unknown => {
    const d = def(s);
    switch (d['type']) {
      case 'object': {
        if (!value || typeof value !== 'object') return value;
        const shape = d['shape'] as Record<string, Schema>;
        const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
        for (const [k, v] of Object.entries(shape)) if (k in out) out[k] = walk(v, out[k], `${path}.${k}`);
        return out;
      }
      case 'record': {
        if (!value || typeof value !== 'object') return value;
        return Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(([k, v]) => [
            k,
            walk(d['valueType'] as Schema, v, `${path}.*`),
          ]),
        );
      }
      case 'array':
        return Array.isArray(value) ? value.map((v) => walk(d['element'] as Schema, v, `${path}[]`)) : value;
      case 'nullable':
      case 'optional':
        return value === null || value === undefined ? value : walk(d['innerType'] as Schema, value, path);
      case 'union': {
        for (const o of d['options'] as Schema[]) {
          if ((o as unknown as { safeParse(v: unknown): { success: boolean } }).safeParse(value).success)
            return walk(o, value, path);
        }
        return value;
      }
      default:
        if (typeof value === 'string' && isFreeText(s) && !(path in NOT_TEXT)) {
          filled.add(path);
          return payloadFor(path, n++);
        }
        return value;
    }
  };
  return { body: walk(BODY_SCHEMAS[kind] as unknown as Schema, body, kind) as T, filled };
}

export interface XssIds {
  unit: string;
  person: string;
  session: string;
  draft: string;
  checklist: string;
  participant: string;
  action: string;
}

/**
 * One record of every kind a person edits, every map given entries (every template section, checklist item and
 * metadata field; a participant; a follow-up due soon, so it is listed), then every text field filled.
 * Conflicts are made by the server; the e2e test makes one by pushing two edits of the same text.
 */
export function xssBodies(ids: XssIds, today: Date): { [K in Exclude<RecordKind, 'conflict'>]: BodyOf<K> } {
  const due = new Date(today.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
  const session = aSessionBody({
    startsAt: localDateTime(today),
    unitIds: [ids.unit],
    // The facilitator by name only: `ids.person` has no account, and only an account may be a session's facilitator.
    facilitatorId: null,
    draftIds: [ids.draft],
    participants: { [ids.participant]: aParticipant({ name: 'x', personId: ids.person }) },
    actions: { [ids.action]: aFollowUp({ what: 'x', who: 'x', due }) },
  });
  for (const key of ['place', 'facilitatorName', 'topics', 'notes', 'agreements'] as const)
    session[key] = 'x';
  const proposal = proposalTemplate();
  const draft = aDraftBody({ unitId: ids.unit, title: 'x', team: 'x' });
  draft.sent = { competition: 'x', date: '2026-11-20' };
  for (const key of Object.keys(draft.sections)) draft.sections[key] = 'x';
  for (const field of proposal.metadataFields)
    draft.metadata[field.key] = field.type === 'multiselect' ? ['x', 'y'] : 'x';
  const checklist = aChecklistBody({
    templateKey: checklistTemplates.listLatest()[0]!.key,
    draftId: ids.draft,
    unitId: ids.unit,
  });
  for (const key of Object.keys(checklist.items))
    checklist.items[key] = { status: 'sebagian', evidence: 'x' };
  return {
    unit: fillText('unit', aUnitBody()).body,
    person: fillText('person', aPersonBody({ role: 'facilitator', unitIds: [ids.unit] })).body,
    session: fillText('session', session).body,
    draft: fillText('draft', draft).body,
    checklist: fillText('checklist', checklist).body,
    comment: fillText(
      'comment',
      aCommentBody({
        recordId: ids.draft,
        unitId: ids.unit,
        authorRole: 'coordinator',
        // Keyed by the person who marked it: the e2e test re-keys it to the coordinator's id.
        resolutions: { resolver: { resolved: true, at: 1, name: 'x', role: 'coordinator' } },
      }),
    ).body,
    submission: fillText(
      'submission',
      aSubmissionBody({
        draftId: ids.draft,
        unitId: ids.unit,
        sections: Object.fromEntries(Object.keys(draft.sections).map((k) => [k, 'x'])),
        submittedAt: today.getTime(),
        submittedBy: 'x-user',
        note: 'x',
      }),
    ).body,
    attachment: fillText(
      'attachment',
      anAttachmentBody({
        sha256: 'a'.repeat(64),
        mime: 'application/pdf',
        size: 1,
        originalSize: 1,
        parentId: ids.draft,
        parentKind: 'draft',
        unitId: ids.unit,
        width: null,
        height: null,
      }),
    ).body,
    // A template's words are inside its JSON (no schema field of their own): its title and first section label.
    template: hostileTemplate(aTemplateBody()),
    // Unit kinds as the tenant names them: shown in every unit picker.
    programme: fillText('programme', aProgrammeBody()).body,
  };
}

/** A template body whose title and first section label carry payloads (they are shown on many screens). */
function hostileTemplate(body: BodyOf<'template'>): BodyOf<'template'> {
  const json = structuredClone(body.template) as {
    title: { id: string; en: string };
    sections: { id: string; en: string }[];
  };
  json.title = { id: payloadFor('template.title.id', 0), en: payloadFor('template.title.en', 1) };
  json.sections[0] = { ...json.sections[0]!, id: payloadFor('template.sections.id', 2) };
  return { ...body, template: json };
}

/** Places that would render a string as HTML: Svelte's {@html}, DOM HTML setters, document.write, DOMParser. */
export const HTML_SINKS =
  /\{@html\b|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|DOMParser|srcdoc\s*=/;

/**
 * HTML sinks in `files` (path -> source) not documented with `sanitized by <function>` on their line or the line
 * above, naming a function exported by one of the files. Returns `path:line: code` for each.
 */
export function undocumentedHtmlSinks(files: Map<string, string>): string[] {
  const all = [...files.values()].join('\n');
  const out: string[] = [];
  for (const [path, source] of files) {
    const lines = source.split('\n');
    lines.forEach((line, i) => {
      if (!HTML_SINKS.test(line)) return;
      const note = /sanitized by (\w+)/.exec(`${lines[i - 1] ?? ''} ${line}`);
      const exported = note && new RegExp(`export (async )?function ${note[1]}\\b`).test(all);
      if (!exported) out.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  return out;
}
