import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { cleanup, freshStore } from './helpers';
import { newChecklistBody, newDraftBody, newSessionBody } from '../../../src/shared/domain/factories';
import { latestChecklistTemplate, latestProposalTemplate } from '../../../src/shared/templates';
import { localDateTime } from '../../../src/shared/domain/factories';
import { aSession } from '../../factories';

afterEach(cleanup);

const kipp = latestProposalTemplate('kipp-2023-umum')!;

describe('list filters', () => {
  it('sessions by unit and inclusive date range, newest first', async () => {
    const store = await freshStore();
    const u1 = uuidv7();
    const u2 = uuidv7();
    const mk = (startsAt: string, unitIds: string[]) =>
      store.create('session', { ...newSessionBody(), startsAt, unitIds });
    const a = await mk('2025-01-10T09:00', [u1]);
    const b = await mk('2025-02-01T08:00', [u1, u2]);
    const c = await mk('2025-02-28T23:59', [u2]);
    const d = await mk('2025-03-01T00:00', []);
    expect((await store.list('session')).map((s) => s.id)).toEqual([d.id, c.id, b.id, a.id]);
    expect((await store.list('session', { limit: 2 })).map((s) => s.id)).toEqual([d.id, c.id]);
    expect((await store.list('session', { unitId: u1 })).map((s) => s.id)).toEqual([b.id, a.id]);
    expect((await store.list('session', { from: '2025-02-01', to: '2025-02-28' })).map((s) => s.id)).toEqual([
      c.id,
      b.id,
    ]);
    expect((await store.list('session', { unitId: u2, to: '2025-02-27' })).map((s) => s.id)).toEqual([b.id]);
    expect((await store.list('session', { from: '2025-03-01' })).map((s) => s.id)).toEqual([d.id]);
  });

  it('drafts by unit, most recently edited first; checklists by draft', async () => {
    const store = await freshStore();
    const unit = uuidv7();
    const d1 = await store.create('draft', newDraftBody(kipp, unit));
    const d2 = await store.create('draft', newDraftBody(kipp, null));
    await new Promise((r) => setTimeout(r, 5));
    await store.update('draft', d1.id, { title: 'Diubah' });
    expect((await store.list('draft')).map((d) => d.id)).toEqual([d1.id, d2.id]);
    expect((await store.list('draft', { unitId: unit })).map((d) => d.id)).toEqual([d1.id]);
    const tpl = latestChecklistTemplate('kriteria-inovasi-5')!;
    const c1 = await store.create('checklist', newChecklistBody(tpl, d1.id, unit));
    await store.create('checklist', newChecklistBody(tpl, d2.id, null));
    expect((await store.list('checklist', { draftId: d1.id })).map((c) => c.id)).toEqual([c1.id]);
    expect((await store.list('checklist', { unitId: unit })).map((c) => c.id)).toEqual([c1.id]);
  });

  it('units sorted by name', async () => {
    const store = await freshStore();
    for (const name of ['Puskesmas B', 'Dinas Kesehatan', 'puskesmas a'])
      await store.create('unit', { name, type: 'opd', demo: false });
    expect((await store.list('unit')).map((u) => u.name)).toEqual([
      'Dinas Kesehatan',
      'puskesmas a',
      'Puskesmas B',
    ]);
  });
});

describe('text search', () => {
  it('finds records holding every word, accent- and case-insensitive, last word as prefix', async () => {
    const store = await freshStore();
    const s1 = await store.create('session', {
      ...newSessionBody(),
      place: 'Aula Puskesmas Malili',
      notes: 'Membahas kebaruan inovasi',
    });
    const s2 = await store.create('session', { ...newSessionBody(), topics: 'Kebaruan dan signifikansi' });
    const s3 = await store.create('session', { ...newSessionBody(), agreements: 'Survei kepuasan' });
    const ids = async (text: string) => (await store.list('session', { text })).map((s) => s.id).sort();
    expect(await ids('kebaruan')).toEqual([s1.id, s2.id].sort());
    expect(await ids('KEBARUAN puskesmas')).toEqual([s1.id]);
    expect(await ids('kebaruan signif')).toEqual([s2.id]);
    expect(await ids('survéi')).toEqual([s3.id]);
    expect(await ids('tidakada')).toEqual([]);
    // A word only as a prefix of a non-last term does not match.
    expect(await ids('kebar puskesmas')).toEqual([]);
    // Edits reindex; deleted records leave results.
    await store.update('session', s3.id, { agreements: 'Kebaruan disepakati' });
    expect(await ids('kebaruan')).toEqual([s1.id, s2.id, s3.id].sort());
    await store.remove('session', s2.id);
    expect(await ids('kebaruan')).toEqual([s1.id, s3.id].sort());
    expect((await store.list('session', { text: '  !! ' })).length).toBe(2);
  });

  it('searches draft titles and sections, combined with the unit filter', async () => {
    const store = await freshStore();
    const unit = uuidv7();
    const body = newDraftBody(kipp, unit);
    const d = await store.create('draft', {
      ...body,
      title: 'Posyandu Keliling',
      sections: { ...body.sections, ringkasan: 'Kader mencatat penimbangan balita' },
    });
    await store.create('draft', { ...newDraftBody(kipp, null), title: 'Posyandu Remaja' });
    expect((await store.list('draft', { text: 'posyandu balita' })).map((r) => r.id)).toEqual([d.id]);
    expect((await store.list('draft', { text: 'posyandu', unitId: unit })).map((r) => r.id)).toEqual([d.id]);
    expect(await store.list('draft', { text: 'posyandu', limit: 1 })).toHaveLength(1);
  });

  it('is index-backed: 10,000 sessions, a search and a first page stay fast', async () => {
    const store = await freshStore();
    const places = ['Malili', 'Wotu', 'Nuha', 'Towuti', 'Burau', 'Angkona', 'Mangkutana', 'Tomoni'];
    const topics = ['kebaruan', 'signifikansi', 'keberlanjutan', 'replikasi', 'anggaran', 'survei'];
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const startsAt = localDateTime(new Date(2020, 0, 1, 8, i));
      return aSession({
        tenantId: 'local',
        createdAt: i,
        updatedAt: i,
        createdBy: 'guest',
        updatedBy: 'guest',
        startsAt,
        place: `Puskesmas ${places[i % places.length]!}`,
        topics: `${topics[i % topics.length]!} inovasi nomor${i}`,
      });
    });
    // Seeded through applyRemote (one transaction), the path a first sync takes.
    await store.applyRemote(rows);
    // Towuti (i % 8 = 3) never meets kebaruan (i % 6 = 0); Burau (i % 8 = 4) does when i % 24 = 12.
    expect(await store.list('session', { text: 'towuti kebaruan' })).toEqual([]);
    const t0 = performance.now();
    const burau = await store.list('session', { text: 'burau kebaruan' });
    const searchMs = performance.now() - t0;
    expect(burau).toHaveLength(417);
    expect(burau.every((s) => s.place === 'Puskesmas Burau' && s.topics.startsWith('kebaruan'))).toBe(true);
    const exact = await store.list('session', { text: 'nomor4242' });
    expect(exact.map((s) => s.topics)).toEqual(['kebaruan inovasi nomor4242']);
    // A word every record holds, first page only: sorted before validation, so only 50 are validated.
    const t2 = performance.now();
    const broad = await store.list('session', { text: 'puskesmas', limit: 50 });
    const broadMs = performance.now() - t2;
    expect(broad).toHaveLength(50);
    expect(broad[0]!.startsAt).toBe(rows[9_999]!.startsAt);
    const t1 = performance.now();
    const page = await store.list('session', { limit: 50 });
    const pageMs = performance.now() - t1;
    expect(page).toHaveLength(50);
    expect(page[0]!.startsAt).toBe(rows[9_999]!.startsAt);
    console.log(
      `10k sessions (node, fake-indexeddb): search ${searchMs.toFixed(0)} ms, broad search page ${broadMs.toFixed(0)} ms, first page ${pageMs.toFixed(0)} ms`,
    );
    // Generous bounds: the budget is measured in Chromium by the bench; this only catches a full-scan regression.
    expect(searchMs).toBeLessThan(2_000);
    expect(pageMs).toBeLessThan(2_000);
    expect(broadMs).toBeLessThan(2_000);
  }, 60_000);
});
