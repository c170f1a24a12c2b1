/**
 * What an output says, apart from how it is drawn: one plain model feeds the DOCX, the print page and the copy
 * buttons, so the three never disagree. Every value here is plain text; the renderers insert it as text (DOCX
 * runs, Svelte text nodes), never as markup. Pure: no browser imports.
 */
import { formatLocal } from '../i18n/format';
import { countWords } from '../../shared/domain/words';
import { slotOf } from '../../shared/attachments';
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
  /** With its number when the document numbers its sections ("6.1 Replikasi yang sudah terjadi"). */
  heading: string;
  /** The section's own name, without its number (what a copy button names). */
  label?: string;
  text: string;
  /** 1: a section or a group; 2: a question inside a group. */
  level: 1 | 2;
  /** A group's heading: its questions follow as level-2 sections, it has no text of its own. */
  headingOnly?: boolean;
  /** Weight and words against the limit ("Bobot 30% · 123/600 kata"), when the template gives them. */
  note?: string;
}
export interface OutputTable {
  key: string;
  heading: string;
  summary: string;
  columns: string[];
  rows: string[][];
  /** Rows tall enough to sign in. */
  tall?: boolean;
}
/** A photo to print: the bytes (JPEG or PNG; a WebP goes in as its name only) and its size in pixels. */
export interface OutputPhoto {
  name: string;
  mime: string;
  data: Uint8Array;
  width: number;
  height: number;
}
/** A place to sign: who signs (their role) and their name when known, on a line of its own. */
export interface OutputSignature {
  role: string;
  name: string;
}
export interface OutputDocument {
  kind: string;
  title: string;
  fields: OutputField[];
  sections: OutputSection[];
  tables: OutputTable[];
  /** Photos after the tables (a session's images). */
  photos?: { heading: string; items: OutputPhoto[] };
  /** Signature blocks at the end, side by side. */
  signatures?: { place: string; items: OutputSignature[] };
  /** What an empty section says, in the document's language ("(belum diisi)"). */
  empty: string;
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

/** "Bobot 30% · 123/600 kata": the weight (when the template weighs it) and the words against the limits. */
function sectionNote(
  weight: number | null | undefined,
  words: number | null,
  min: number | null,
  max: number | null,
  tr: Translate,
): string {
  const parts: string[] = [];
  if (weight !== undefined) parts.push(weight ? tr('draft.weight', { weight }) : tr('draft.notScored'));
  if (words !== null) {
    const count = max ? tr('draft.wordsOfMax', { words, max }) : tr('draft.words', { count: words });
    parts.push(min ? `${count} ${tr('draft.wordsMin', { min })}` : count);
  }
  return parts.join(' · ');
}

/**
 * A group's name, from its questions' labels ("Adaptabilitas - potensi replikasi" → "Adaptabilitas"): the
 * template names a group only through them. Falls back to the key with a capital.
 */
function groupName(labels: string[], key: string): string {
  const prefixes = labels.map((l) => l.split(' - ')[0]!.trim());
  const first = prefixes[0];
  if (first && labels.every((l, i) => l.includes(' - ') && prefixes[i] === first)) return first;
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** A question's label inside its group's heading: without the group's name, with a capital. */
function withoutGroup(label: string, group: string): string {
  const rest = label.startsWith(`${group} - `) ? label.slice(group.length + 3).trim() : label;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * A draft as its template describes it: the version the draft records (never the latest), sections numbered in
 * the template's order with their weight and words against the limit, the questions of a group (KIPP's two
 * Adaptabilitas questions) under one heading, then any section the draft holds that the template does not list
 * (kept, never dropped), then the required attachments and whether each is attached. `attachedSlots` are the
 * slots of the draft's attachments (`required:<key>`).
 */
export function draftOutput(
  draft: Draft,
  template: ProposalTemplate | undefined,
  unitName: string | null,
  lang: Lang,
  tr: Translate,
  attachedSlots: readonly string[] = [],
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
    if (field.type === 'attachment') continue;
    fields.push({ label: field.label[lang], value: metadataText(field, draft.metadata[field.key], lang) });
  }

  const listed = template?.sections ?? [];
  const sections: OutputSection[] = [];
  const weighs =
    listed.some((s) => s.weight !== null) || Object.keys(template?.groupWeights ?? {}).length > 0;
  let number = 0;
  for (let i = 0; i < listed.length; i++) {
    const s = listed[i]!;
    const text = draft.sections[s.key] ?? '';
    if (!s.group) {
      number++;
      sections.push({
        key: s.key,
        heading: `${number}. ${s.label[lang]}`,
        label: s.label[lang],
        text,
        level: 1,
        note: sectionNote(weighs ? s.weight : undefined, countWords(text), s.minWords, s.maxWords, tr),
      });
      continue;
    }
    // A group's questions are listed together: take them all at its first one.
    if (listed.findIndex((x) => x.group === s.group) !== i) continue;
    const members = listed.filter((x) => x.group === s.group);
    const name = groupName(
      members.map((m) => m.label[lang]),
      s.group,
    );
    number++;
    sections.push({
      key: `group:${s.group}`,
      heading: `${number}. ${name}`,
      text: '',
      level: 1,
      headingOnly: true,
      note: weighs ? sectionNote(template?.groupWeights[s.group] ?? 0, null, null, null, tr) : undefined,
    });
    members.forEach((m, j) => {
      const mText = draft.sections[m.key] ?? '';
      sections.push({
        key: m.key,
        heading: `${number}.${j + 1} ${withoutGroup(m.label[lang], name)}`,
        label: m.label[lang],
        text: mText,
        level: 2,
        note: sectionNote(
          weighs && m.weight ? m.weight : undefined,
          countWords(mText),
          m.minWords,
          m.maxWords,
          tr,
        ),
      });
    });
  }
  for (const [key, text] of Object.entries(draft.sections)) {
    if (!listed.some((s) => s.key === key)) sections.push({ key, heading: key, text, level: 1 });
  }

  const required = template?.requiredAttachments ?? [];
  const tables: OutputTable[] = required.length
    ? [
        {
          key: 'attachments',
          heading: tr('draft.attachments'),
          summary: tr('draft.attachedCount', {
            attached: required.filter((a) => attachedSlots.includes(slotOf('required', a.key))).length,
            total: required.length,
          }),
          columns: [tr('draft.attachment'), tr('draft.attachmentState')],
          rows: required.map((a) => [
            `${a.label[lang]} (${a.format.toUpperCase()})`,
            attachedSlots.includes(slotOf('required', a.key))
              ? tr('draft.attached')
              : tr('draft.notAttached'),
          ]),
        },
      ]
    : [];
  return {
    kind: tr('draft.kind'),
    title,
    fields,
    sections,
    tables,
    empty: tr('ui.empty'),
    fileBase: `proposal-${slug(title)}`,
  };
}

/**
 * A coaching session's report (laporan pendampingan) for the regency's accountability files: when and where, the
 * units, the facilitator, who came (a column left blank to sign), what was discussed and agreed, who does what by
 * when, the photos taken (the session's image attachments) and lines for the facilitator and the unit's head to
 * sign.
 */
export function sessionOutput(
  session: Session,
  unitNames: string[],
  lang: Lang,
  tr: Translate,
  photos: OutputPhoto[] = [],
): OutputDocument {
  const when = session.startsAt ? formatLocal(session.startsAt, lang) : '';
  const participants = Object.values(session.participants).sort((a, b) => a.order - b.order);
  const present = participants.filter((p) => p.present).length;
  const actions = Object.values(session.actions).sort((a, b) => a.order - b.order);
  return {
    kind: tr('session.kind'),
    title: tr('session.title', { when }).trim(),
    fields: [
      { label: tr('session.units'), value: unitNames.join(', ') },
      { label: tr('session.when'), value: when },
      { label: tr('session.place'), value: session.place },
      { label: tr('session.facilitator'), value: session.facilitatorName },
    ],
    sections: [
      { key: 'topics', heading: tr('session.topics'), text: session.topics, level: 1 },
      { key: 'notes', heading: tr('session.notes'), text: session.notes, level: 1 },
      { key: 'agreements', heading: tr('session.agreements'), text: session.agreements, level: 1 },
    ],
    tables: [
      {
        key: 'attendance',
        heading: tr('session.attendance'),
        summary: tr('session.presentCount', { present, total: participants.length }),
        columns: [tr('session.number'), tr('session.name'), tr('session.present'), tr('session.signature')],
        tall: true,
        // The signature column is left blank: people sign the printed sheet.
        rows: participants.map((p, i) => [
          String(i + 1),
          p.name,
          p.present ? tr('session.yes') : tr('session.no'),
          '',
        ]),
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
    photos: photos.length ? { heading: tr('session.photos'), items: photos } : undefined,
    signatures: {
      place: [session.place, when ? formatLocal(session.startsAt.slice(0, 10), lang) : '']
        .filter(Boolean)
        .join(', '),
      items: [
        { role: tr('session.signFacilitator'), name: session.facilitatorName },
        { role: tr('session.signHead'), name: '' },
      ],
    },
    empty: tr('ui.empty'),
    fileBase: `laporan-pendampingan-${session.startsAt.slice(0, 10) || 'tanpa-tanggal'}-${slug(session.place || 'sesi')}`,
  };
}
