/**
 * The phone's store refuses to queue a session naming as facilitator someone the server would refuse (issue #17,
 * forged display fields): only nobody, the writer, or an active facilitator or local admin account, known on the
 * phone by its person record. The same rule as the server's (`facilitatorRefusal`, src/shared/access.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { principalOf, writeRefusalText } from '../../../src/shared/access';
import { newSessionBody } from '../../../src/shared/domain';
import type { Person } from '../../../src/shared/records';
import { cleanup, freshStore } from '../db/helpers';
import { aPerson } from '../../factories';

const TENANT = 'kab-contoh';
const UNIT = uuidv7();

const personRecord = (name: string, patch: Partial<Person>): Person =>
  aPerson({
    tenantId: TENANT,
    createdBy: 'server',
    updatedBy: 'server',
    rev: 1,
    name,
    unitIds: [UNIT],
    ...patch,
  });

afterEach(cleanup);

describe("the phone's store and a session's facilitator", () => {
  async function signedInFacilitator() {
    const userId = uuidv7();
    const store = await freshStore({
      userId,
      tenantId: TENANT,
      principal: () => principalOf({ id: userId, tenantId: TENANT, role: 'facilitator', unitIds: [UNIT] }),
    });
    const colleague = personRecord('Rina', { role: 'facilitator', hasAccount: true });
    const gone = personRecord('Dodi', { role: 'facilitator', hasAccount: true, deleted: true });
    const innovator = personRecord('Ani', { role: 'innovator', hasAccount: true });
    const kader = personRecord('Bu Kader', { role: null });
    await store.applyRemote([colleague, gone, innovator, kader]);
    return { store, userId, colleague, gone, innovator, kader };
  }
  const body = (facilitatorId: string | null) => ({ ...newSessionBody(), unitIds: [UNIT], facilitatorId });

  it('makes a session naming herself or a colleague with an account, and hands it over', async () => {
    const { store, userId, colleague } = await signedInFacilitator();
    const mine = await store.create('session', body(userId));
    await expect(store.create('session', body(colleague.id))).resolves.toMatchObject({
      facilitatorId: colleague.id,
    });
    await expect(store.update('session', mine.id, { facilitatorId: colleague.id })).resolves.toMatchObject({
      facilitatorId: colleague.id,
    });
  });

  it('refuses an innovator, a disabled account and a person without an account, queueing nothing', async () => {
    const { store, userId, gone, innovator, kader } = await signedInFacilitator();
    for (const named of [innovator, gone, kader, { id: uuidv7() }]) {
      await expect(store.create('session', body(named.id))).rejects.toThrow(
        writeRefusalText('facilitator-account').split(' / ')[1]!,
      );
    }
    const mine = await store.create('session', body(userId));
    const queued = (await store.outbox()).length;
    await expect(store.update('session', mine.id, { facilitatorId: innovator.id })).rejects.toThrow(
      'active facilitator or local admin account',
    );
    expect(await store.outbox()).toHaveLength(queued);
    expect((await store.get('session', mine.id))!.facilitatorId).toBe(userId);
  });
});
