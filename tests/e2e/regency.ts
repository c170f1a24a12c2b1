/**
 * A small regency on a real sync server, for tests that visit every screen and for `npm run screenshots`: one
 * account per role, three units, people without an account, and in the innovator's puskesmas a coaching session
 * (participants, follow-ups), two drafts (one written well into its sections) and a checklist, each made by the
 * person who would make it, through the real push.
 */
import { flattenBody } from '../../src/shared/fieldPaths';
import { newChecklistBody, newDraftBody, newSessionBody } from '../../src/shared/domain';
import type { RoleName } from '../../src/shared/roles';
import {
  DEFAULT_PROPOSAL_TEMPLATE_KEY,
  checklistTemplates,
  proposalTemplates,
} from '../../src/shared/templates';
import { startE2e, type E2e } from './fixture';

export const UNITS = {
  puskesmas: { id: '0190a000-0000-7000-8000-00000000a001', name: 'Puskesmas Sukamaju', type: 'puskesmas' },
  kecamatan: { id: '0190a000-0000-7000-8000-00000000a002', name: 'Kecamatan Malili', type: 'kecamatan' },
  dinas: { id: '0190a000-0000-7000-8000-00000000a003', name: 'Dinas Kesehatan', type: 'opd' },
} as const;

/** One account per role; all but the local admin work in the puskesmas. */
export const ACCOUNTS: Record<RoleName, { name: string; email: string; unit?: string }> = {
  coordinator: { name: 'Saenab Lestari', email: 'admin@luwutimur.go.id' },
  facilitator: { name: 'Andi Pratama', email: 'pendamping@luwutimur.go.id', unit: UNITS.puskesmas.id },
  innovator: { name: 'Rina Wulandari', email: 'inovator@luwutimur.go.id', unit: UNITS.puskesmas.id },
  viewer: { name: 'Ahmad Yani', email: 'pimpinan@luwutimur.go.id', unit: UNITS.puskesmas.id },
};

/** The fixture on the regency's server, with the ids of the records a screen needs. */
export interface Regency extends E2e {
  sessionId: string;
  draftId: string;
  checklistId: string;
}

const ids = {
  kader: '0190a000-0000-7000-8000-00000000b001',
  bidan: '0190a000-0000-7000-8000-00000000b002',
  session: '0190a000-0000-7000-8000-00000000c001',
  draft: '0190a000-0000-7000-8000-00000000d001',
  secondDraft: '0190a000-0000-7000-8000-00000000d002',
  checklist: '0190a000-0000-7000-8000-00000000e001',
};

export async function startRegency(): Promise<Regency> {
  const e2e = await startE2e({ people: ACCOUNTS, tenant: 'Kabupaten Luwu Timur' });
  try {
    return { ...e2e, ...(await seedRegency(e2e)) };
  } catch (err) {
    await e2e.close();
    throw err;
  }
}

/** The regency's records, each pushed by the person who would make them. */
async function seedRegency({ server }: E2e) {
  const admin = ACCOUNTS.coordinator.email;
  for (const unit of Object.values(UNITS))
    await server.seed(admin, 'unit', { name: unit.name, type: unit.type, demo: false }, unit.id);
  const person = (name: string, position: string) => ({
    name,
    role: null,
    unitIds: [UNITS.puskesmas.id],
    demo: false,
    hasAccount: false,
    position,
  });
  await server.seed(admin, 'person', person('Wa Ode Nurhayati', 'Kader posyandu'), ids.kader);
  await server.seed(admin, 'person', person('Fitriani', 'Bidan desa'), ids.bidan);

  const session = {
    ...newSessionBody(new Date()),
    place: 'Aula Puskesmas Sukamaju',
    unitIds: [UNITS.puskesmas.id],
    facilitatorName: ACCOUNTS.facilitator.name,
    participants: {
      [ids.kader]: { name: 'Wa Ode Nurhayati', personId: ids.kader, present: true, order: 0 },
      [ids.bidan]: { name: 'Fitriani', personId: ids.bidan, present: true, order: 1 },
    },
    topics: 'Antar obat untuk pasien lansia',
    notes: 'Data pasien lansia belum lengkap; kader siap membantu pendataan.',
    agreements: 'Uji coba di dua desa bulan depan.',
    actions: {
      '0190a000-0000-7000-8000-00000000f001': {
        what: 'Lengkapi data pasien lansia',
        who: 'Wa Ode Nurhayati',
        due: '2026-12-31',
        status: 'terbuka' as const,
        order: 0,
        ownerId: null,
      },
    },
  };
  await server.seed(ACCOUNTS.facilitator.email, 'session', flattenBody('session', session), ids.session);

  const template = proposalTemplates.latest(DEFAULT_PROPOSAL_TEMPLATE_KEY)!;
  const written = Object.fromEntries(
    template.sections.map((s, i) => [
      s.key,
      i < 3
        ? 'Obat pasien lansia diantar kader ke rumah, sehingga pasien tidak perlu antre di puskesmas. '
        : '',
    ]),
  );
  const draft = {
    ...newDraftBody(template, UNITS.puskesmas.id),
    title: 'Layanan antar obat untuk lansia',
    team: 'Rina Wulandari, Fitriani',
    sections: written,
  };
  const innovator = ACCOUNTS.innovator.email;
  await server.seed(innovator, 'draft', flattenBody('draft', draft), ids.draft);
  const second = { ...newDraftBody(template, UNITS.puskesmas.id), title: 'Posyandu digital' };
  await server.seed(innovator, 'draft', flattenBody('draft', second), ids.secondDraft);
  const checklistTemplate = checklistTemplates.listLatest()[0]!;
  const checklist = newChecklistBody(checklistTemplate, ids.draft, UNITS.puskesmas.id);
  await server.seed(innovator, 'checklist', flattenBody('checklist', checklist), ids.checklist);

  return { sessionId: ids.session, draftId: ids.draft, checklistId: ids.checklist };
}
