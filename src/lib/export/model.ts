/**
 * What an output says, apart from how it is drawn: one plain model feeds the DOCX, the print page and the copy
 * buttons, so the three never disagree. Every value here is plain text; the renderers insert it as text (DOCX
 * runs, Svelte text nodes), never as markup. Pure: no browser imports.
 */
import { formatLocal } from '../i18n/format';
import type { Draft, Session } from '../../shared/records';
import { optionLabel, type MetadataFieldTemplate, type ProposalTemplate } from '../../shared/templates';
import type { Translate } from './strings';

export interface OutputField {
  label: string;
  value: string;
}
/** A block of prose with its heading; `key` names it for copy buttons and tests. */
export interface OutputSection {
  key: string;
  heading: string;
  text: string;
}
export interface OutputTable {
  key: string;
  heading: string;
  summary: string;
  columns: string[];
  rows: string[][];
}
export interface OutputDocument {
  kind: string;
  title: string;
  fields: OutputField[];
  sections: OutputSection[];
  tables: OutputTable[];
  /** File name without extension, safe on any phone. */
  fileBase: string;
}

type Lang = 'id' | 'en';

/** Lower-case ASCII words joined by dashes, at most 60 characters: file names survive every share target. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'tanpa-judul';
}

/** A stored value as people read it: option keys become the template's labels (a key it does not list stays). */
function metadataText(
  field: MetadataFieldTemplate,
  value: Draft['metadata'][string] | undefined,
  lang: Lang,
): string {
  if (value === undefined) return '';
  const read = (v: string | number) =>
    (field.options.length ? optionLabel(field, v)?.[lang] : null) ?? String(v);
  return Array.isArray(value) ? value.map(read).join('; ') : read(value);
}

/**
 * A draft as its template describes it: the version the draft records (never the latest), sections in the
 * template's order, then any section the draft holds that the template does not list (kept, never dropped).
 */
export function draftOutput(
  draft: Draft,
  template: ProposalTemplate | undefined,
  unitName: string | null,
  lang: Lang,
  tr: Translate,
): OutputDocument {
  const title = draft.title.trim() || tr('draft.untitled');
  const fields: OutputField[] = [
    { label: tr('draft.unit'), value: unitName ?? tr('draft.noUnit') },
    { label: tr('draft.team'), value: draft.team },
    { label: tr('draft.stage'), value: tr(`stage.${draft.stage}`) },
    {
      label: tr('draft.template'),
      value: template
        ? tr('draft.templateValue', { title: template.title[lang], version: template.version })
        : tr('draft.templateMissing', { key: draft.templateKey, version: draft.templateVersion }),
    },
  ];
  for (const field of template?.metadataFields ?? []) {
    fields.push({ label: field.label[lang], value: metadataText(field, draft.metadata[field.key], lang) });
  }
  const listed = template?.sections ?? [];
  const sections: OutputSection[] = listed.map((s) => ({
    key: s.key,
    heading: s.label[lang],
    text: draft.sections[s.key] ?? '',
  }));
  for (const [key, text] of Object.entries(draft.sections)) {
    if (!listed.some((s) => s.key === key)) sections.push({ key, heading: key, text });
  }
  return {
    kind: tr('draft.kind'),
    title,
    fields,
    sections,
    tables: [],
    fileBase: `rancangan-${slug(title)}`,
  };
}

/** A coaching session's report: when and where, who came, what was discussed and agreed, who does what by when. */
export function sessionOutput(
  session: Session,
  unitNames: string[],
  lang: Lang,
  tr: Translate,
): OutputDocument {
  const when = session.startsAt ? formatLocal(session.startsAt, lang) : '';
  const participants = Object.values(session.participants).sort((a, b) => a.order - b.order);
  const present = participants.filter((p) => p.present).length;
  const actions = Object.values(session.actions).sort((a, b) => a.order - b.order);
  return {
    kind: tr('session.kind'),
    title: tr('session.title', { when }).trim(),
    fields: [
      { label: tr('session.when'), value: when },
      { label: tr('session.place'), value: session.place },
      { label: tr('session.units'), value: unitNames.join(', ') },
      { label: tr('session.facilitator'), value: session.facilitatorName },
    ],
    sections: [
      { key: 'topics', heading: tr('session.topics'), text: session.topics },
      { key: 'notes', heading: tr('session.notes'), text: session.notes },
      { key: 'agreements', heading: tr('session.agreements'), text: session.agreements },
    ],
    tables: [
      {
        key: 'attendance',
        heading: tr('session.attendance'),
        summary: tr('session.presentCount', { present, total: participants.length }),
        columns: [tr('session.name'), tr('session.present')],
        rows: participants.map((p) => [p.name, p.present ? tr('session.yes') : tr('session.no')]),
      },
      {
        key: 'actions',
        heading: tr('session.actions'),
        summary: actions.length ? '' : tr('session.none'),
        columns: [
          tr('session.actionWhat'),
          tr('session.actionWho'),
          tr('session.actionDue'),
          tr('session.actionStatus'),
        ],
        rows: actions.map((a) => [
          a.what,
          a.who,
          a.due ? formatLocal(a.due, lang) : '',
          tr(`status.${a.status}`),
        ]),
      },
    ],
    fileBase: `sesi-${session.startsAt.slice(0, 10) || 'tanpa-tanggal'}-${slug(session.place || 'laporan')}`,
  };
}
