/**
 * Resource limits and field names on push (security findings: records that grow without limit, fields named like
 * Object.prototype members, `seq` past the int4 column), run on PGlite and on a real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../src/server/db/types';
import { PROTOCOL_VERSION, type Change, type ChangeResult } from '../../src/shared/protocol';
import { MAX_MAP_ENTRIES, MAX_RECORD_BYTES } from '../../src/shared/records';
import { CAST, UNIT_A, seedUsers, syncApp, type SyncTestApp } from '../server/sync/helpers';
import { Device, draftBody, fetchRecords, push } from '../server/sync/fixtures';

const rejected = (r: ChangeResult | undefined): Extract<ChangeResult, { status: 'rejected' }> => {
  if (r?.status !== 'rejected') throw new Error(`expected rejected, got ${JSON.stringify(r)?.slice(0, 300)}`);
  return r;
};
const applied = (r: ChangeResult | undefined): Extract<ChangeResult, { status: 'applied' }> => {
  if (r?.status !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(r)?.slice(0, 300)}`);
  return r;
};

/** A push sent as raw JSON text (so a key like `__proto__` arrives as an own property, as an attacker sends it). */
async function pushRaw(app: SyncTestApp, token: string, json: string): Promise<Response> {
  return app.request('/api/sync/push', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: json,
  });
}

export function limitsSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`push limits on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let app: SyncTestApp;
    beforeAll(async () => {
      ({ db, done } = await open());
      const seeded = await seedUsers(db, CAST);
      app = syncApp(db, seeded.tokens);
    });
    afterAll(async () => {
      await done();
    });

    const device = () => new Device(`dev-${uuidv7()}`, 'innoA');
    const stored = async (id: string) => (await fetchRecords(app, 'innoA', [id])).records[0];

    it('refuses a draft with 10,000 section entries as invalid (no 5xx) and stores nothing', async () => {
      const d = device();
      const sections = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`s${i}`, 'kata']));
      const change = d.create({ ...draftBody(UNIT_A), sections });
      const res = rejected((await push(app, 'innoA', [change])).results[0]);
      expect(res.code).toBe('invalid');
      expect(res.message).toContain('sections');
      expect(res.message).toMatch(/maks\. 100/);
      expect(await stored(change.recordId)).toBeUndefined();
    });

    it('refuses entries added one push at a time past the limit, keeping what was there', async () => {
      const d = device();
      const create = d.create({ ...draftBody(UNIT_A), sections: {} });
      applied((await push(app, 'innoA', [create])).results[0]);
      const batch = (from: number, n: number) =>
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`sections.s${from + i}`, 'kata']));
      applied(
        (await push(app, 'innoA', [d.update(create.recordId, batch(0, MAX_MAP_ENTRIES.sections), {})]))
          .results[0],
      );
      const over = rejected(
        (await push(app, 'innoA', [d.update(create.recordId, batch(1_000, 1), {})])).results[0],
      );
      expect(over.code).toBe('invalid');
      const record = await stored(create.recordId);
      expect(record?.kind === 'draft' && Object.keys(record.sections)).toHaveLength(MAX_MAP_ENTRIES.sections);
    });

    it('refuses a session with 10,000 participants as invalid', async () => {
      const d = device();
      const participants = Object.fromEntries(
        Array.from({ length: 10_000 }, (_, i) => [
          uuidv7(),
          { name: `P${i}`, personId: null, present: true, order: i },
        ]),
      );
      const id = uuidv7();
      const change: Change = {
        deviceId: d.deviceId,
        seq: ++d.seq,
        recordId: id,
        kind: 'session',
        op: 'create',
        values: {
          startsAt: '2026-11-20T09:00',
          place: '',
          unitIds: [UNIT_A],
          facilitatorId: null,
          facilitatorName: '',
          participants,
          topics: '',
          notes: '',
          agreements: '',
          actions: {},
          draftIds: [],
        },
        base: {},
        editedAt: 1,
      };
      expect(rejected((await push(app, 'innoA', [change])).results[0]).code).toBe('invalid');
      expect(await stored(id)).toBeUndefined();
    });

    it('refuses a record whose JSON is over the byte cap, built up over several pushes', async () => {
      const d = device();
      const create = d.create({ ...draftBody(UNIT_A), sections: {} });
      applied((await push(app, 'innoA', [create])).results[0]);
      // Each section at its own limit (20,000 characters): valid one by one, too big together.
      const long = 'kata '.repeat(4_000);
      const per = Math.floor(MAX_RECORD_BYTES / long.length / 2);
      let outcome: ChangeResult | undefined;
      for (let i = 0; i < 8; i++) {
        const values = Object.fromEntries(
          Array.from({ length: per }, (_, j) => [`sections.b${i}-${j}`, long]),
        );
        outcome = (await push(app, 'innoA', [d.update(create.recordId, values, {})])).results[0];
        if (outcome?.status === 'rejected') break;
      }
      const res = rejected(outcome);
      expect(res.code).toBe('invalid');
      expect(res.message).toMatch(/terlalu besar/i);
      expect(res.message).toMatch(/too big/i);
      const record = await stored(create.recordId);
      expect(JSON.stringify(record).length).toBeLessThanOrEqual(MAX_RECORD_BYTES + 4_096);
    });

    it.each(['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty'])(
      'refuses a field named %s as invalid and stores nothing',
      async (field) => {
        const d = device();
        const create = d.create(draftBody(UNIT_A));
        const first = applied((await push(app, 'innoA', [create])).results[0]);
        const change = d.update(create.recordId, {}, {});
        const values = `{${JSON.stringify(field)}:${JSON.stringify({ big: 'x'.repeat(50_000) })}}`;
        const json = JSON.stringify({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: d.deviceId,
          changes: [change],
        }).replace('"values":{}', `"values":${values}`);
        const res = await pushRaw(app, 'innoA', json);
        expect(res.status).toBe(200);
        const result = rejected(((await res.json()) as { results: ChangeResult[] }).results[0]);
        expect(result.code).toBe('invalid');
        // Refused by the unknown-field check (the detail is the field itself), not by some later accident.
        expect(result.message.endsWith(`(${field})`)).toBe(true);
        const record = (await stored(create.recordId)) as unknown as Record<string, unknown>;
        expect(Object.hasOwn(record, field)).toBe(false);
        expect(record['rev']).toBe(first.record.rev);
        expect(JSON.stringify(record)).not.toContain('xxxxxxxxxx');
        // Refused on create too: nothing stored.
        const id = uuidv7();
        const createJson = JSON.stringify({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: d.deviceId,
          changes: [{ ...d.create(draftBody(UNIT_A), id), values: {} }],
        }).replace(
          '"values":{}',
          `"values":${values.slice(0, -1)},"title":"t","unitId":${JSON.stringify(UNIT_A)}}`,
        );
        const created = await pushRaw(app, 'innoA', createJson);
        expect(created.status).toBe(200);
        expect(rejected(((await created.json()) as { results: ChangeResult[] }).results[0]).code).toBe(
          'invalid',
        );
        expect(await stored(id)).toBeUndefined();
      },
    );

    it('refuses a map entry named __proto__, and stores one named constructor as a plain entry', async () => {
      const d = device();
      const create = d.create(draftBody(UNIT_A));
      applied((await push(app, 'innoA', [create])).results[0]);
      const change = d.update(create.recordId, {}, {});
      const json = JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: d.deviceId,
        changes: [change],
      }).replace('"values":{}', '"values":{"metadata.__proto__":{"polluted":"ya"}}');
      const res = await pushRaw(app, 'innoA', json);
      expect(res.status).toBe(200);
      expect(rejected(((await res.json()) as { results: ChangeResult[] }).results[0]).code).toBe('invalid');
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

      const plain = applied(
        (
          await push(app, 'innoA', [
            d.update(create.recordId, { 'sections.constructor': 'Bagian bernama constructor' }, {}),
          ])
        ).results[0],
      );
      expect(plain.conflictIds).toEqual([]);
      const record = await stored(create.recordId);
      expect(record?.kind === 'draft' && record.sections['constructor']).toBe('Bagian bernama constructor');
    });

    it('answers seq 2^31 with a 400 and a bilingual message, not a 500; 2^31-1 still works', async () => {
      const d = device();
      const change = { ...d.create(draftBody(UNIT_A)), seq: 2 ** 31 };
      const res = await pushRaw(
        app,
        'innoA',
        JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: d.deviceId, changes: [change] }),
      );
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; messageEn: string } };
      expect(body.error.code).toBe('invalid-request');
      expect(body.error.message).toMatch(/tidak sah/);
      expect(body.error.messageEn).toMatch(/invalid/i);
      expect(await stored(change.recordId)).toBeUndefined();
      const top = { ...d.create(draftBody(UNIT_A)), seq: 2 ** 31 - 1 };
      applied((await push(app, 'innoA', [top])).results[0]);
    });
  });
}
