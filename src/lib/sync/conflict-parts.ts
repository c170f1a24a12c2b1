/**
 * A conflict in words a person reads: which part of the record it is about ("Catatan", "Peserta “Sari”", the
 * checklist item's label, "Nama unit") instead of its field path, and each side's value as text (a checklist
 * item as "Terpenuhi — bukti…", not as JSON). Which conflicts are shown: `conflict-order.ts`.
 *
 * Pure: the app's own word lists and the shared templates, no runes and no browser APIs. Both languages are
 * returned at once (`{ id, en }`), so the screen picks one with `pick` and a language switch needs no recompute.
 */
import { splitPath } from '../../shared/fieldPaths';
import { selectTemplate } from '../../shared/format';
import type { AnyRecord, Conflict, Person, RecordKind } from '../../shared/records';
import { REVIEW_STATUS_LABELS } from '../../shared/domain/review';
import { unitTypeLabel } from '../../shared/domain/unit-types';
import {
  CHECKLIST_ITEM_STATUS_LABELS,
  getChecklistTemplate,
  getProposalTemplate,
  type Label,
} from '../../shared/templates';
import { englishTable } from '../i18n/english-registry';
import { id, type MessageKey } from '../i18n/id';

// English is read when shown (a getter): its table is in the lazily loaded English chunk, here once English is on.
const word = (key: MessageKey): Label => ({
  id: selectTemplate(id[key], 'id'),
  get en() {
    return selectTemplate(englishTable('main')?.[key] ?? id[key], 'en');
  },
});
const both = (idText: string, enText = idText): Label => ({ id: idText, en: enText });

/** Words of parts that have no form label of their own in the app's word list. */
const EXTRA: Record<string, Label> = {
  reviewStatus: both('Status tinjauan', 'Review status'),
  sent: both('Tujuan dan tanggal kirim', 'Where and when it was sent'),
  personName: both('Nama', 'Name'),
  personRole: both('Peran', 'Role'),
  personUnits: both('Unit', 'Units'),
  section: both('Bagian', 'Section'),
  item: both('Butir', 'Item'),
  deleted: both('Dihapus', 'Deleted'),
  present: both('hadir', 'present'),
  absent: both('tidak hadir', 'absent'),
  noStatus: both('belum dinilai', 'not rated'),
  yes: both('ya', 'yes'),
  no: both('tidak', 'no'),
};

/** Top-level fields per kind, named as their form names them (map fields: the group; the entry is added). */
const FIELD_LABELS: Partial<Record<RecordKind, Record<string, Label>>> = {
  session: {
    startsAt: word('sessions.when'),
    place: word('sessions.place'),
    unitIds: word('sessions.units'),
    facilitatorId: word('sessions.facilitator'),
    facilitatorName: word('sessions.facilitatorName'),
    participants: word('sessions.participants'),
    topics: word('sessions.topics'),
    notes: word('sessions.notes'),
    agreements: word('sessions.agreements'),
    actions: word('sessions.actions'),
    draftIds: word('sessions.linkedDrafts'),
  },
  draft: {
    title: word('drafts.titleField'),
    unitId: word('drafts.unit'),
    team: word('drafts.team'),
    stage: word('drafts.stage'),
    reviewStatus: EXTRA.reviewStatus!,
    sent: EXTRA.sent!,
    templateKey: word('drafts.template'),
    templateVersion: word('drafts.template'),
    sections: EXTRA.section!,
    metadata: word('drafts.metadata'),
  },
  checklist: { items: EXTRA.item! },
  unit: { name: word('units.name'), type: word('units.type') },
  person: { name: EXTRA.personName!, role: EXTRA.personRole!, unitIds: EXTRA.personUnits! },
};

const quoted = (group: Label, name: string): Label => ({
  id: `${group.id} “${name}”`,
  en: `${group.en} “${name}”`,
});

/** Cuts a long entry name (an action's "what") to fit a 360 px heading. */
const short = (text: string, max = 40): string => {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
};

/** The entry's own name, from the record or (an entry one side removed) from either side of the conflict. */
function entryName(conflict: Conflict, entry: unknown, field: 'name' | 'what'): string | null {
  for (const candidate of [entry, conflict.winner, conflict.loser]) {
    const value = (candidate as Record<string, unknown> | null | undefined)?.[field];
    if (typeof value === 'string' && value.trim()) return short(value);
  }
  return null;
}

/**
 * The part of `record` that `conflict` is about, as its screen labels it. Without the record (not on this phone
 * yet) or for a part the app has no word for, the field path itself: never nothing.
 */
export function conflictPartLabel(conflict: Conflict, record?: AnyRecord): Label {
  const kind = conflict.recordKind;
  const { field, key } = splitPath(kind, conflict.path);
  const group = FIELD_LABELS[kind]?.[field];
  if (!group) return both(conflict.path);
  if (key === null) return group;
  const entry = record ? (record as unknown as Record<string, Record<string, unknown>>)[field]?.[key] : null;

  if (record?.kind === 'draft' && field === 'sections') {
    const section = getProposalTemplate(record.templateKey, record.templateVersion)?.sections.find(
      (s) => s.key === key,
    );
    return section ? section.label : quoted(group, key);
  }
  if (record?.kind === 'draft' && field === 'metadata') {
    const meta = getProposalTemplate(record.templateKey, record.templateVersion)?.metadataFields.find(
      (m) => m.key === key,
    );
    return meta ? meta.label : quoted(group, key);
  }
  if (record?.kind === 'checklist' && field === 'items') {
    const item = getChecklistTemplate(record.templateKey, record.templateVersion)?.items.find(
      (i) => i.key === key,
    );
    return item ? item.label : quoted(group, key);
  }
  if (kind === 'session' && (field === 'participants' || field === 'actions')) {
    const name = entryName(conflict, entry, field === 'participants' ? 'name' : 'what');
    return name ? quoted(group, name) : group;
  }
  return quoted(group, key);
}

/** Looks up the name of a record id a value holds (a unit, a person, a draft); undefined when unknown. */
export type NameOfId = (id: string) => string | undefined;

const joinBoth = (parts: Label[], sep: string): Label => ({
  id: parts.map((p) => p.id).join(sep),
  en: parts.map((p) => p.en).join(sep),
});

/**
 * One side of a conflict as text a person reads. `null` when the side is empty or removed (the card says
 * "(kosong)"). Objects the app knows (a checklist item, a participant, a follow-up action) read as their form
 * shows them; ids are named through `nameOf` when it knows them; anything else falls back to JSON.
 */
export function conflictValueText(conflict: Conflict, value: unknown, nameOf?: NameOfId): Label | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const { field } = splitPath(conflict.recordKind, conflict.path);
    if (conflict.recordKind === 'draft' && field === 'stage' && `stage.${value}` in id)
      return word(`stage.${value}` as MessageKey);
    if (conflict.recordKind === 'draft' && field === 'reviewStatus' && value in REVIEW_STATUS_LABELS)
      return REVIEW_STATUS_LABELS[value as keyof typeof REVIEW_STATUS_LABELS];
    if (conflict.recordKind === 'unit' && field === 'type') return unitTypeLabel(value);
    if (conflict.recordKind === 'person' && field === 'role' && `role.${value}` in id)
      return word(`role.${value}` as MessageKey);
    return both(nameOf?.(value) ?? value);
  }
  if (typeof value === 'boolean') return value ? EXTRA.yes! : EXTRA.no!;
  if (typeof value === 'number') return both(String(value));
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return both(value.map((v) => (typeof v === 'string' ? (nameOf?.(v) ?? v) : String(v))).join(', '));
  }
  const object = value as Record<string, unknown>;
  const { field } = splitPath(conflict.recordKind, conflict.path);
  if (conflict.recordKind === 'checklist' && field === 'items') {
    const status = object.status as keyof typeof CHECKLIST_ITEM_STATUS_LABELS | null;
    const evidence = typeof object.evidence === 'string' ? object.evidence.trim() : '';
    const parts = [(status && CHECKLIST_ITEM_STATUS_LABELS[status]) || EXTRA.noStatus!];
    if (evidence) parts.push(both(evidence));
    return joinBoth(parts, ' — ');
  }
  if (conflict.recordKind === 'draft' && field === 'sent') {
    return both([object.competition, object.date].filter((v) => typeof v === 'string' && v).join(' · '));
  }
  if (conflict.recordKind === 'session' && field === 'participants') {
    const name = typeof object.name === 'string' && object.name.trim() ? object.name.trim() : '—';
    return joinBoth([both(name), object.present ? EXTRA.present! : EXTRA.absent!], ' · ');
  }
  if (conflict.recordKind === 'session' && field === 'actions') {
    const parts: Label[] = [both(String(object.what ?? '').trim() || '—')];
    if (typeof object.who === 'string' && object.who.trim()) parts.push(both(object.who.trim()));
    if (typeof object.due === 'string' && object.due) parts.push(both(object.due));
    if (typeof object.status === 'string' && `actionStatus.${object.status}` in id)
      parts.push(word(`actionStatus.${object.status}` as MessageKey));
    return joinBoth(parts, ' · ');
  }
  return both(JSON.stringify(value, null, 1));
}

/**
 * Why the signed-in role may not choose a version of a record of this kind (the server would refuse the edit),
 * or null when it may. `role` null: the guest, choosing on data that is only on this phone. Mirrors the server's
 * `canWrite` (src/server/sync/access.ts) for what a role alone decides: viewers never write, only coordinators
 * write units and people; the record's unit was already checked when the phone received it.
 */
export function choiceRefusal(role: Person['role'] | null, recordKind: RecordKind): Label | null {
  if (role === null) return null;
  if (role === 'viewer')
    return both(
      'Peran Anda hanya membaca. Minta inovator, pendamping, atau admin lokal unit ini memilih versinya.',
      "Your role can only read. Ask this unit's innovator, facilitator or local admin to choose the version.",
    );
  if ((recordKind === 'unit' || recordKind === 'person') && role !== 'coordinator')
    return both(
      'Hanya admin lokal yang dapat memilih versi unit dan orang. Minta admin lokal memilihnya.',
      'Only a local admin can choose the version of units and people. Ask your local admin to choose.',
    );
  return null;
}
