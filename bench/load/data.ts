/**
 * Benchmark data: one regency's records as `create` changes the real push endpoint accepts (the shape the phone's
 * outbox sends: every field path, base 0), and realistic edits of them. Lengths follow what people type on a
 * phone: session notes of 40-200 words, agreements, follow-up actions; drafts partly written against the KIPP
 * template's word limits; checklists with evidence notes.
 */
import { uuidv7 } from 'uuidv7';
import { flattenBody } from '../../src/shared/fieldPaths';
import type { Change } from '../../src/shared/protocol';
import type { BodyOf, RecordKind } from '../../src/shared/records';
import { newChecklistBody, newDraftBody, newSessionBody } from '../../src/shared/domain';
import { checklistTemplates, latestProposalTemplate } from '../../src/shared/templates';
import { TextGenerator, between, pick, rng, type Rand } from './text';

const FIRST = [
  'Andi',
  'Nurhayati',
  'Muhammad',
  'Sitti',
  'Rahmat',
  'Hasriani',
  'Syamsul',
  'Fitriani',
  'Budi',
  'Wahyuni',
  'Irwan',
  'Sri',
  'Ahmad',
  'Kartini',
  'Yusuf',
  'Darmawati',
  'Asri',
  'Hamzah',
  'Indah',
  'Ridwan',
];
const LAST = [
  'Saputra',
  'Rahman',
  'Hasan',
  'Amir',
  'Latif',
  'Nur',
  'Syarif',
  'Wulandari',
  'Pratama',
  'Arifin',
  'Mansur',
  'Hidayat',
  'Ismail',
  'Yamin',
  'Basri',
  'Kadir',
];
const UNIT_NAMES: [BodyOf<'unit'>['type'], string[]][] = [
  [
    'opd',
    [
      'Dinas Kesehatan',
      'Dinas Pendidikan',
      'Dinas Kependudukan dan Pencatatan Sipil',
      'Dinas Sosial',
      'Dinas Lingkungan Hidup',
      'Dinas Pekerjaan Umum',
      'Badan Perencanaan Pembangunan Daerah',
      'Dinas Perhubungan',
      'Dinas Pertanian',
      'Dinas Perikanan',
      'RSUD',
      'Dinas Penanaman Modal dan PTSP',
    ],
  ],
  [
    'puskesmas',
    [
      'Puskesmas Malili',
      'Puskesmas Wotu',
      'Puskesmas Burau',
      'Puskesmas Tomoni',
      'Puskesmas Mangkutana',
      'Puskesmas Angkona',
      'Puskesmas Towuti',
      'Puskesmas Nuha',
      'Puskesmas Kalaena',
      'Puskesmas Lampia',
    ],
  ],
  [
    'kecamatan',
    [
      'Kecamatan Malili',
      'Kecamatan Wotu',
      'Kecamatan Burau',
      'Kecamatan Tomoni',
      'Kecamatan Towuti',
      'Kecamatan Nuha',
      'Kecamatan Angkona',
      'Kecamatan Kalaena',
    ],
  ],
];
const PLACES = [
  'Aula Puskesmas',
  'Ruang rapat Bagian Organisasi',
  'Kantor Camat',
  'Aula Kantor Bupati',
  'Balai desa',
  'Ruang kepala dinas',
  'Posyandu Melati',
  'Daring (video)',
];

export const name = (rand: Rand) => `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
const dateOf = (rand: Rand) => new Date(Date.UTC(2022, 0, 1) + Math.floor(rand() * 3 * 365 * 86_400_000));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface Dataset {
  changes: Change[];
  /** Ids by kind, to edit them later. */
  ids: Record<'unit' | 'person' | 'session' | 'draft' | 'checklist', string[]>;
}

export interface DatasetSize {
  units: number;
  persons: number;
  sessions: number;
  drafts: number;
  checklists: number;
}

/** The mix of a regency after some years of coaching: mostly sessions, a draft and checklist per innovation. */
export const REGENCY_10K: DatasetSize = {
  units: 30,
  persons: 250,
  sessions: 8_320,
  drafts: 700,
  checklists: 700,
};

export class DataFactory {
  readonly rand: Rand;
  readonly words = new TextGenerator();
  seq = 0;

  constructor(
    readonly deviceId: string,
    seed = 1,
  ) {
    this.rand = rng(seed);
  }

  change(
    kind: RecordKind,
    recordId: string,
    op: Change['op'],
    values: Record<string, unknown>,
    base: Record<string, number>,
  ): Change {
    return {
      deviceId: this.deviceId,
      seq: ++this.seq,
      recordId,
      kind,
      op,
      values,
      base,
      editedAt: Date.now(),
    };
  }

  create<K extends RecordKind>(kind: K, body: BodyOf<K>, id: string = uuidv7()): Change {
    const values = flattenBody(kind, body as Record<string, unknown>);
    return this.change(
      kind,
      id,
      'create',
      values,
      Object.fromEntries(Object.keys(values).map((p) => [p, 0])),
    );
  }

  sessionBody(unitIds: string[], personIds: string[]): BodyOf<'session'> {
    const r = this.rand;
    const when = dateOf(r);
    const body = newSessionBody(when);
    body.place = pick(r, PLACES);
    body.unitIds = [pick(r, unitIds)];
    // Named, not linked: the regency's people have no account, and only an account may be a session's
    // facilitator. (The draw stays, so the rest of the dataset is what it was.)
    pick(r, personIds);
    body.facilitatorId = null;
    body.facilitatorName = name(r);
    for (let i = 0, n = between(r, 2, 6); i < n; i++) {
      body.participants[uuidv7()] = {
        name: name(r),
        personId: r() < 0.5 ? pick(r, personIds) : null,
        present: r() < 0.9,
        order: i,
      };
    }
    body.topics = this.words.text(r, between(r, 6, 20));
    body.notes = this.words.text(r, between(r, 40, 200));
    body.agreements = this.words.text(r, between(r, 10, 60));
    for (let i = 0, n = between(r, 0, 3); i < n; i++) {
      const due = new Date(when.getTime() + between(r, 7, 60) * 86_400_000);
      body.actions[uuidv7()] = {
        what: this.words.text(r, between(r, 6, 20)),
        who: name(r),
        due: isoDay(due),
        status: pick(r, ['terbuka', 'selesai', 'batal'] as const),
        order: i,
      };
    }
    return body;
  }

  draftBody(unitId: string): BodyOf<'draft'> {
    const r = this.rand;
    const template = latestProposalTemplate('kipp-2023-umum');
    if (!template) throw new Error('KIPP template missing');
    const body = newDraftBody(template, unitId);
    body.title = `Inovasi ${this.words.text(r, between(r, 3, 7)).replace(/\.$/, '')}`;
    body.team = Array.from({ length: between(r, 2, 5) }, () => name(r)).join(', ');
    body.stage = pick(r, ['inisiatif', 'uji-coba', 'penerapan'] as const);
    // A draft in progress: some sections written in full, some begun, some still empty.
    const fill = r();
    for (const s of template.sections) {
      const max = s.maxWords ?? 200;
      if (r() < fill)
        body.sections[s.key] = this.words.text(r, Math.max(5, Math.floor(max * (0.2 + 0.7 * r()))));
    }
    return body;
  }

  checklistBody(draftId: string, unitId: string): BodyOf<'checklist'> {
    const r = this.rand;
    const template = pick(r, checklistTemplates.listLatest());
    const body = newChecklistBody(template, draftId, unitId);
    for (const key of Object.keys(body.items)) {
      if (r() < 0.6)
        body.items[key] = {
          status: pick(r, ['terpenuhi', 'sebagian', 'belum', 'tidak-relevan'] as const),
          evidence: r() < 0.6 ? this.words.text(r, between(r, 5, 40)) : '',
        };
    }
    return body;
  }

  /** The whole regency as create changes, units and people first (sessions refer to them). */
  dataset(size: DatasetSize): Dataset {
    const r = this.rand;
    const ids: Dataset['ids'] = { unit: [], person: [], session: [], draft: [], checklist: [] };
    const changes: Change[] = [];
    const add = (c: Change) => {
      changes.push(c);
      ids[c.kind as keyof Dataset['ids']].push(c.recordId);
    };
    const units = UNIT_NAMES.flatMap(([type, names]) => names.map((n) => ({ type, name: n })));
    for (let i = 0; i < size.units; i++) {
      const u = units[i % units.length]!;
      add(
        this.create('unit', {
          name: i < units.length ? u.name : `${u.name} ${i}`,
          type: u.type,
          demo: false,
        }),
      );
    }
    for (let i = 0; i < size.persons; i++) {
      add(
        this.create('person', {
          name: name(r),
          role: pick(r, ['innovator', 'innovator', 'facilitator'] as const),
          unitIds: [pick(r, ids.unit)],
          demo: false,
        }),
      );
    }
    for (let i = 0; i < size.drafts; i++) add(this.create('draft', this.draftBody(pick(r, ids.unit))));
    for (let i = 0; i < size.checklists; i++) {
      const draftId = ids.draft[i % Math.max(1, ids.draft.length)]!;
      add(this.create('checklist', this.checklistBody(draftId, pick(r, ids.unit))));
    }
    for (let i = 0; i < size.sessions; i++)
      add(this.create('session', this.sessionBody(ids.unit, ids.person)));
    return { changes, ids };
  }

  /** A realistic edit of a session: notes or agreements grown by a sentence or two, as autosave sends it. */
  sessionEdit(
    recordId: string,
    current: { notes: string; agreements: string },
    base: Record<string, number>,
  ): { change: Change; notes: string; agreements: string } {
    const r = this.rand;
    const field = r() < 0.7 ? 'notes' : 'agreements';
    const value = `${current[field]} ${this.words.text(r, between(r, 8, 30))}`;
    const next = { ...current, [field]: value };
    return {
      change: this.change('session', recordId, 'update', { [field]: value }, { [field]: base[field] ?? 0 }),
      ...next,
    };
  }
}
