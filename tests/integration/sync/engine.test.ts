import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/db/types';
import {
  CAST,
  pgliteDatabase,
  seedUsers,
  syncApp,
  UNIT_A,
  UNIT_B,
  type SyncTestApp,
} from '../../server/sync/helpers';
import type { AuthContext } from '../../../src/server/auth/types';
import type { Draft, RecordKind } from '../../../src/shared/records';
import { draftBody } from '../../server/sync/fixtures';
import { META_CURSOR, META_PULL_VIEW, SyncEngine } from '../../../src/lib/sync/engine';
import type { SyncSnapshot } from '../../../src/lib/sync/snapshot';
import { SyncTransportError, type SyncTransport } from '../../../src/lib/sync/transport';
import { appTransport, openDevice, type SimDevice } from './harness';

describe('sync engine against the real server routes (PGlite)', () => {
  let db: Database;
  let app: SyncTestApp;
  let users: Record<string, AuthContext>;
  let transport: SyncTransport;
  const devices: SimDevice[] = [];
  const device = async (name: string, token: string, t: SyncTransport = transport) => {
    const d = await openDevice(name, token, users[token]!, t);
    devices.push(d);
    return d;
  };
  beforeAll(async () => {
    db = await pgliteDatabase();
    const seeded = await seedUsers(db, CAST);
    users = seeded.auth;
    app = syncApp(db, seeded.tokens);
    transport = appTransport(() => app);
  }, 60_000);
  afterAll(async () => {
    for (const d of devices) {
      d.engine.stop();
      d.store.close();
    }
    await db.close();
  });

  it('carries edits to different sections from two people to both phones', async () => {
    const inno = await device('inno', 'innoA');
    // A second writer of the draft: facilitators only review drafts, local admins write them.
    const admin = await device('admin', 'coord');
    const draft = await inno.store.create('draft', draftBody(UNIT_A));
    expect(await inno.store.countPending()).toBe(1);
    await inno.engine.sync();
    expect(await inno.store.countPending()).toBe(0);
    expect((await inno.store.get('draft', draft.id))!.rev).toBeGreaterThan(0);
    await admin.engine.sync();
    const onAdmin = await admin.store.get('draft', draft.id);
    expect(onAdmin?.title).toBe(draft.title);

    await inno.store.update('draft', draft.id, {
      sections: { ...draft.sections, ringkasan: 'Dari inovator.' },
    });
    await admin.store.update('draft', draft.id, {
      sections: { ...onAdmin!.sections, 'latar-belakang-tujuan': 'Dari admin lokal.' },
    });
    await inno.engine.sync();
    await admin.engine.sync();
    await inno.engine.sync();
    const a = await inno.store.get('draft', draft.id);
    const f = await admin.store.get('draft', draft.id);
    expect(a!.sections).toEqual({
      ...draft.sections,
      ringkasan: 'Dari inovator.',
      'latar-belakang-tujuan': 'Dari admin lokal.',
    });
    expect(f!.sections).toEqual(a!.sections);
    expect(f!.rev).toBe(a!.rev);
  });

  it('brings a same-section conflict to both phones and resolves it with one edit', async () => {
    const inno = await device('inno2', 'innoA');
    const admin = await device('admin2', 'coord');
    const draft = await inno.store.create('draft', draftBody(UNIT_A));
    await inno.engine.sync();
    await admin.engine.sync();
    await inno.store.update('draft', draft.id, { sections: { ...draft.sections, ringkasan: 'Versi Anda.' } });
    await admin.store.update('draft', draft.id, {
      sections: { ...draft.sections, ringkasan: 'Versi admin lokal.' },
    });
    await inno.engine.sync();
    const run = await admin.engine.sync();
    expect(run.conflicts).toBe(1);
    await inno.engine.sync();
    for (const d of [inno, admin]) {
      const conflicts = await d.store.list('conflict', { recordId: draft.id });
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        winner: 'Versi Anda.',
        loser: 'Versi admin lokal.',
        resolved: false,
      });
      expect((await d.store.get('draft', draft.id))!.sections.ringkasan).toBe('Versi Anda.');
    }
    const [conflict] = await admin.store.list('conflict', { recordId: draft.id });
    const current = (await admin.store.get('draft', draft.id))!;
    await admin.store.update('draft', draft.id, {
      sections: { ...current.sections, ringkasan: 'Versi admin lokal.' },
    });
    await admin.store.update('conflict', conflict!.id, { resolved: true });
    await admin.engine.sync();
    await inno.engine.sync();
    expect((await inno.store.get('draft', draft.id))!.sections.ringkasan).toBe('Versi admin lokal.');
    expect((await inno.store.get('conflict', conflict!.id))!.resolved).toBe(true);
  });

  it('sets a refused change aside and sends the rest', async () => {
    const inno = await device('inno3', 'innoA');
    const foreign = await inno.store.create('draft', draftBody(UNIT_B));
    const mine = await inno.store.create('draft', draftBody(UNIT_A));
    const run = await inno.engine.sync();
    expect(run).toMatchObject({ pushed: 1, rejected: 1 });
    const outbox = await inno.store.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ recordId: foreign.id, rejected: { code: 'forbidden' } });
    expect(outbox[0]!.rejected!.message).toContain('/');
    expect(await inno.store.countPending()).toBe(0);
    expect((await inno.store.get('draft', mine.id))!.rev).toBeGreaterThan(0);
    // Still set aside after another sync: it does not block nor get resent.
    await inno.store.create('draft', draftBody(UNIT_A));
    expect((await inno.engine.sync()).pushed).toBe(1);
  });

  it('never loses an edit made while its record is on the wire', async () => {
    const holder: { inno?: SimDevice } = {};
    let draftId = '';
    let edited = false;
    const racing: SyncTransport = {
      push: async (req, token) => {
        if (!edited && draftId) {
          edited = true;
          await holder.inno!.store.update('draft', draftId, { title: 'Diketik saat terkirim' });
        }
        return transport.push(req, token);
      },
      pull: (c, l, t, v) => transport.pull(c, l, t, v),
      records: (ids, t) => transport.records(ids, t),
      stream: (c, l, t, onLine) => transport.stream(c, l, t, onLine),
    };
    const inno = (holder.inno = await device('inno4', 'innoA', racing));
    const draft = await inno.store.create('draft', draftBody(UNIT_A));
    await inno.engine.sync();
    draftId = draft.id;
    await inno.store.update('draft', draft.id, { team: 'Tim baru' });
    await inno.engine.sync();
    expect(edited).toBe(true);
    await inno.engine.sync();
    const check = await device('check4', 'coord');
    await check.engine.sync();
    expect(await check.store.get('draft', draft.id)).toMatchObject({
      title: 'Diketik saat terkirim',
      team: 'Tim baru',
    });
    expect(await inno.store.get('draft', draft.id)).toMatchObject({
      title: 'Diketik saat terkirim',
      team: 'Tim baru',
    });
  });

  it('pulls the older records of a unit newly assigned to someone', async () => {
    const innoA = await device('inno-a-scope', 'innoA');
    const innoB = await device('inno-b-scope', 'innoB');
    const draft = await innoA.store.create('draft', draftBody(UNIT_A));
    await innoA.engine.sync();
    await innoB.engine.sync();
    expect(await innoB.store.get('draft', draft.id)).toBeUndefined();
    // Later changes of unit B move innoB's cursor past the unit A draft.
    await innoB.store.create('draft', draftBody(UNIT_B));
    await innoB.engine.sync();
    expect(await innoB.store.getMeta<number>(META_CURSOR)).toBeGreaterThan(
      (await innoA.store.get('draft', draft.id))!.rev,
    );

    const userId = users['innoB']!.userId;
    await db.query('UPDATE users SET unit_ids = $1 WHERE id = $2', [[UNIT_B, UNIT_A], userId]);
    try {
      await innoB.engine.sync();
      expect((await innoB.store.get('draft', draft.id))?.title).toBe(draft.title);
    } finally {
      await db.query('UPDATE users SET unit_ids = $1 WHERE id = $2', [[UNIT_B], userId]);
    }
  });

  it('streams a first sync in pages written as they arrive, and resumes a cut stream from the last page', async () => {
    const coord = await device('coord5', 'coord');
    const made: Draft[] = [];
    for (let i = 0; i < 30; i++)
      made.push(await coord.store.create('draft', draftBody(UNIT_B, { title: `Draf ${i}` })));
    await coord.engine.sync();
    const fresh = await openDevice('fresh5', 'coord', users.coord!, transport);
    devices.push(fresh);
    const starts: number[] = [];
    const pageRecords: string[] = [];
    const kinds = new Map<string, RecordKind>();
    let cutAfter: number | null = 2;
    const progress: NonNullable<SyncSnapshot['firstSync']>[] = [];
    const engine = new SyncEngine({
      store: fresh.store,
      pageLimit: 7,
      transport: {
        ...transport,
        stream: async (from, limit, token, onLine) => {
          starts.push(from);
          let pages = 0;
          await transport.stream(from, limit, token, (line, decoded) => {
            if (line.t === 'page') {
              if (cutAfter !== null && pages === cutAfter) {
                cutAfter = null;
                throw new SyncTransportError('Tidak ada koneksi / offline', null, 'network');
              }
              pages++;
              for (const r of line.records) {
                pageRecords.push(String(r.id));
                kinds.set(String(r.id), r.kind);
              }
            }
            return onLine(line, decoded);
          });
        },
      },
      getToken: () => 'coord',
      onSnapshot: (snap) => {
        if (snap.firstSync) progress.push(snap.firstSync);
      },
    });
    await engine.sync();
    expect(engine.snapshot.phase).toBe('offline');
    // The two pages that arrived are on the phone, and so is the cursor they reach.
    const cursorAfterCut = await fresh.store.getMeta<number>(META_CURSOR);
    expect(cursorAfterCut).toBeGreaterThan(0);
    expect(await fresh.store.getMeta<string>(META_PULL_VIEW)).toBe('stream');
    expect(pageRecords).toHaveLength(14);
    for (const id of pageRecords) expect(await fresh.store.get(kinds.get(id)!, id)).toBeDefined();
    const run = await engine.sync();
    expect(engine.snapshot).toMatchObject({ phase: 'idle', error: null, firstSync: null });
    // Resumed where it stopped: nothing came twice.
    expect(starts).toEqual([0, cursorAfterCut]);
    expect(new Set(pageRecords).size).toBe(pageRecords.length);
    expect(run.pulled).toBe(pageRecords.length - 14);
    expect(await fresh.store.getMeta<string>(META_PULL_VIEW)).toBeUndefined();
    const here = await fresh.store.list('draft', { unitId: UNIT_B });
    for (const d of made) expect(here.find((h) => h.id === d.id)).toMatchObject({ title: d.title });
    expect(here.every((d) => !d.partial)).toBe(true);
    // The progress counted records and bytes up to what the stream announced, with a time estimate.
    const last = progress.at(-1)!;
    expect(last.records).toBe(last.recordsTotal);
    expect(last.bytes).toBeGreaterThan(0);
    expect(last.bytes).toBeLessThanOrEqual(last.bytesTotal);
    expect(progress.some((p) => p.etaMs !== null)).toBe(true);
    // Later syncs pull as usual from the cursor.
    await coord.store.update('draft', made[0]!.id, { title: 'Sesudah aliran' });
    await coord.engine.sync();
    await engine.sync();
    expect(starts).toHaveLength(2);
    expect((await fresh.store.get('draft', made[0]!.id))?.title).toBe('Sesudah aliran');
  });

  it('finishes a v1 summary first sync (begun before the upgrade), then every full record, pushing its edits in between', async () => {
    const coord = await device('coord-summary', 'coord');
    const drafts: Draft[] = [];
    for (let i = 0; i < 12; i++)
      drafts.push(
        await coord.store.create(
          'draft',
          draftBody(UNIT_B, {
            title: `Ringkas ${i}`,
            sections: { 'latar-belakang-tujuan': `Teks panjang ${i}. `.repeat(30) },
          }),
        ),
      );
    await coord.engine.sync();

    const fresh = await openDevice('fresh-summary', 'coord', users.coord!, transport);
    devices.push(fresh);
    await fresh.store.setMeta(META_PULL_VIEW, 'summary');
    const calls: string[] = [];
    let editedBetween = false;
    const engine = new SyncEngine({
      store: fresh.store,
      transport: {
        push: async (req, t) => {
          calls.push(`push ${req.changes.length}`);
          return transport.push(req, t);
        },
        pull: async (c, l, t, v) => {
          calls.push(`pull ${v}`);
          return transport.pull(c, l, t, v);
        },
        records: async (ids, t) => {
          calls.push(`records ${ids.length}`);
          if (!editedBetween) {
            // A person types while the bodies download: the edit goes up before the next request.
            editedBetween = true;
            const summary = await fresh.store.get('draft', drafts[0]!.id);
            expect(summary).toMatchObject({ partial: true, sections: {} });
            await expect(
              fresh.store.update('draft', drafts[0]!.id, {
                sections: { 'latar-belakang-tujuan': 'Tertimpa?' },
              }),
            ).rejects.toMatchObject({ code: 'partial' });
            await fresh.store.update('draft', drafts[1]!.id, { title: 'Judul diubah di ponsel baru' });
          }
          return transport.records(ids.slice(0, 5), t);
        },
        stream: transport.stream,
      },
      getToken: () => 'coord',
      onSnapshot: (snap) => downloading.push(snap.downloading),
    });
    const downloading: number[] = [];
    await engine.sync();
    expect(Math.max(...downloading)).toBeGreaterThanOrEqual(12);
    expect(calls[0]).toBe('pull summary');
    expect(calls.filter((c) => c.startsWith('records')).length).toBeGreaterThan(2);
    expect(calls).toContain('push 1');
    const lastRecords = calls.map((c) => c.startsWith('records')).lastIndexOf(true);
    expect(calls.indexOf('push 1')).toBeLessThan(lastRecords);
    expect(await fresh.store.stubs(100)).toEqual([]);
    expect(engine.snapshot.downloading).toBe(0);
    for (const d of drafts) {
      const here = await fresh.store.get('draft', d.id);
      expect(here?.partial).toBeUndefined();
      expect(here?.sections['latar-belakang-tujuan']).toBe(d.sections['latar-belakang-tujuan']);
    }
    expect((await fresh.store.get('draft', drafts[1]!.id))?.title).toBe('Judul diubah di ponsel baru');
    // Later pulls are whole records.
    await coord.store.update('draft', drafts[2]!.id, {
      sections: { 'latar-belakang-tujuan': 'Versi baru.' },
    });
    await coord.engine.sync();
    calls.length = 0;
    await engine.sync();
    expect(calls).toContain('pull full');
    expect((await fresh.store.get('draft', drafts[2]!.id))?.sections['latar-belakang-tujuan']).toBe(
      'Versi baru.',
    );
  });

  it('fetches more full records than one request may ask for, 100 at a time (a v1 summary first sync)', async () => {
    const coord = await device('coord-many', 'coord');
    const long = 'Isi panjang. '.repeat(20);
    for (let i = 0; i < 620; i++)
      await coord.store.create(
        'draft',
        draftBody(UNIT_B, { title: `Banyak ${i}`, sections: { 'latar-belakang-tujuan': long } }),
      );
    await coord.engine.sync();
    const fresh = await openDevice('fresh-many', 'coord', users.coord!, transport);
    devices.push(fresh);
    await fresh.store.setMeta(META_PULL_VIEW, 'summary');
    const asked: number[] = [];
    const engine = new SyncEngine({
      store: fresh.store,
      transport: {
        push: transport.push,
        pull: transport.pull,
        records: async (ids, t) => {
          asked.push(ids.length);
          return transport.records(ids, t);
        },
        stream: transport.stream,
      },
      getToken: () => 'coord',
    });
    await engine.sync();
    expect(engine.snapshot.error).toBeNull();
    expect(Math.max(...asked)).toBeLessThanOrEqual(100);
    expect(await fresh.store.countStubs()).toBe(0);
    const drafts = await fresh.store.list('draft', { unitId: UNIT_B });
    expect(
      drafts
        .filter((d) => d.title.startsWith('Banyak '))
        .every((d) => d.sections['latar-belakang-tujuan'] === long),
    ).toBe(true);
  }, 60_000);

  it('fetches an opened summary at once, and says so when offline (a v1 summary first sync)', async () => {
    const coord = await device('coord-open', 'coord');
    const draft = await coord.store.create(
      'draft',
      draftBody(UNIT_B, { sections: { 'latar-belakang-tujuan': 'Isi yang dibuka. '.repeat(20) } }),
    );
    await coord.engine.sync();
    const fresh = await openDevice('fresh-open', 'coord', users.coord!, transport);
    devices.push(fresh);
    await fresh.store.setMeta(META_PULL_VIEW, 'summary');
    let online = true;
    const engine = new SyncEngine({
      store: fresh.store,
      transport: {
        push: transport.push,
        pull: transport.pull,
        records: async (ids, t) => {
          if (!online) throw new SyncTransportError('Tidak ada koneksi / offline', null, 'network');
          return transport.records(ids, t);
        },
        stream: transport.stream,
      },
      getToken: () => 'coord',
    });
    online = false;
    await engine.sync();
    expect(engine.snapshot.phase).toBe('offline');
    expect(await fresh.store.get('draft', draft.id)).toMatchObject({ partial: true });
    expect(await engine.fetchNow([draft.id])).toBe(false);
    online = true;
    expect(await engine.fetchNow([draft.id])).toBe(true);
    const here = await fresh.store.get('draft', draft.id);
    expect(here?.partial).toBeUndefined();
    expect(here?.sections['latar-belakang-tujuan']).toBe(draft.sections['latar-belakang-tujuan']);
  });

  it('reports offline, backs off with jitter, and recovers', async () => {
    let down = true;
    const flaky: SyncTransport = {
      push: async (req, token) => {
        if (down) throw new SyncTransportError('Tidak ada koneksi / offline', null, 'network');
        return transport.push(req, token);
      },
      pull: async (c, l, t, v) => {
        if (down) throw new SyncTransportError('Tidak ada koneksi / offline', null, 'network');
        return transport.pull(c, l, t, v);
      },
      records: async (ids, t) => {
        if (down) throw new SyncTransportError('Tidak ada koneksi / offline', null, 'network');
        return transport.records(ids, t);
      },
      stream: async (c, l, t, onLine) => {
        if (down) throw new SyncTransportError('Tidak ada koneksi / offline', null, 'network');
        return transport.stream(c, l, t, onLine);
      },
    };
    const inno = await device('inno6', 'innoA', flaky);
    await inno.store.create('draft', draftBody(UNIT_A));
    await inno.engine.sync();
    expect(inno.engine.snapshot).toMatchObject({ phase: 'offline', pending: 1 });
    expect(inno.engine.snapshot.retryAt).not.toBeNull();
    const delays = [1, 2, 3, 4, 5, 6, 12, 30].map((n) => inno.engine.backoffDelay(n));
    expect(delays[1]!).toBeGreaterThanOrEqual(60_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(5 * 60_000);
    down = false;
    await inno.engine.sync();
    expect(inno.engine.snapshot).toMatchObject({ phase: 'idle', pending: 0, error: null });
    expect(inno.engine.snapshot.lastSyncAt).not.toBeNull();
  });

  it('shows signed-out instead of sending without a token', async () => {
    const inno = await device('inno7', 'innoA');
    const engine = new SyncEngine({ store: inno.store, transport, getToken: () => null });
    await inno.store.create('draft', draftBody(UNIT_A));
    await engine.sync();
    expect(engine.snapshot).toMatchObject({ phase: 'signed-out', pending: 1 });
  });
});
