import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import { DexieLocalStore } from '../../../src/lib/db/store';
import { seedDemoRegency } from '../../../src/lib/db/demo';
import {
  GuestUnitChoiceMissing,
  guestMovedTo,
  guestRecordsToMove,
  moveGuestData,
  planGuestUnits,
  remapBody,
} from '../../../src/lib/account/guest-move';
import { aChecklist, aDraftBody, aPersonBody, aSessionBody, aUnitBody } from '../../factories';

const opened: DexieLocalStore[] = [];
async function open(userId: string, tenantId?: string): Promise<DexieLocalStore> {
  const store = await DexieLocalStore.open({ userId, ...(tenantId ? { tenantId } : {}) });
  opened.push(store);
  return store;
}

afterEach(async () => {
  const stores = opened.splice(0);
  for (const s of stores) s.close();
  for (const name of new Set(stores.map((s) => s.name))) await Dexie.delete(name);
});

/** A guest database (its own name: the real guest's would be shared between tests) with a small network of records. */
async function guestWithRecords() {
  const guest = await open(`guest-${uuidv7()}`);
  const unit = await guest.create('unit', aUnitBody({ name: 'Puskesmas Tamu' }));
  const person = await guest.create(
    'person',
    aPersonBody({ name: 'Ani', role: 'innovator', unitIds: [unit.id] }),
  );
  const draft = await guest.create('draft', aDraftBody({ unitId: unit.id, title: 'Antrean daring' }));
  const session = await guest.create(
    'session',
    aSessionBody({ place: 'Aula', unitIds: [unit.id], facilitatorId: person.id, draftIds: [draft.id] }),
  );
  const gone = await guest.create('draft', aDraftBody({ title: 'Dihapus' }));
  await guest.remove('draft', gone.id);
  return { guest, unit, person, draft, session };
}

describe('remapBody', () => {
  it('points references at the moved copies and clears the ones that did not move', () => {
    const unitId = uuidv7();
    const draftId = uuidv7();
    const newDraftId = uuidv7();
    const checklist = aChecklist({ draftId, unitId });
    const body = remapBody(checklist, new Map([[draftId, newDraftId]]));
    expect(body).toEqual({
      draftId: newDraftId,
      unitId: null,
      templateKey: checklist.templateKey,
      templateVersion: checklist.templateVersion,
      items: checklist.items,
    });
    // A checklist whose draft did not move cannot exist alone.
    expect(remapBody(checklist, new Map())).toBeNull();
  });
});

describe('moving guest data into an account', () => {
  it('copies a coordinator’s records as new records with remapped references, in the outbox, once', async () => {
    const { guest, unit, person, draft, session } = await guestWithRecords();
    const userId = uuidv7();
    const target = await open(userId, 'tenant-1');

    expect(await guestMovedTo(guest, userId)).toBe(false);
    // The account has no unit of that name: the coordinator is asked, and chooses a new unit.
    const plan = await planGuestUnits(guest, target, 'coordinator');
    expect(plan.unmatched.map((u) => u.id)).toEqual([unit.id]);
    await expect(moveGuestData(guest, target, { id: userId, role: 'coordinator' })).rejects.toThrow(
      GuestUnitChoiceMissing,
    );
    expect(await target.list('draft')).toEqual([]);
    const moved = await moveGuestData(
      guest,
      target,
      { id: userId, role: 'coordinator' },
      new Map([[unit.id, { kind: 'new' }]]),
    );
    expect(moved).toBe(4);

    const [units, persons, drafts, sessions] = await Promise.all([
      target.list('unit'),
      target.list('person'),
      target.list('draft'),
      target.list('session'),
    ]);
    expect(units.map((u) => u.name)).toEqual(['Puskesmas Tamu']);
    expect(drafts.map((d) => d.title)).toEqual(['Antrean daring']);
    // New ids, and references point at the copies.
    expect(units[0]!.id).not.toBe(unit.id);
    expect(persons[0]!.id).not.toBe(person.id);
    expect(persons[0]!.unitIds).toEqual([units[0]!.id]);
    expect(drafts[0]!.id).not.toBe(draft.id);
    expect(drafts[0]!.unitId).toBe(units[0]!.id);
    expect(sessions[0]!.id).not.toBe(session.id);
    expect(sessions[0]!.unitIds).toEqual([units[0]!.id]);
    // A guest's person is no account: the session keeps the facilitator's name, not the link.
    expect(sessions[0]!.facilitatorId).toBeNull();
    expect(sessions[0]!.facilitatorName).toBe(session.facilitatorName);
    expect(sessions[0]!.draftIds).toEqual([drafts[0]!.id]);
    // The copies belong to the account and wait to be synced.
    expect(drafts[0]!.tenantId).toBe('tenant-1');
    const outbox = await target.outbox();
    expect(outbox.map((e) => e.op)).toEqual(['create', 'create', 'create', 'create']);

    // The guest keeps its own copy, and the move is remembered (no second offer).
    expect((await guest.list('draft')).map((d) => d.title)).toEqual(['Antrean daring']);
    expect(await guestMovedTo(guest, userId)).toBe(true);
  });

  it('for an innovator moves drafts and sessions only, leaving units and people (and demo data) behind', async () => {
    const { guest, unit } = await guestWithRecords();
    await seedDemoRegency(guest);
    const toMove = await guestRecordsToMove(guest, 'innovator');
    expect(toMove.map((r) => r.kind).sort()).toEqual(['draft', 'session']);

    const userId = uuidv7();
    const target = await open(userId);
    // Asked first; "tanpa unit" chosen explicitly (an innovator cannot create units).
    await expect(
      moveGuestData(guest, target, { id: userId, role: 'innovator' }, new Map([[unit.id, { kind: 'new' }]])),
    ).rejects.toThrow(GuestUnitChoiceMissing);
    expect(
      await moveGuestData(
        guest,
        target,
        { id: userId, role: 'innovator' },
        new Map([[unit.id, { kind: 'none' }]]),
      ),
    ).toBe(2);
    const [draft] = await target.list('draft');
    const [session] = await target.list('session');
    // The guest's unit did not move, by the person's choice: references to it are cleared, not left dangling.
    expect(draft!.unitId).toBeNull();
    expect(session!.unitIds).toEqual([]);
    expect(session!.facilitatorId).toBeNull();
    expect(session!.draftIds).toEqual([draft!.id]);
    expect(await target.list('unit')).toEqual([]);
  });

  it('keeps unit links: a guest unit lands in the account unit of the same name, or the one chosen', async () => {
    const guest = await open(`guest-${uuidv7()}`);
    const sukamaju = await guest.create('unit', aUnitBody({ name: '  puskesmas   SUKAMAJU' }));
    const tanjung = await guest.create('unit', aUnitBody({ name: 'Kecamatan Tanjung', type: 'kecamatan' }));
    await guest.create('draft', aDraftBody({ unitId: sukamaju.id, title: 'Antar obat' }));
    await guest.create('session', aSessionBody({ unitIds: [sukamaju.id, tanjung.id], place: 'Aula' }));
    // A draft in a demo unit: that unit is asked about too, never dropped.
    await seedDemoRegency(guest);
    const demoUnit = (await guest.list('unit')).find((u) => u.demo)!;
    await guest.create('draft', aDraftBody({ unitId: demoUnit.id, title: 'Di unit demo' }));

    const userId = uuidv7();
    const target = await open(userId, 'tenant-1');
    // The account's units, as pulled from the server.
    const accountSukamaju = await target.create('unit', aUnitBody({ name: 'Puskesmas Sukamaju' }));
    const dinas = await target.create('unit', aUnitBody({ name: 'Dinas Kesehatan', type: 'opd' }));
    await target.create('unit', aUnitBody({ name: 'Kecamatan Tanjung', type: 'kecamatan', archived: true }));

    const plan = await planGuestUnits(guest, target, 'innovator');
    expect(plan.matched.map((m) => [m.guest.id, m.account.id])).toEqual([[sukamaju.id, accountSukamaju.id]]);
    // The archived twin does not match; the demo unit a draft uses is listed.
    expect(plan.unmatched.map((u) => u.name).sort()).toEqual(['Kecamatan Tanjung', demoUnit.name].sort());
    expect(plan.accountUnits.map((u) => u.name)).toEqual(['Dinas Kesehatan', 'Puskesmas Sukamaju']);

    const before = (await target.list('unit')).length;
    await moveGuestData(
      guest,
      target,
      { id: userId, role: 'innovator' },
      new Map([
        [tanjung.id, { kind: 'existing', unitId: dinas.id }],
        [demoUnit.id, { kind: 'none' }],
      ]),
    );
    const drafts = await target.list('draft');
    expect(drafts.find((d) => d.title === 'Antar obat')!.unitId).toBe(accountSukamaju.id);
    expect(drafts.find((d) => d.title === 'Di unit demo')!.unitId).toBeNull();
    const [session] = await target.list('session');
    expect(session!.unitIds).toEqual([accountSukamaju.id, dinas.id]);
    // No unit was created for an innovator.
    expect((await target.list('unit')).length).toBe(before);
  });

  it('refuses a choice of a unit the account does not have', async () => {
    const { guest, unit } = await guestWithRecords();
    const userId = uuidv7();
    const target = await open(userId);
    await expect(
      moveGuestData(
        guest,
        target,
        { id: userId, role: 'coordinator' },
        new Map([[unit.id, { kind: 'existing', unitId: uuidv7() }]]),
      ),
    ).rejects.toThrow(/Pilih unit untuk Puskesmas Tamu/);
    expect(await target.list('draft')).toEqual([]);
  });
});
