/**
 * A guest's attachments move into the account with their parent: the record points at the moved parent, the
 * bytes are copied by hash into the account's database and queued for upload. An attachment whose parent does
 * not move (a comment's, for now) stays with the guest.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { attachFile, attachmentsOf } from '../../../src/lib/attachments/local';
import { moveGuestData } from '../../../src/lib/account/guest-move';
import { newSessionBody } from '../../../src/shared/domain/factories';
import { cleanup, freshStore } from '../db/helpers';

afterEach(cleanup);

const pdf = (name: string) =>
  new File([Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3_000)])], name, {
    type: 'application/pdf',
  });

describe('guest attachments at sign-in', () => {
  it('move with their session, bytes and upload included; a comment attachment stays', async () => {
    const guest = await freshStore();
    const session = await guest.create('session', newSessionBody(new Date(2024, 4, 2, 9, 0)));
    const file = pdf('notulen.pdf');
    const a = await attachFile(guest, file, { kind: 'session', id: session.id, unitId: null });
    await attachFile(guest, pdf('komentar.pdf'), { kind: 'comment', id: uuidv7(), unitId: null });

    const userId = uuidv7();
    const target = await freshStore({ userId, tenantId: 'tenant-1' });
    expect(await moveGuestData(guest, target, { id: userId, role: 'innovator' })).toBe(2);
    const [moved] = await target.list('session');
    const views = await attachmentsOf(target, moved!.id);
    expect(views).toHaveLength(1);
    expect(views[0]!.record).toMatchObject({
      sha256: a.sha256,
      name: 'notulen.pdf',
      parentKind: 'session',
      parentId: moved!.id,
      tenantId: 'tenant-1',
      rev: 0,
    });
    expect(views[0]!.record.id).not.toBe(a.id);
    expect(views[0]!.onPhone).toBe(true);
    expect(views[0]!.upload).toMatchObject({ state: 'queued', total: a.size });
    expect(await target.list('attachment')).toHaveLength(1);
    expect(await target.db.blobs.count()).toBe(1);
    // The guest keeps its copies.
    expect(await guest.list('attachment')).toHaveLength(2);
  });
});
