/** Conflicts in words: the part named as its screen names it, values as text, only the newest per path. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Conflict, RecordKind } from '../../../src/shared/records';
import {
  aChecklist,
  aConflict,
  aDraft,
  aFollowUp,
  aParticipant,
  aSession,
  proposalTemplate,
} from '../../factories';
import { choiceRefusal, conflictPartLabel, conflictValueText } from '../../../src/lib/sync/conflict-parts';
import { latestPerPath, supersededBy } from '../../../src/lib/sync/conflict-order';
import { resolveConflict } from '../../../src/lib/sync/resolve';
import { openLocalStore, type LocalStore } from '../../../src/lib/db';

/** A conflict the facilitator's edit won, on `path` of a record, with the sides and version given. */
function conflictOn(
  recordKind: RecordKind,
  recordId: string,
  path: string,
  sides: { winner?: unknown; loser?: unknown; rev?: number } = {},
): Conflict {
  return aConflict({
    updatedBy: 'fac',
    rev: sides.rev ?? 10,
    recordId,
    recordKind,
    path,
    winner: sides.winner ?? 'a',
    loser: sides.loser ?? 'b',
  });
}

const proposal = proposalTemplate();

describe('conflictPartLabel', () => {
  it('names session fields as the form does, and a participant or action by its name', () => {
    const pid = uuidv7();
    const aid = uuidv7();
    const session = aSession({
      updatedBy: 'fac',
      rev: 3,
      participants: { [pid]: aParticipant({ name: 'Sari Wulandari' }) },
      actions: {
        [aid]: aFollowUp({
          what: 'Kirim laporan kunjungan lapangan ke Bappeda sebelum akhir bulan ini',
          who: 'Sari',
        }),
      },
    });
    expect(conflictPartLabel(conflictOn('session', session.id, 'notes'), session)).toEqual({
      id: 'Catatan',
      en: 'Notes',
    });
    expect(conflictPartLabel(conflictOn('session', session.id, 'topics'), session).id).toBe('Topik');
    expect(conflictPartLabel(conflictOn('session', session.id, `participants.${pid}`), session)).toEqual({
      id: 'Peserta “Sari Wulandari”',
      en: 'Participants “Sari Wulandari”',
    });
    // A long "what" is cut to fit a phone's heading.
    const action = conflictPartLabel(conflictOn('session', session.id, `actions.${aid}`), session).id;
    expect(action.startsWith('Tindak lanjut “Kirim laporan')).toBe(true);
    expect(action.length).toBeLessThan(60);
    // A participant one side removed: named from the side that still has it.
    const gone = uuidv7();
    expect(
      conflictPartLabel(
        conflictOn('session', session.id, `participants.${gone}`, {
          winner: null,
          loser: aParticipant({ name: 'Budi', present: false, order: 1 }),
        }),
        session,
      ).id,
    ).toBe('Peserta “Budi”');
  });

  it('names draft sections and metadata by the template the draft was written with', () => {
    const draft = aDraft({ updatedBy: 'fac', rev: 1 });
    const section = proposal.sections[0]!;
    expect(conflictPartLabel(conflictOn('draft', draft.id, `sections.${section.key}`), draft)).toEqual(
      section.label,
    );
    const meta = proposal.metadataFields[0]!;
    expect(conflictPartLabel(conflictOn('draft', draft.id, `metadata.${meta.key}`), draft)).toEqual(
      meta.label,
    );
    expect(conflictPartLabel(conflictOn('draft', draft.id, 'title'), draft).id).toBe('Judul inovasi');
    // A section the template does not list (kept from elsewhere): named by its key, never dropped.
    expect(conflictPartLabel(conflictOn('draft', draft.id, 'sections.catatan-lama'), draft).id).toBe(
      'Bagian “catatan-lama”',
    );
  });

  it('names a checklist item by its label, and unit and person fields', () => {
    const checklist = aChecklist({ updatedBy: 'fac', rev: 1 });
    expect(
      conflictPartLabel(conflictOn('checklist', checklist.id, 'items.kepastian-hukum'), checklist),
    ).toEqual({ id: 'Kepastian hukum', en: 'Legal certainty' });
    expect(conflictPartLabel(conflictOn('unit', uuidv7(), 'name'))).toEqual({
      id: 'Nama unit',
      en: 'Unit name',
    });
    expect(conflictPartLabel(conflictOn('unit', uuidv7(), 'type')).id).toBe('Jenis unit');
    expect(conflictPartLabel(conflictOn('person', uuidv7(), 'role')).id).toBe('Peran');
  });

  it('falls back to the path for a part the app has no word for, never to nothing', () => {
    expect(conflictPartLabel(conflictOn('unit', uuidv7(), 'demo'))).toEqual({ id: 'demo', en: 'demo' });
  });
});

describe('conflictValueText', () => {
  const on = (kind: RecordKind, path: string) => conflictOn(kind, uuidv7(), path);
  it('reads a checklist item, a participant and an action as their forms show them', () => {
    expect(
      conflictValueText(on('checklist', 'items.keterbukaan'), {
        status: 'sebagian',
        evidence: 'Papan info.',
      }),
    ).toEqual({ id: 'Sebagian — Papan info.', en: 'Partly met — Papan info.' });
    expect(conflictValueText(on('checklist', 'items.keterbukaan'), { status: null, evidence: '' })?.id).toBe(
      'belum dinilai',
    );
    expect(
      conflictValueText(on('session', `participants.${uuidv7()}`), aParticipant({ name: 'Sari' }))?.id,
    ).toBe('Sari · hadir');
    expect(
      conflictValueText(
        on('session', `actions.${uuidv7()}`),
        aFollowUp({ what: 'Kirim laporan', who: 'Budi', due: '2026-12-01', status: 'selesai' }),
      )?.id,
    ).toBe('Kirim laporan · Budi · 2026-12-01 · Selesai');
  });

  it('names choices and ids in words, and says nothing for an empty side', () => {
    expect(conflictValueText(on('unit', 'type'), 'puskesmas')?.id).toBe('UPTD/Puskesmas');
    expect(conflictValueText(on('draft', 'stage'), 'uji-coba')?.id).toBe('Uji coba');
    expect(conflictValueText(on('draft', 'reviewStatus'), 'revisi')?.en).toBe('Revision asked');
    const unit = uuidv7();
    const names = (id: string) => (id === unit ? 'Puskesmas Sukamaju' : undefined);
    expect(conflictValueText(on('session', 'unitIds'), [unit], names)?.id).toBe('Puskesmas Sukamaju');
    expect(conflictValueText(on('session', 'notes'), '')).toBeNull();
    expect(conflictValueText(on('session', `participants.${uuidv7()}`), null)).toBeNull();
    expect(conflictValueText(on('session', 'unitIds'), [])).toBeNull();
  });
});

describe('choiceRefusal: the card offers no choice the server would refuse', () => {
  it('lets writers choose, viewers never, and only coordinators on units and people', () => {
    for (const kind of ['session', 'draft', 'checklist'] as const) {
      for (const role of ['innovator', 'facilitator', 'coordinator'] as const)
        expect(choiceRefusal(role, kind)).toBeNull();
      expect(choiceRefusal('viewer', kind)?.id).toMatch(/hanya membaca/);
    }
    for (const kind of ['unit', 'person'] as const) {
      expect(choiceRefusal('coordinator', kind)).toBeNull();
      expect(choiceRefusal('innovator', kind)?.id).toMatch(/Hanya admin lokal/);
      expect(choiceRefusal('facilitator', kind)?.en).toMatch(/Only a local admin/);
    }
    // The guest's data is only on this phone: nothing to refuse.
    expect(choiceRefusal(null, 'unit')).toBeNull();
  });
});

describe('only the newest conflict per path', () => {
  const record = uuidv7();
  const first = conflictOn('session', record, 'notes', { rev: 5, loser: 'Catatan 1' });
  const second = conflictOn('session', record, 'notes', { rev: 8, loser: 'Catatan 1 2' });
  const third = conflictOn('session', record, 'notes', { rev: 12, loser: 'Catatan 1 2 3' });
  const other = conflictOn('session', record, 'topics', { rev: 6 });
  const elsewhere = conflictOn('session', uuidv7(), 'notes', { rev: 4 });

  it('shows the newest per record and path, and skips resolved ones', () => {
    expect(latestPerPath([first, third, other, second, elsewhere]).map((c) => c.id)).toEqual([
      third.id,
      other.id,
      elsewhere.id,
    ]);
    expect(latestPerPath([first, { ...third, resolved: true }, second]).map((c) => c.id)).toEqual([
      second.id,
    ]);
  });

  it('lets a choice settle the older ones on its path, never a newer one', () => {
    const all = [first, second, third, other, elsewhere];
    expect(
      supersededBy(third, all)
        .map((c) => c.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    expect(supersededBy(second, all).map((c) => c.id)).toEqual([first.id]);
  });
});

describe('resolving the newest resolves the older ones on its path', () => {
  const stores: LocalStore[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
  });

  it('writes the chosen value once and marks every superseded conflict resolved, in the outbox', async () => {
    const store = await openLocalStore({ userId: `me-${uuidv7()}`, tenantId: 't1' });
    stores.push(store);
    const session = aSession({
      updatedBy: 'fac',
      notes: 'Versi fasilitator.',
      rev: 4,
      fieldVersions: { notes: 4 },
    });
    const older = conflictOn('session', session.id, 'notes', { rev: 5, loser: 'Saya 1' });
    const newest = conflictOn('session', session.id, 'notes', { rev: 9, loser: 'Saya 1 dan 2' });
    const topics = conflictOn('session', session.id, 'topics', { rev: 7 });
    await store.applyRemote([session, older, newest, topics]);

    await resolveConflict(store, newest, 'loser');

    const after = await store.get('session', session.id);
    expect(after?.kind === 'session' && after.notes).toBe('Saya 1 dan 2');
    expect((await store.get('conflict', older.id))?.resolved).toBe(true);
    expect((await store.get('conflict', newest.id))?.resolved).toBe(true);
    expect((await store.get('conflict', topics.id))?.resolved).toBe(false);
    const outbox = await store.outbox();
    expect(outbox.map((e) => e.recordId).sort()).toEqual([session.id, older.id, newest.id].sort());
    expect(outbox.find((e) => e.recordId === older.id)?.values).toEqual({ resolved: true });
  });
});
