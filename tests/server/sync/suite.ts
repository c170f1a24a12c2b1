/** The server sync suite, run on PGlite and on a real PostgreSQL (see sync-pglite / sync-postgres tests). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/db/types';
import type { AnyRecord } from '../../../src/shared/records';
import { OLDEST_PROTOCOL_VERSION, PROTOCOL_VERSION, type PushResponse } from '../../../src/shared/protocol';
import { CAST, UNIT_A, UNIT_B, seedUsers, syncApp, type SyncTestApp } from './helpers';
import type { AuthContext } from '../../../src/server/auth/types';
import { Device, draftBody, fetchRecords, pull, pullAll, push, pushDelta, streamFrom } from './fixtures';
import { applyDelta } from '../../../src/shared/pushAnswer';
import { MAX_RECORDS_REQUEST } from '../../../src/shared/protocol';

type Applied = Extract<Awaited<ReturnType<typeof push>>['results'][number], { status: 'applied' }>;
const applied = (r: Awaited<ReturnType<typeof push>>['results'][number]): Applied => {
  if (r.status !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(r)}`);
  return r;
};

export function syncSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`sync server on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let app: SyncTestApp;
    let users: Record<string, AuthContext>;
    let tenantId: string;
    beforeAll(async () => {
      ({ db, done } = await open());
      const seeded = await seedUsers(db, CAST);
      users = seeded.auth;
      tenantId = seeded.tenants['Kabupaten Contoh']!;
      app = syncApp(db, seeded.tokens);
    });
    afterAll(async () => {
      await done();
    });

    const countLog = async (recordId: string) =>
      Number(
        (
          await db.query<{ n: string }>('SELECT count(*) AS n FROM sync_changes WHERE record_id = $1', [
            recordId,
          ])
        ).rows[0]!.n,
      );

    it('applies a re-pushed change once and answers it again', async () => {
      const phone = new Device('phone-idem-1', 'innoA');
      const change = phone.create(draftBody(UNIT_A));
      const first = applied((await push(app, 'innoA', [change])).results[0]!);
      const logged = await countLog(change.recordId);
      const again = applied((await push(app, 'innoA', [change, change])).results[0]!);
      expect(again.record.rev).toBe(first.record.rev);
      expect(await countLog(change.recordId)).toBe(logged);
      const edit = phone.update(change.recordId, { title: 'Judul baru' }, first.record.fieldVersions);
      await push(app, 'innoA', [edit]);
      await push(app, 'innoA', [edit]);
      const rows = await db.query('SELECT 1 FROM sync_changes WHERE record_id = $1 AND path = $2', [
        change.recordId,
        'title',
      ]);
      expect(rows.rows).toHaveLength(2);
    });

    it('answers a slim push with what the phone does not know; the phone rebuilds the server record', async () => {
      const phone = new Device('phone-slim-1', 'innoA');
      const other = new Device('phone-slim-2', 'innoA');
      const body = draftBody(UNIT_A, { title: 'Judul awal' });
      const create = phone.create(body);
      const made = (await pushDelta(app, 'innoA', [create])).results[0]!;
      if (made.status !== 'applied') throw new Error(JSON.stringify(made));
      // Values written as sent do not travel back, only their versions.
      expect(made.delta.values).toEqual({});
      const local = {
        ...body,
        ...{ id: create.recordId, kind: 'draft' as const, tenantId: 'x', createdBy: 'x', updatedBy: 'x' },
        ...{ createdAt: 1, updatedAt: 1, deleted: false, rev: 0, fieldVersions: {} },
      };
      const server = async () => (await fetchRecords(app, 'innoA', [create.recordId])).records[0]!;
      const first = applyDelta(local, made.delta);
      expect(first).toEqual(await server());

      // Another phone writes the title and a section; this phone, on its older copy, writes the team.
      const theirs = other.update(
        create.recordId,
        { title: 'Judul kedua', 'sections.ringkasan': 'Ringkasan baru.' },
        first!.fieldVersions,
      );
      await push(app, 'innoA', [theirs]);
      const mine = phone.update(create.recordId, { team: 'Tim A' }, { team: first!.fieldVersions['team']! });
      const answered = (await pushDelta(app, 'innoA', [mine])).results[0]!;
      if (answered.status !== 'applied') throw new Error(JSON.stringify(answered));
      expect(answered.delta.values).toEqual({
        title: 'Judul kedua',
        'sections.ringkasan': 'Ringkasan baru.',
      });
      const now = await server();
      expect(answered.delta.versions).toEqual({
        team: now.fieldVersions['team'],
        title: now.fieldVersions['title'],
        'sections.ringkasan': now.fieldVersions['sections.ringkasan'],
      });
      expect(applyDelta({ ...first!, team: 'Tim A' } as AnyRecord, answered.delta)).toEqual(now);
      expect(JSON.stringify(answered).length).toBeLessThan(JSON.stringify(now).length / 2);
    });

    it('writes a record created and edited twice in one push: each write logged with its own value', async () => {
      const phone = new Device('phone-twice-1', 'innoA');
      const create = phone.create(draftBody(UNIT_A, { title: 'Satu' }));
      const id = create.recordId;
      // Made on the phone before any answer came back: no base yet.
      const second = phone.update(id, { title: 'Dua', 'sections.ringkasan': 'Ringkasan dua.' }, {});
      const third = phone.update(id, { title: 'Tiga' }, {});
      const slim = await pushDelta(app, 'innoA', [create, second, third]);
      const record = (await fetchRecords(app, 'innoA', [id])).records[0]!;
      expect(record).toMatchObject({ title: 'Tiga', sections: { ringkasan: 'Ringkasan dua.' } });
      // Each answer is the record after the whole push: its rev, and the versions of the paths it sent.
      for (const [i, result] of slim.results.entries()) {
        if (result.status !== 'applied') throw new Error(JSON.stringify(result));
        expect(result.delta.rev).toBe(record.rev);
        for (const path of Object.keys([create, second, third][i]!.values))
          expect(result.delta.versions[path]).toBe(record.fieldVersions[path]);
      }
      const log = await db.query<{ path: string; version: string; value: unknown }>(
        `SELECT path, version::text AS version, value FROM sync_changes
         WHERE record_id = $1 AND path IN ('title', 'sections.ringkasan') ORDER BY version, path`,
        [id],
      );
      const [v1, v2, v3] = [...new Set(log.rows.map((r) => r.version))];
      expect(log.rows).toEqual([
        { path: 'sections.ringkasan', version: v1, value: create.values['sections.ringkasan'] ?? null },
        { path: 'title', version: v1, value: 'Satu' },
        { path: 'sections.ringkasan', version: v2, value: 'Ringkasan dua.' },
        { path: 'title', version: v2, value: 'Dua' },
        { path: 'title', version: v3, value: 'Tiga' },
      ]);
      expect(record.fieldVersions['title']).toBe(Number(v3));
      expect(record.fieldVersions['sections.ringkasan']).toBe(Number(v2));

      // Edited twice more in one push, answered whole: the record as stored, every path's version included.
      const again = await push(app, 'innoA', [
        phone.update(id, { team: 'Tim B' }, record.fieldVersions),
        phone.update(id, { team: 'Tim C', 'sections.ringkasan': 'Ringkasan tiga.' }, record.fieldVersions),
      ]);
      const stored = (await fetchRecords(app, 'innoA', [id])).records[0]!;
      expect(stored).toMatchObject({ team: 'Tim C', sections: { ringkasan: 'Ringkasan tiga.' } });
      for (const result of again.results) expect(applied(result).record).toEqual(stored);
    });

    it('ignores a late copy of an old change that arrives after a newer one', async () => {
      const phone = new Device('phone-late-1', 'innoA');
      const created = applied((await push(app, 'innoA', [phone.create(draftBody(UNIT_A))])).results[0]!);
      const base = created.record.fieldVersions;
      const first = phone.update(created.recordId, { title: 'Pertama' }, base);
      await push(app, 'innoA', [first]);
      await push(app, 'innoA', [phone.update(created.recordId, { title: 'Kedua' }, base)]);
      const logged = await countLog(created.recordId);
      const late = applied((await push(app, 'innoA', [first])).results[0]!);
      expect(late.record).toMatchObject({ title: 'Kedua' });
      expect(await countLog(created.recordId)).toBe(logged);
    });

    it('applies concurrent edits of different fields and sections', async () => {
      const a = new Device('phone-diff-a', 'innoA');
      const f = new Device('phone-diff-f', 'coord');
      const created = applied((await push(app, 'innoA', [a.create(draftBody(UNIT_A))])).results[0]!);
      const base = created.record.fieldVersions;
      await push(app, 'innoA', [
        a.update(
          created.recordId,
          { title: 'Judul inovator', 'sections.ringkasan': 'Ringkasan inovator.' },
          base,
        ),
      ]);
      const r = applied(
        (
          await push(app, 'coord', [
            f.update(
              created.recordId,
              { team: 'Tim fasilitator', 'sections.latar-belakang-tujuan': 'Latar fasilitator.' },
              base,
            ),
          ])
        ).results[0]!,
      );
      expect(r.conflictIds).toEqual([]);
      const rec = r.record as Extract<AnyRecord, { kind: 'draft' }>;
      expect(rec.title).toBe('Judul inovator');
      expect(rec.team).toBe('Tim fasilitator');
      expect(rec.sections).toEqual({
        ...draftBody(UNIT_A).sections,
        ringkasan: 'Ringkasan inovator.',
        'latar-belakang-tujuan': 'Latar fasilitator.',
      });
    });

    it('merges concurrent edits of one section when they touch different paragraphs', async () => {
      const a = new Device('phone-clean-a', 'innoA');
      const f = new Device('phone-clean-f', 'coord');
      const created = applied((await push(app, 'innoA', [a.create(draftBody(UNIT_A))])).results[0]!);
      const base = created.record.fieldVersions;
      await push(app, 'innoA', [
        a.update(
          created.recordId,
          { 'sections.latar-belakang-tujuan': 'Latar belakang baru.\n\nPuskesmas jauh.' },
          base,
        ),
      ]);
      const r = applied(
        (
          await push(app, 'coord', [
            f.update(
              created.recordId,
              { 'sections.latar-belakang-tujuan': 'Latar belakang.\n\nPuskesmas jauh dari desa.' },
              base,
            ),
          ])
        ).results[0]!,
      );
      expect(r.conflictIds).toEqual([]);
      expect((r.record as Extract<AnyRecord, { kind: 'draft' }>).sections['latar-belakang-tujuan']).toBe(
        'Latar belakang baru.\n\nPuskesmas jauh dari desa.',
      );
    });

    it('records a conflict for the same words, keeps the server value, shows it to the unit only', async () => {
      const a = new Device('phone-conf-a', 'innoA');
      const f = new Device('phone-conf-f', 'coord');
      const created = applied((await push(app, 'innoA', [a.create(draftBody(UNIT_A))])).results[0]!);
      const base = created.record.fieldVersions;
      await push(app, 'innoA', [
        a.update(created.recordId, { 'sections.ringkasan': 'Versi inovator.' }, base),
      ]);
      const r = applied(
        (
          await push(app, 'coord', [
            f.update(created.recordId, { 'sections.ringkasan': 'Versi fasilitator.' }, base),
          ])
        ).results[0]!,
      );
      expect(r.conflictIds).toHaveLength(1);
      expect((r.record as Extract<AnyRecord, { kind: 'draft' }>).sections.ringkasan).toBe('Versi inovator.');
      const seenByA = await pullAll(app, 'innoA');
      const conflict = seenByA.find((x) => x.id === r.conflictIds[0]);
      expect(conflict).toMatchObject({
        kind: 'conflict',
        recordId: created.recordId,
        path: 'sections.ringkasan',
        base: 'Ringkasan awal.',
        winner: 'Versi inovator.',
        loser: 'Versi fasilitator.',
        winnerBy: users.innoA!.userId,
        loserBy: users.coord!.userId,
        // Shown as "versi admin lokal (…)" beside "versi Anda".
        winnerRole: 'innovator',
        winnerName: 'innoA',
        loserRole: 'coordinator',
        loserName: 'coord',
        recordDeleted: false,
        resolved: false,
      });
      expect((await pullAll(app, 'coord')).some((x) => x.id === r.conflictIds[0])).toBe(true);
      expect((await pullAll(app, 'innoB')).some((x) => x.id === r.conflictIds[0])).toBe(false);
      // Resolving: the chosen value is a normal edit, the conflict is marked resolved.
      const rec = applied(
        (
          await push(app, 'coord', [
            f.update(
              created.recordId,
              { 'sections.ringkasan': 'Versi fasilitator.' },
              r.record.fieldVersions,
            ),
            f.update(conflict!.id, { resolved: true }, conflict!.fieldVersions, 'conflict'),
          ])
        ).results[1]!,
      );
      expect(rec.record).toMatchObject({ resolved: true });
      // Nobody may edit anything else of a conflict.
      const bad = (
        await push(app, 'coord', [
          f.update(conflict!.id, { winner: 'x' }, conflict!.fieldVersions, 'conflict'),
        ])
      ).results[0]!;
      expect(bad).toMatchObject({ status: 'rejected', code: 'forbidden' });
    });

    it("merges a device's second edit against what it sent, not against the merged text", async () => {
      const a = new Device('phone-sub-a', 'innoA');
      const f = new Device('phone-sub-f', 'coord');
      const created = applied((await push(app, 'innoA', [a.create(draftBody(UNIT_A))])).results[0]!);
      const base = created.record.fieldVersions;
      await push(app, 'innoA', [
        a.update(created.recordId, { 'sections.ringkasan': 'Ringkasan A1 awal.' }, base),
      ]);
      // Two offline edits of the facilitator, both against the old base; the second builds on the first.
      const r = (
        await push(app, 'coord', [
          f.update(created.recordId, { 'sections.ringkasan': 'Ringkasan awal. F1' }, base),
          f.update(created.recordId, { 'sections.ringkasan': 'Ringkasan awal. F1\nF2' }, base),
        ])
      ).results;
      const final = (applied(r[1]!).record as Extract<AnyRecord, { kind: 'draft' }>).sections.ringkasan;
      expect(final).toBe('Ringkasan A1 awal. F1\nF2');
    });

    it('fast-forwards a device over its own earlier writes (stale base, no other writer)', async () => {
      const a = new Device('phone-ff-a', 'innoA');
      const created = applied((await push(app, 'innoA', [a.create(draftBody(UNIT_A))])).results[0]!);
      const base = created.record.fieldVersions;
      await push(app, 'innoA', [a.update(created.recordId, { 'sections.ringkasan': 'Satu.' }, base)]);
      const r = applied(
        (await push(app, 'innoA', [a.update(created.recordId, { 'sections.ringkasan': 'Dua.' }, base)]))
          .results[0]!,
      );
      expect(r.conflictIds).toEqual([]);
      expect((r.record as Extract<AnyRecord, { kind: 'draft' }>).sections.ringkasan).toBe('Dua.');
    });

    it('decides each stale edit of one push by who wrote its path since its own base', async () => {
      const a = new Device('phone-stale-a', 'innoA');
      const f = new Device('phone-stale-f', 'coord');
      const [x, y] = (await push(app, 'innoA', [a.create(draftBody(UNIT_A)), a.create(draftBody(UNIT_A))]))
        .results;
      const [baseX, baseY] = [applied(x!).record.fieldVersions, applied(y!).record.fieldVersions];
      const [idX, idY] = [x!.recordId, y!.recordId];
      // Since those bases: the phone itself wrote X's summary, the facilitator Y's background and X's title.
      await push(app, 'innoA', [a.update(idX, { 'sections.ringkasan': 'Satu.' }, baseX)]);
      await push(app, 'coord', [
        f.update(idY, { 'sections.latar-belakang-tujuan': 'Latar belakang baru.\n\nPuskesmas jauh.' }, baseY),
        f.update(idX, { title: 'Judul fasilitator' }, baseX),
      ]);
      const r = (
        await push(app, 'innoA', [
          a.update(idX, { 'sections.ringkasan': 'Dua.' }, baseX),
          a.update(
            idY,
            { 'sections.latar-belakang-tujuan': 'Latar belakang.\n\nPuskesmas jauh dari desa.' },
            baseY,
          ),
          a.update(idY, { 'sections.ringkasan': 'Ringkasan Y.' }, baseY),
        ])
      ).results.map(applied);
      expect(r.map((e) => e.conflictIds)).toEqual([[], [], []]);
      const recX = r[0]!.record as Extract<AnyRecord, { kind: 'draft' }>;
      const recY = r[2]!.record as Extract<AnyRecord, { kind: 'draft' }>;
      // Only its own writes since the base: as sent. Another's since: merged with it.
      expect(recX.sections.ringkasan).toBe('Dua.');
      expect(recX.title).toBe('Judul fasilitator');
      expect(recY.sections['latar-belakang-tujuan']).toBe(
        'Latar belakang baru.\n\nPuskesmas jauh dari desa.',
      );
      expect(recY.sections.ringkasan).toBe('Ringkasan Y.');
    });

    it('keeps an edit that meets a delete as a conflict; the record stays deleted until restored', async () => {
      const a = new Device('phone-del-a', 'innoA');
      const f = new Device('phone-del-f', 'coord');
      const created = applied((await push(app, 'innoA', [a.create(draftBody(UNIT_A))])).results[0]!);
      const base = created.record.fieldVersions;
      await push(app, 'innoA', [a.op(created.recordId, 'delete')]);
      const r = applied(
        (await push(app, 'coord', [f.update(created.recordId, { title: 'Edit offline' }, base)])).results[0]!,
      );
      expect(r.record.deleted).toBe(true);
      expect(r.conflictIds).toHaveLength(1);
      const conflict = (await pullAll(app, 'coord')).find((x) => x.id === r.conflictIds[0]);
      expect(conflict).toMatchObject({ recordDeleted: true, loser: 'Edit offline', path: 'title' });
      const restored = applied((await push(app, 'innoA', [a.op(created.recordId, 'restore')])).results[0]!);
      expect(restored.record.deleted).toBe(false);
    });

    it('pulls in pages with a cursor that never repeats nor skips', async () => {
      const p = new Device('phone-page', 'coord');
      const ids = new Set<string>();
      const changes = Array.from({ length: 25 }, () => p.create(draftBody(UNIT_B)));
      for (const c of changes) ids.add(c.recordId);
      await push(app, 'coord', changes);
      const seen: string[] = [];
      let cursor = 0;
      let pages = 0;
      for (;;) {
        const page = await pull(app, 'coord', cursor, 10);
        pages++;
        expect(page.cursor).toBeGreaterThanOrEqual(cursor);
        for (const r of page.records) expect(r.rev).toBeGreaterThan(cursor);
        seen.push(...page.records.map((r) => r.id));
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of ids) expect(seen).toContain(id);
      expect(pages).toBeGreaterThanOrEqual(3);
      const empty = await pull(app, 'coord', cursor);
      expect(empty).toMatchObject({ records: [], hasMore: false, cursor });
    });

    it('compresses pull pages', async () => {
      const res = await app.request(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0`, {
        headers: { authorization: 'Bearer coord', 'accept-encoding': 'gzip' },
      });
      expect(res.headers.get('content-encoding')).toBe('gzip');
    });

    // gzip starts at 1 KB: twenty drafts' full answer goes compressed, one draft's slim answer as it is.
    it.each([
      { drafts: 20, answer: 'full', encoding: 'gzip' },
      { drafts: 1, answer: 'delta', encoding: null },
    ] as const)('answers a push of $drafts drafts ($answer) with encoding $encoding', async (c) => {
      const phone = new Device(`phone-gzip-${c.answer}`, 'coord');
      const res = await app.request('/api/sync/push', {
        method: 'POST',
        headers: {
          authorization: 'Bearer coord',
          'content-type': 'application/json',
          'accept-encoding': 'gzip',
        },
        body: JSON.stringify({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: phone.deviceId,
          ...(c.answer === 'delta' ? { answer: 'delta' } : {}),
          changes: Array.from({ length: c.drafts }, () => phone.create(draftBody(UNIT_B))),
        }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe(c.encoding);
      const body = c.encoding ? res.body!.pipeThrough(new DecompressionStream(c.encoding)) : res.body;
      const { results } = (await new Response(body).json()) as PushResponse;
      expect(results.map((r) => r.status)).toEqual(Array(c.drafts).fill('applied'));
    });

    it('pulls summaries without long fields, then the whole records by id', async () => {
      const p = new Device('phone-summary', 'innoA');
      const long = 'Latar belakang yang panjang. '.repeat(40);
      const written = applied(
        (
          await push(app, 'innoA', [
            p.create(draftBody(UNIT_A, { title: 'Ringkas', sections: { 'latar-belakang-tujuan': long } })),
          ])
        ).results[0]!,
      ).record;
      // No section at all: nothing for a summary to leave out.
      const empty = applied(
        (await push(app, 'innoA', [p.create({ ...draftBody(UNIT_A, { title: 'Kosong' }), sections: {} })]))
          .results[0]!,
      ).record;
      const summaries = await pullAll(app, 'innoA', 'summary');
      const summary = summaries.find((r) => r.id === written.id)!;
      expect(summary).toMatchObject({
        kind: 'draft',
        title: 'Ringkas',
        partial: true,
        sections: {},
        rev: written.rev,
      });
      expect(Object.keys(summary.fieldVersions)).not.toContain('sections.latar-belakang-tujuan');
      expect(summary.fieldVersions['title']).toBe(written.fieldVersions['title']);
      // Nothing left out: sent whole, not marked partial.
      expect(summaries.find((r) => r.id === empty.id)).toEqual(empty);

      const answer = await fetchRecords(app, 'innoA', [written.id, empty.id]);
      expect(answer.records).toEqual([written, empty]);
      expect(answer).toMatchObject({ missing: [], later: [] });
    });

    it('answers a records request within its size budget and leaves the rest for later', async () => {
      const p = new Device('phone-records-budget', 'coord');
      const text = 'Kata '.repeat(3_900);
      const changes = Array.from({ length: 30 }, () =>
        p.create(
          draftBody(UNIT_B, {
            sections: { ringkasan: text, kebaruan: text, implementasi: text, signifikansi: text },
          }),
        ),
      );
      await push(app, 'coord', changes);
      const ids = changes.map((c) => c.recordId);
      const first = await fetchRecords(app, 'coord', ids);
      expect(first.records.length).toBeGreaterThan(0);
      expect(first.later.length).toBeGreaterThan(0);
      expect([...first.records.map((r) => r.id), ...first.later]).toEqual(ids);
      const rest = await fetchRecords(app, 'coord', first.later);
      expect(rest.records.length + rest.later.length).toBe(first.later.length);
    });

    it('refuses a records request that is too long or malformed, with a message', async () => {
      const ids = Array.from(
        { length: MAX_RECORDS_REQUEST + 1 },
        () => new Device('x-records', 'coord').create(draftBody(null)).recordId,
      );
      for (const body of [
        { protocolVersion: PROTOCOL_VERSION, ids },
        { protocolVersion: PROTOCOL_VERSION, ids: ['nope'] },
        { ids: [] },
      ]) {
        const res = await app.request('/api/sync/records', {
          method: 'POST',
          headers: { authorization: 'Bearer coord', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message).toBeTruthy();
      }
    });

    it('does not let a rejected change block the rest of the batch', async () => {
      const a = new Device('phone-rej-a', 'innoA');
      const bad = a.create(draftBody(UNIT_A, { title: 'x'.repeat(400) }));
      const foreign = a.create(draftBody(UNIT_B));
      const missing = a.update('0190a000-0000-7000-8000-0000000000ff', { title: 'x' }, {});
      const badPath = a.create(draftBody(UNIT_A));
      badPath.values['bukanField'] = 1;
      const nul = a.create(draftBody(UNIT_A, { title: 'nul\u0000' }));
      const good = a.create(draftBody(UNIT_A));
      const res = await push(app, 'innoA', [bad, foreign, missing, badPath, nul, good]);
      expect(res.results.map((r) => r.status)).toEqual([
        'rejected',
        'rejected',
        'rejected',
        'rejected',
        'rejected',
        'applied',
      ]);
      expect(res.results[0]).toMatchObject({ code: 'invalid' });
      expect(res.results[1]).toMatchObject({ code: 'forbidden' });
      expect(res.results[2]).toMatchObject({ code: 'not-found' });
      for (const r of res.results.filter((x) => x.status === 'rejected')) expect(r.message).toMatch(/ \/ /);
    });

    it('refuses only the changes holding a NUL, keeping what the batch wrote before and after them', async () => {
      const a = new Device('phone-nul-retry', 'innoA');
      const draft = a.create(draftBody(UNIT_A));
      const nulTitle = a.update(draft.recordId, { title: 'judul\u0000' }, {});
      const team = a.update(draft.recordId, { team: 'Tim Puskesmas' }, {});
      // A field named with a NUL: refused as unknown, its name in the answer's detail (stored, too).
      const nulField = a.update(draft.recordId, { 'bukan\u0000field': 1 }, {});
      const other = a.create(draftBody(UNIT_A, { team: 'nul\u0000' }));
      const res = await push(app, 'innoA', [draft, nulTitle, team, nulField, other]);
      expect(res.results.map((r) => [r.status, r.status === 'rejected' ? r.code : ''])).toEqual([
        ['applied', ''],
        ['rejected', 'invalid'],
        ['applied', ''],
        ['rejected', 'invalid'],
        ['rejected', 'invalid'],
      ]);
      const [stored] = (await fetchRecords(app, 'innoA', [draft.recordId])).records;
      expect(stored).toMatchObject({ title: draftBody(UNIT_A).title, team: 'Tim Puskesmas' });
      expect((await fetchRecords(app, 'innoA', [other.recordId])).records).toEqual([]);
      // Sent again, the batch is answered from what was stored, the same way.
      const again = await push(app, 'innoA', [draft, nulTitle, team, nulField, other]);
      expect(again.results.map((r) => r.status)).toEqual(res.results.map((r) => r.status));
    });

    it('accepts every protocol version in the range and refuses the others with a message to show', async () => {
      const send = (protocolVersion: unknown, body: object) =>
        app.request('/api/sync/push', {
          method: 'POST',
          headers: { authorization: 'Bearer innoA', 'content-type': 'application/json' },
          body: JSON.stringify({ protocolVersion, ...body }),
        });
      // A phone that slept on a v1 build pushes its outbox to the server that now speaks the current version,
      // pulls it back and fetches it by id, all as v1.
      expect(OLDEST_PROTOCOL_VERSION).toBe(1);
      expect(PROTOCOL_VERSION).toBeGreaterThan(OLDEST_PROTOCOL_VERSION);
      const old = new Device('phone-v1', 'innoA');
      const outbox = [old.create(draftBody(UNIT_A, { title: 'Dari ponsel lama' }))];
      outbox.push(old.update(outbox[0]!.recordId, { team: 'Tim lama' }, {}));
      const pushed = await send(1, { deviceId: 'phone-v1', changes: outbox });
      expect(pushed.status).toBe(200);
      const answer = (await pushed.json()) as Awaited<ReturnType<typeof push>>;
      expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const pulledV1 = await app.request('/api/sync/pull?protocolVersion=1&cursor=0&limit=1000', {
        headers: { authorization: 'Bearer innoA' },
      });
      expect(pulledV1.status).toBe(200);
      const page = (await pulledV1.json()) as Awaited<ReturnType<typeof pull>>;
      expect(page.records.find((r) => r.id === outbox[0]!.recordId)).toMatchObject({
        title: 'Dari ponsel lama',
        team: 'Tim lama',
      });
      const byIdV1 = await app.request('/api/sync/records', {
        method: 'POST',
        headers: { authorization: 'Bearer innoA', 'content-type': 'application/json' },
        body: JSON.stringify({ protocolVersion: 1, ids: [outbox[0]!.recordId] }),
      });
      expect(byIdV1.status).toBe(200);
      // The current version is accepted as well.
      const current = new Device('phone-v2', 'innoA');
      const pushedNow = await send(PROTOCOL_VERSION, {
        deviceId: 'phone-v2',
        changes: [current.create(draftBody(UNIT_A))],
      });
      expect(pushedNow.status).toBe(200);
      // Out of the range, below or above, or not a whole number: `protocol-version`, in both languages.
      for (const version of [OLDEST_PROTOCOL_VERSION - 1, PROTOCOL_VERSION + 1, 99, 1.5, '1']) {
        const res = await send(version, {
          deviceId: 'phone-proto',
          changes: [new Device('phone-proto', 'innoA').create(draftBody(UNIT_A))],
        });
        expect(res.status, String(version)).toBe(400);
        const body = (await res.json()) as { error: { code: string; message: string; messageEn: string } };
        expect(body.error.code).toBe('protocol-version');
        expect(body.error.message).toMatch(/diperbarui/);
        expect(body.error.messageEn).toMatch(/update/);
      }
      for (const version of [0, PROTOCOL_VERSION + 1, 'banana']) {
        const pullRes = await app.request(`/api/sync/pull?protocolVersion=${version}`, {
          headers: { authorization: 'Bearer innoA' },
        });
        expect(pullRes.status, String(version)).toBe(400);
        expect(await pullRes.json()).toMatchObject({ error: { code: 'protocol-version' } });
      }
    });

    describe('authorization matrix', () => {
      let draftA: AnyRecord;
      let unitRec: AnyRecord;
      let personal: AnyRecord;
      beforeAll(async () => {
        const a = new Device('phone-auth-a', 'innoA');
        draftA = applied(
          (await push(app, 'innoA', [a.create(draftBody(UNIT_A, { title: 'Rahasia unit A' }))])).results[0]!,
        ).record;
        personal = applied(
          (await push(app, 'innoA', [a.create(draftBody(null, { title: 'Catatan pribadi' }))])).results[0]!,
        ).record;
        const c = new Device('phone-auth-c', 'coord');
        unitRec = applied(
          (
            await push(app, 'coord', [
              {
                ...c.create(draftBody(null)),
                kind: 'unit',
                values: { name: 'Dinas Kesehatan', type: 'opd', demo: false },
              },
            ])
          ).results[0]!,
        ).record;
      });

      // Who may not see the draft hears "not there" (issue #17: not-found, like a random id); the viewer sees it.
      it.each([
        ['innoB', 'another unit', 'not-found'],
        ['other', 'another tenant', 'not-found'],
        ['viewer', 'a viewer', 'forbidden'],
      ])('refuses writes to a unit A draft by %s (%s) and leaks nothing', async (token, _who, code) => {
        const d = new Device(`phone-auth-${token}`, token);
        const r = (
          await push(app, token, [
            d.update(draftA.id, { title: 'dibajak' }, draftA.fieldVersions),
            d.op(draftA.id, 'delete'),
          ])
        ).results;
        for (const x of r) {
          expect(x).toMatchObject({ status: 'rejected', code });
          expect(JSON.stringify(x)).not.toContain('Rahasia');
        }
        const seen = await pullAll(app, 'coord');
        expect(seen.find((x) => x.id === draftA.id)).toMatchObject({
          title: 'Rahasia unit A',
          deleted: false,
        });
      });

      it('gives another tenant a record of its own under an existing id, telling nothing of the first', async () => {
        // Record ids are unique within a tenant (migration 015): the answer is the same whether the id exists
        // elsewhere or not, and the other tenant's record is left as it was.
        const o = new Device('phone-auth-o2', 'other');
        const r = (
          await push(app, 'other', [o.create(draftBody(null, { title: 'Milik kota lain' }), draftA.id)])
        ).results[0]!;
        expect(r).toMatchObject({ status: 'applied', record: { id: draftA.id, title: 'Milik kota lain' } });
        expect(JSON.stringify(r)).not.toContain('Rahasia');
        const kept = (await pullAll(app, 'coord')).find((x) => x.id === draftA.id);
        expect(kept).toMatchObject({ tenantId, rev: draftA.rev });
      });

      it('pulls only what each role may see', async () => {
        const ids = async (token: string) => new Set((await pullAll(app, token)).map((r) => r.id));
        const innoB = await ids('innoB');
        expect(innoB.has(draftA.id)).toBe(false);
        expect(innoB.has(personal.id)).toBe(false);
        expect(innoB.has(unitRec.id)).toBe(true);
        const facA = await ids('facA');
        expect(facA.has(draftA.id)).toBe(true);
        expect(facA.has(personal.id)).toBe(false);
        expect((await ids('innoA')).has(personal.id)).toBe(true);
        const coord = await ids('coord');
        expect(coord.has(draftA.id) && coord.has(personal.id)).toBe(true);
        expect((await ids('viewer')).has(draftA.id)).toBe(true);
        const other = await pullAll(app, 'other');
        expect(other.filter((r) => r.tenantId === tenantId)).toEqual([]);
        expect(JSON.stringify(other)).not.toContain('Rahasia');
      });

      it('streams a first sync of whole records, as each role may see them, resumable from any page', async () => {
        for (const token of ['innoA', 'innoB', 'facA', 'coord', 'other']) {
          const pulled = await pullAll(app, token);
          const streamed = await streamFrom(app, token);
          expect(streamed.encoding).toBe('br');
          // The same records, whole, field versions and all (the compact versions unpack to the same).
          expect(streamed.records).toEqual(pulled);
          const [start, ...rest] = streamed.lines;
          expect(start).toMatchObject({ t: 'start', records: pulled.length });
          let page = await pull(app, token, 0);
          while (page.hasMore) page = await pull(app, token, page.cursor);
          // It ends where a pull to the end ends, its pages each at a cursor above the one before.
          expect(rest.at(-1)).toEqual({ t: 'end', cursor: page.cursor });
          const cursors = rest.map((line) => (line.t === 'start' ? 0 : line.cursor));
          expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
        }
        expect(JSON.stringify((await streamFrom(app, 'innoB')).records)).not.toContain('Rahasia');
        // Gzip for a client without brotli, plain JSON lines for one that takes neither.
        const gz = await streamFrom(app, 'coord', 0, 'gzip');
        expect(gz.encoding).toBe('gzip');
        const plain = await streamFrom(app, 'coord', 0, 'identity, br;q=0');
        expect(plain.encoding).toBe(null);
        expect(plain.records).toEqual(gz.records);
        // Resumed from the cursor of a page, the stream carries the records after it, and nothing twice.
        const all = await pullAll(app, 'coord');
        const cut = all[Math.floor(all.length / 2)]!.rev;
        const resumed = await streamFrom(app, 'coord', cut);
        expect(resumed.records).toEqual(all.filter((r) => r.rev > cut));
        expect(resumed.lines[0]).toMatchObject({ t: 'start', records: resumed.records.length });
        // A v1 phone does not know the stream: it is told to update.
        const v1 = await app.request('/api/sync/stream?protocolVersion=1', {
          headers: { authorization: 'Bearer coord' },
        });
        expect(v1.status).toBe(400);
        expect(await v1.json()).toMatchObject({ error: { code: 'protocol-version' } });
      });

      it('gives whole records by id only to those who may see them', async () => {
        const hidden = await fetchRecords(app, 'innoB', [draftA.id, personal.id]);
        expect(hidden.records.map((r) => r.id)).not.toContain(draftA.id);
        expect(hidden.missing).toContain(draftA.id);
        expect(JSON.stringify(hidden)).not.toContain('Rahasia');
        // Another tenant gets only its own records, even under the same id (see the test above).
        const elsewhere = await fetchRecords(app, 'other', [draftA.id, personal.id]);
        expect(elsewhere.records.filter((r) => r.tenantId === tenantId)).toEqual([]);
        expect(elsewhere.missing).toContain(personal.id);
        expect(JSON.stringify(elsewhere)).not.toContain('Rahasia');
        expect((await fetchRecords(app, 'facA', [draftA.id])).records[0]?.id).toBe(draftA.id);
        expect((await fetchRecords(app, 'viewer', [draftA.id])).records[0]?.id).toBe(draftA.id);
        const own = await fetchRecords(app, 'innoA', [personal.id, draftA.id]);
        expect(own.records.map((r) => r.id)).toEqual([personal.id, draftA.id]);
        const summaries = await pullAll(app, 'innoB', 'summary');
        expect(summaries.map((r) => r.id)).not.toContain(draftA.id);
      });

      it('lets only coordinators write unit and person records', async () => {
        const a = new Device('phone-auth-a2', 'innoA');
        const r = (
          await push(app, 'innoA', [
            { ...a.update(unitRec.id, { name: 'Ganti' }, unitRec.fieldVersions), kind: 'unit' },
          ])
        ).results[0]!;
        expect(r).toMatchObject({ status: 'rejected', code: 'forbidden' });
      });

      it('refuses moving a draft into a unit one does not belong to', async () => {
        const a = new Device('phone-auth-a3', 'innoA');
        const r = (await push(app, 'innoA', [a.update(draftA.id, { unitId: UNIT_B }, draftA.fieldVersions)]))
          .results[0]!;
        expect(r).toMatchObject({ status: 'rejected', code: 'forbidden' });
      });

      it('answers every endpoint without a valid token with 401', async () => {
        for (const [path, init] of [
          ['/api/sync/push', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }],
          ['/api/sync/pull?protocolVersion=1', {}],
          [
            '/api/sync/records',
            { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } },
          ],
          ['/api/sync/events', {}],
        ] as const) {
          const res = await app.request(path, {
            ...init,
            headers: { ...('headers' in init ? init.headers : {}), authorization: 'Bearer nope' },
          });
          expect(res.status).toBe(401);
          expect(await res.text()).not.toContain('Rahasia');
        }
      });
    });

    it('announces pushes on the event stream', async () => {
      const res = await app.request('/api/sync/events', { headers: { authorization: 'Bearer facA' } });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const readUntil = async (needle: string) => {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          text += decoder.decode(value);
        }
      };
      await readUntil('event: ready');
      const a = new Device('phone-events', 'innoA');
      const r = applied((await push(app, 'innoA', [a.create(draftBody(UNIT_A))])).results[0]!);
      await readUntil('event: changed');
      const version = Number(/data: \{"version":(\d+)\}/.exec(text)![1]);
      expect(version).toBeGreaterThanOrEqual(r.record.rev);
      await reader.cancel();
    });
  });
}
