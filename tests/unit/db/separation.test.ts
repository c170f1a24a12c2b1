import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, freshStore } from './helpers';
import { databaseName } from '../../../src/lib/db/context';
import { newSessionBody } from '../../../src/shared/domain/factories';

afterEach(cleanup);

describe('one database per user', () => {
  it('names carry the user id, or guest', () => {
    expect(databaseName(null)).toBe('rintis-guest');
    expect(databaseName('abc')).toBe('rintis-user-abc');
  });

  it('guest, user A and user B never see each other’s records or outbox', async () => {
    const guest = await freshStore({ userId: null });
    const a = await freshStore({ userId: 'user-a', tenantId: 'kab-a' });
    const b = await freshStore({ userId: 'user-b', tenantId: 'kab-a' });
    const g1 = await guest.create('session', { ...newSessionBody(), place: 'Rumah' });
    const a1 = await a.create('session', { ...newSessionBody(), place: 'Kantor A' });
    const b1 = await b.create('session', { ...newSessionBody(), place: 'Kantor B' });
    expect((await guest.list('session')).map((s) => s.id)).toEqual([g1.id]);
    expect((await a.list('session')).map((s) => s.id)).toEqual([a1.id]);
    expect((await b.list('session')).map((s) => s.id)).toEqual([b1.id]);
    expect(await a.get('session', b1.id)).toBeUndefined();
    expect((await b.outbox()).map((e) => e.recordId)).toEqual([b1.id]);
    expect(new Set([guest.deviceId, a.deviceId, b.deviceId]).size).toBe(3);
    expect(a1.createdBy).toBe('user-a');
    expect(a1.tenantId).toBe('kab-a');
  });
});
