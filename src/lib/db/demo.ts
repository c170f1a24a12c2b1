/**
 * The demo regency offered on first start, so a new user can look around before the server provides real
 * units and people. Everything it creates is listed in meta (`demo`), so it can be removed in one step: one
 * transaction of tombstones, nothing half-removed. Units and people also carry `demo: true`.
 */
import { uuidv7 } from 'uuidv7';
import type { AnyRecord, RecordKind } from '../../shared/records';
import { DEFAULT_PROPOSAL_TEMPLATE_KEY, latestProposalTemplate } from '../../shared/templates';
import { newDraftBody, newSessionBody } from '../../shared/domain/factories';
import type { MetaStore, RecordStore } from './types';

/** The demo touches records and remembers their ids in meta. */
type DemoStore = RecordStore & MetaStore;
import { ROLE_LABELS } from '../../shared/roles';

/** The demo people are named by their role, in the programme's words. */
const DEMO_FACILITATOR = `Rina ${ROLE_LABELS.facilitator.id} (demo)`;
const DEMO_INNOVATOR = `Budi ${ROLE_LABELS.innovator.id} (demo)`;

export const DEMO_META_KEY = 'demo';

export interface DemoManifest {
  records: { kind: RecordKind; id: string }[];
  createdAt: number;
}

export const DEMO_REGENCY_NAME = 'Kabupaten Contoh (demo)';

const DEMO_UNITS = [
  { name: 'RSUD Kabupaten Contoh (demo)', type: 'lainnya' },
  { name: 'Puskesmas Sukamaju (demo)', type: 'puskesmas' },
  { name: 'Puskesmas Tanjung Harapan (demo)', type: 'puskesmas' },
  { name: 'Kecamatan Sukamaju (demo)', type: 'kecamatan' },
  { name: 'Dinas Kesehatan (demo)', type: 'opd' },
  { name: 'Dinas Kependudukan dan Pencatatan Sipil (demo)', type: 'opd' },
] as const;

export async function hasDemo(store: MetaStore): Promise<boolean> {
  return (await store.getMeta<DemoManifest>(DEMO_META_KEY)) !== undefined;
}

/** Creates the demo regency (once: does nothing when it is already there). Returns whether it created it. */
export async function seedDemoRegency(store: DemoStore): Promise<boolean> {
  const template = latestProposalTemplate(DEFAULT_PROPOSAL_TEMPLATE_KEY);
  if (!template) throw new Error(`Template ${DEFAULT_PROPOSAL_TEMPLATE_KEY} missing`);
  return store.batch(async () => {
    if (await hasDemo(store)) return false;
    const created: AnyRecord[] = [];
    for (const u of DEMO_UNITS) created.push(await store.create('unit', { ...u, demo: true }));
    const pkm1 = created[1]!.id;
    const facilitator = await store.create('person', {
      name: DEMO_FACILITATOR,
      role: 'facilitator',
      unitIds: [],
      demo: true,
    });
    const innovator = await store.create('person', {
      name: DEMO_INNOVATOR,
      role: 'innovator',
      unitIds: [pkm1],
      demo: true,
    });
    created.push(
      facilitator,
      innovator,
      await store.create('person', {
        name: `Sari ${ROLE_LABELS.coordinator.id} (demo)`,
        role: 'coordinator',
        unitIds: [],
        demo: true,
      }),
    );
    const body = newDraftBody(template, pkm1);
    const draft = await store.create('draft', {
      ...body,
      title: 'Posyandu Keliling Digital (contoh)',
      team: 'Tim Inovasi Puskesmas Sukamaju (demo)',
      sections: {
        ...body.sections,
        ringkasan:
          'Contoh: kader posyandu mencatat penimbangan balita di ponsel, sehingga data gizi sampai ke puskesmas pada hari yang sama.',
      },
    });
    created.push(draft);
    const actionId = uuidv7();
    const participantId = uuidv7();
    created.push(
      await store.create('session', {
        ...newSessionBody(),
        place: 'Aula Puskesmas Sukamaju (demo)',
        unitIds: [pkm1],
        // Named, not linked: the demo facilitator has no account, and only an account may be a session's
        // facilitator once signed in (`facilitatorRefusal`, src/shared/access.ts).
        facilitatorId: null,
        facilitatorName: DEMO_FACILITATOR,
        participants: {
          [participantId]: { name: DEMO_INNOVATOR, personId: innovator.id, present: true, order: 1 },
        },
        topics: 'Latar belakang masalah dan tujuan terukur (contoh)',
        notes: 'Sesi contoh untuk mencoba aplikasi. Hapus data demo kapan saja.',
        agreements: 'Melengkapi bagian Latar Belakang dan Tujuan (contoh)',
        actions: {
          [actionId]: {
            what: 'Kumpulkan data sebelum inovasi',
            who: 'Budi Inovator (demo)',
            ownerId: innovator.id,
            due: '',
            status: 'terbuka',
            order: 1,
          },
        },
        draftIds: [draft.id],
      }),
    );
    const manifest: DemoManifest = {
      records: created.map((r) => ({ kind: r.kind, id: r.id })),
      createdAt: Date.now(),
    };
    await store.setMeta(DEMO_META_KEY, manifest);
    return true;
  });
}

/**
 * Removes the demo regency in one transaction: tombstones for everything it created, for any other unit or
 * person marked demo, and for checklists made on the demo draft.
 */
export async function removeDemoRegency(store: DemoStore): Promise<number> {
  return store.batch(async () => {
    const manifest = await store.getMeta<DemoManifest>(DEMO_META_KEY);
    const targets = new Map<string, RecordKind>();
    for (const r of manifest?.records ?? []) targets.set(r.id, r.kind);
    for (const u of await store.list('unit')) if (u.demo) targets.set(u.id, 'unit');
    for (const p of await store.list('person')) if (p.demo) targets.set(p.id, 'person');
    for (const r of manifest?.records ?? [])
      if (r.kind === 'draft')
        for (const c of await store.list('checklist', { draftId: r.id })) targets.set(c.id, 'checklist');
    let removed = 0;
    for (const [id, kind] of targets) {
      const record = await store.get(kind, id);
      if (!record || record.deleted) continue;
      await store.remove(kind, id);
      removed++;
    }
    await store.setMeta(DEMO_META_KEY, undefined);
    return removed;
  });
}
