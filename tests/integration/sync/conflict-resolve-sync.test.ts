/**
 * A conflict chosen on a phone with no network reaches the server as an ordinary edit at the next sync, on any
 * kind of record; a path that conflicted again and again is settled by one choice, on every phone.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNIT_A } from '../../server/sync/helpers';
import { newSessionBody } from '../../../src/shared/domain';
import { latestPerPath } from '../../../src/lib/sync/conflict-order';
import { resolveConflict } from '../../../src/lib/sync/resolve';
import { simulatedCast, type SimulatedCast } from './harness';

describe('choosing a conflict offline, then syncing (real server routes on PGlite)', () => {
  let cast: SimulatedCast;
  const device = (name: string, token: string) => cast.device(name, token);
  beforeAll(async () => {
    cast = await simulatedCast();
  }, 60_000);
  afterAll(() => cast.close());

  it('settles a session path that conflicted twice with one choice, on both phones', async () => {
    // Sessions are written by their facilitator and local admins (innovators read them).
    const admin = await device('admin', 'coord');
    const fac = await device('fac', 'facA');
    const session = await fac.store.create('session', {
      ...newSessionBody(new Date('2026-11-02T09:00:00')),
      unitIds: [UNIT_A],
    });
    await fac.engine.sync();
    await admin.engine.sync();

    // Twice: the facilitator's notes reach the server first, then the local admin's edit made before it arrived.
    // Every word differs, so the text merge cannot combine them.
    const rounds = [
      { fac: 'Rapat ditunda.', admin: 'Antrean daring disepakati.' },
      { fac: 'Jadwal baru Senin.', admin: 'Uji coba mulai Juli.' },
    ];
    for (const round of rounds) {
      await fac.store.update('session', session.id, { notes: round.fac });
      await admin.store.update('session', session.id, { notes: round.admin });
      await fac.engine.sync();
      await admin.engine.sync();
    }
    const open = (await admin.store.list('conflict', { recordId: session.id })).filter((c) => !c.resolved);
    expect(open).toHaveLength(2);
    const [newest] = latestPerPath(open);
    expect(newest).toMatchObject({
      path: 'notes',
      loser: 'Uji coba mulai Juli.',
      winner: 'Jadwal baru Senin.',
    });

    // No network: the choice waits in the outbox like any edit.
    await resolveConflict(admin.store, newest!, 'loser');
    expect((await admin.store.get('session', session.id))?.notes).toBe('Uji coba mulai Juli.');
    expect(await admin.store.countPending()).toBe(3);

    await admin.engine.sync();
    await fac.engine.sync();
    expect(await admin.store.countPending()).toBe(0);
    for (const d of [admin, fac]) {
      expect((await d.store.get('session', session.id))?.notes).toBe('Uji coba mulai Juli.');
      const left = (await d.store.list('conflict', { recordId: session.id })).filter((c) => !c.resolved);
      expect(left).toEqual([]);
    }
  }, 20_000);

  it('carries a unit name chosen offline to the server and the other phone', async () => {
    const office = await device('coord-office', 'coord');
    const field = await device('coord-field', 'coord');
    const unit = await office.store.create('unit', {
      name: 'Puskesmas Sukamaju',
      type: 'puskesmas',
      demo: false,
    });
    await office.engine.sync();
    await field.engine.sync();
    await office.store.update('unit', unit.id, { name: 'Puskesmas Sukamaju Kota' });
    await field.store.update('unit', unit.id, { name: 'Puskesmas Sukamaju Desa' });
    await office.engine.sync();
    const run = await field.engine.sync();
    expect(run.conflicts).toBe(1);
    const [conflict] = await field.store.list('conflict', { recordId: unit.id });
    expect(conflict).toMatchObject({ recordKind: 'unit', path: 'name', loser: 'Puskesmas Sukamaju Desa' });

    await resolveConflict(field.store, conflict!, 'loser');
    await field.engine.sync();
    await office.engine.sync();
    for (const d of [office, field]) {
      expect((await d.store.get('unit', unit.id))?.name).toBe('Puskesmas Sukamaju Desa');
      expect((await d.store.get('conflict', conflict!.id))?.resolved).toBe(true);
    }
    expect(await field.store.outbox()).toEqual([]);
  }, 20_000);
});
