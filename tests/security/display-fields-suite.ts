/**
 * Forged display fields (security finding): a session's `facilitatorId` and `facilitatorName` were client-set,
 * and `facilitatorId` decides who writes the session, so a writer could name an innovator, a made-up id or
 * another tenant's account as its facilitator. Now it names nobody, the writer, or (handed over by a local admin
 * or the session's facilitator) an active facilitator or local admin account of the tenant; the names beside an
 * account's id (the facilitator's, a follow-up owner's) are the account's. Run on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../src/server/db/types';
import type { Change, ChangeResult } from '../../src/shared/protocol';
import { flattenBody } from '../../src/shared/fieldPaths';
import type { BodyOf, Session } from '../../src/shared/records';
import { newSessionBody } from '../../src/shared/domain';
import { writeRefusalText } from '../../src/shared/access';
import { CAST, UNIT_A, seedUsers, syncApp, type SyncTestApp } from '../server/sync/helpers';
import { Device, fetchRecords, push } from '../server/sync/fixtures';

type Applied = Extract<ChangeResult, { status: 'applied' }>;

const sessionBody = (patch: Partial<BodyOf<'session'>> = {}): BodyOf<'session'> => ({
  ...newSessionBody(new Date('2026-12-01T09:00:00')),
  place: 'Puskesmas Malili',
  unitIds: [UNIT_A],
  ...patch,
});

const sessionChange = (device: Device, body: BodyOf<'session'>, id = uuidv7()): Change => ({
  deviceId: device.deviceId,
  seq: ++device.seq,
  recordId: id,
  kind: 'session',
  op: 'create',
  values: flattenBody('session', body),
  base: {},
  editedAt: 1_700_000_000_000,
});

const FACILITATOR_REFUSED = writeRefusalText('facilitator-account');

export function displayFieldsSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`who a session names, on ${name}`, () => {
    let done: () => Promise<void>;
    let app: SyncTestApp;
    let users: Awaited<ReturnType<typeof seedUsers>>['auth'];
    const uid = (key: string) => users[key]!.userId;

    beforeAll(async () => {
      let db: Database;
      ({ db, done } = await open());
      const seeded = await seedUsers(db, {
        ...CAST,
        facA2: { tenant: 'Kabupaten Contoh', role: 'facilitator', unitIds: [UNIT_A] },
        facGone: { tenant: 'Kabupaten Contoh', role: 'facilitator', unitIds: [UNIT_A] },
        facOther: { tenant: 'Kota Lain', role: 'facilitator', unitIds: [] },
      });
      users = seeded.auth;
      await db.query('UPDATE users SET disabled = true WHERE id = $1', [uid('facGone')]);
      app = syncApp(db, seeded.tokens);
    });
    afterAll(async () => {
      await done();
    });

    const result = async (who: string, change: Change): Promise<ChangeResult> =>
      (await push(app, who, [change])).results[0]!;
    const stored = async (id: string): Promise<Session | undefined> =>
      (await fetchRecords(app, 'coord', [id])).records[0] as Session | undefined;
    /** A session of unit A made by facA, naming herself. */
    async function facilitatorsSession(device: Device): Promise<Session> {
      const made = await result('facA', sessionChange(device, sessionBody({ facilitatorId: uid('facA') })));
      expect(made.status).toBe('applied');
      return (made as Applied).record as Session;
    }
    const update = (device: Device, session: Session, values: Record<string, unknown>): Change =>
      device.update(session.id, values, session.fieldVersions, 'session');

    it('takes a facilitator’s session naming herself, with her account’s name whatever the phone sent', async () => {
      const device = new Device(`display-${uuidv7()}`, 'facA');
      const change = sessionChange(
        device,
        sessionBody({ facilitatorId: uid('facA'), facilitatorName: 'Kepala Dinas' }),
      );
      expect(await result('facA', change)).toMatchObject({ status: 'applied' });
      expect(await stored(change.recordId)).toMatchObject({
        facilitatorId: uid('facA'),
        facilitatorName: 'facA',
      });
    });

    it('refuses a new session naming an innovator, a made-up id, another tenant’s or a disabled account, alike', async () => {
      const device = new Device(`display-${uuidv7()}`, 'facA');
      for (const named of [uid('innoA'), uuidv7(), uid('facOther'), uid('facGone'), uid('viewer')]) {
        const change = sessionChange(device, sessionBody({ facilitatorId: named }));
        const res = await result('facA', change);
        expect(res).toMatchObject({ status: 'rejected', code: 'forbidden' });
        expect((res as { message: string }).message).toContain(FACILITATOR_REFUSED);
        expect(await stored(change.recordId)).toBeUndefined();
      }
    });

    it('lets a facilitator make a session for a colleague, and a local admin name one', async () => {
      const device = new Device(`display-${uuidv7()}`, 'facA');
      const forColleague = sessionChange(device, sessionBody({ facilitatorId: uid('facA2') }));
      expect(await result('facA', forColleague)).toMatchObject({ status: 'applied' });
      expect(await stored(forColleague.recordId)).toMatchObject({ facilitatorName: 'facA2' });
      const coord = new Device(`display-${uuidv7()}`, 'coord');
      const byAdmin = sessionChange(
        coord,
        sessionBody({ facilitatorId: uid('coord'), facilitatorName: 'x' }),
      );
      expect(await result('coord', byAdmin)).toMatchObject({ status: 'applied' });
      expect(await stored(byAdmin.recordId)).toMatchObject({ facilitatorName: 'coord' });
    });

    it('lets the facilitator hand her session to a colleague, not to an innovator; the rest of the change applies', async () => {
      const device = new Device(`display-${uuidv7()}`, 'facA');
      const session = await facilitatorsSession(device);
      const toInnovator = await result(
        'facA',
        update(device, session, { facilitatorId: uid('innoA'), notes: 'Catatan rapat.' }),
      );
      expect(toInnovator).toMatchObject({ status: 'rejected', code: 'forbidden' });
      expect((toInnovator as { message: string }).message).toContain(`facilitatorId: ${FACILITATOR_REFUSED}`);
      const after = (await stored(session.id))!;
      expect(after).toMatchObject({ facilitatorId: uid('facA'), notes: 'Catatan rapat.' });
      // The innovator named did not become its writer.
      const inno = new Device(`display-${uuidv7()}`, 'innoA');
      expect(await result('innoA', update(inno, after, { notes: 'Ditulis inovator.' }))).toMatchObject({
        status: 'rejected',
        code: 'forbidden',
      });

      const handed = await result('facA', update(device, after, { facilitatorId: uid('facA2') }));
      expect(handed).toMatchObject({ status: 'applied' });
      expect((handed as Applied).record).toMatchObject({
        facilitatorId: uid('facA2'),
        facilitatorName: 'facA2',
      });
    });

    it('refuses an innovator naming herself facilitator of a session she may read', async () => {
      const device = new Device(`display-${uuidv7()}`, 'facA');
      const session = await facilitatorsSession(device);
      const inno = new Device(`display-${uuidv7()}`, 'innoA');
      expect(await result('innoA', update(inno, session, { facilitatorId: uid('innoA') }))).toMatchObject({
        status: 'rejected',
        code: 'forbidden',
      });
      expect(await stored(session.id)).toMatchObject({ facilitatorId: uid('facA') });
    });

    it('keeps the account’s name beside the account’s id when only the name is sent', async () => {
      const device = new Device(`display-${uuidv7()}`, 'facA');
      const session = await facilitatorsSession(device);
      const renamed = await result('facA', update(device, session, { facilitatorName: 'Bupati' }));
      expect((renamed as Applied).record).toMatchObject({ facilitatorName: 'facA' });
      // Without an account named, the name is the one typed (a guest facilitator).
      const cleared = await result(
        'facA',
        update(device, (renamed as Applied).record as Session, {
          facilitatorId: null,
          facilitatorName: 'Tamu dari provinsi',
        }),
      );
      expect((cleared as Applied).record).toMatchObject({
        facilitatorId: null,
        facilitatorName: 'Tamu dari provinsi',
      });
    });

    it('names a follow-up’s owner by the account’s name; someone without an account as typed', async () => {
      const device = new Device(`display-${uuidv7()}`, 'facA');
      const owned = uuidv7();
      const guest = uuidv7();
      const change = sessionChange(
        device,
        sessionBody({
          facilitatorId: uid('facA'),
          actions: {
            [owned]: {
              what: 'Data',
              who: 'Kepala Dinas',
              due: '',
              status: 'terbuka',
              order: 1,
              ownerId: uid('innoA'),
            },
            [guest]: {
              what: 'Undangan',
              who: 'Bu Kader',
              due: '',
              status: 'terbuka',
              order: 2,
              ownerId: null,
            },
          },
        }),
      );
      const made = (await result('facA', change)) as Applied;
      const actions = (made.record as Session).actions;
      expect(actions[owned]).toMatchObject({ who: 'innoA', ownerId: uid('innoA') });
      expect(actions[guest]).toMatchObject({ who: 'Bu Kader' });
      // Re-assigned later: the new owner's name goes with it.
      const moved = await result(
        'facA',
        update(device, made.record as Session, {
          [`actions.${guest}`]: { ...actions[guest]!, who: 'Siapa saja', ownerId: uid('innoB') },
        }),
      );
      expect(((moved as Applied).record as Session).actions[guest]).toMatchObject({
        who: 'innoB',
        ownerId: uid('innoB'),
      });
    });
  });
}
