/**
 * A non-coordinator places records only in their own units (security finding: `unitIds` [X, Y] was accepted when
 * only X was theirs, so a session reached a unit whose people the writer does not work with). Run on PGlite and
 * on a real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../src/server/db/types';
import type { Change, ChangeResult } from '../../src/shared/protocol';
import { flattenBody } from '../../src/shared/fieldPaths';
import type { BodyOf } from '../../src/shared/records';
import { CAST, UNIT_A, UNIT_B, seedUsers, syncApp, type SyncTestApp } from '../server/sync/helpers';
import { Device, draftBody, fetchRecords, push } from '../server/sync/fixtures';

const sessionBody = (unitIds: string[]): BodyOf<'session'> => ({
  startsAt: '2026-12-01T09:00',
  place: 'Puskesmas Malili',
  unitIds,
  facilitatorId: null,
  facilitatorName: '',
  participants: {},
  topics: '',
  notes: '',
  agreements: '',
  actions: {},
  draftIds: [],
});

export function placementSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`placing records in units on ${name}`, () => {
    let done: () => Promise<void>;
    let app: SyncTestApp;
    beforeAll(async () => {
      let db: Database;
      ({ db, done } = await open());
      app = syncApp(db, (await seedUsers(db, CAST)).tokens);
    });
    afterAll(async () => {
      await done();
    });

    const result = async (who: string, change: Change): Promise<ChangeResult> =>
      (await push(app, who, [change])).results[0]!;
    const createSession = (device: Device, unitIds: string[]): Change => ({
      ...device.create(draftBody(UNIT_A)),
      kind: 'session',
      values: flattenBody('session', sessionBody(unitIds)),
    });

    it('refuses a facilitator’s session in her unit and another one, and stores nothing', async () => {
      const device = new Device(`placement-${uuidv7()}`, 'facA');
      const change = createSession(device, [UNIT_A, UNIT_B]);
      const res = await result('facA', change);
      expect(res).toMatchObject({ status: 'rejected', code: 'forbidden' });
      expect((await fetchRecords(app, 'coord', [change.recordId])).records).toEqual([]);
      // In her own unit alone it is hers to make.
      expect(await result('facA', createSession(device, [UNIT_A]))).toMatchObject({ status: 'applied' });
    });

    it('refuses moving a draft, or adding a unit to a session, outside one’s units; a coordinator may', async () => {
      const inno = new Device(`placement-${uuidv7()}`, 'innoA');
      const draft = inno.create(draftBody(UNIT_A));
      const made = await result('innoA', draft);
      expect(made).toMatchObject({ status: 'applied' });
      const versions = (made as Extract<ChangeResult, { status: 'applied' }>).record.fieldVersions;
      expect(await result('innoA', inno.update(draft.recordId, { unitId: UNIT_B }, versions))).toMatchObject({
        status: 'rejected',
        code: 'forbidden',
      });
      const fac = new Device(`placement-${uuidv7()}`, 'facA');
      const session = createSession(fac, [UNIT_A]);
      const own = (await result('facA', session)) as Extract<ChangeResult, { status: 'applied' }>;
      const widened = fac.update(
        session.recordId,
        { unitIds: [UNIT_A, UNIT_B] },
        own.record.fieldVersions,
        'session',
      );
      expect(await result('facA', widened)).toMatchObject({ status: 'rejected', code: 'forbidden' });
      const coord = new Device(`placement-${uuidv7()}`, 'coord');
      const byAdmin = coord.update(
        session.recordId,
        { unitIds: [UNIT_A, UNIT_B] },
        own.record.fieldVersions,
        'session',
      );
      const spanned = (await result('coord', byAdmin)) as Extract<ChangeResult, { status: 'applied' }>;
      expect(spanned.status).toBe('applied');
      // The session's facilitator still writes it where the local admin put it.
      const notes = fac.update(
        session.recordId,
        { notes: 'Catatan baru.' },
        spanned.record.fieldVersions,
        'session',
      );
      expect(await result('facA', notes)).toMatchObject({ status: 'applied' });
    });
  });
}
