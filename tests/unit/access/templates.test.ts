/** Templates are tenant data: everyone of the tenant reads them, only a local admin (coordinator) writes them. */
import { describe, expect, it } from 'vitest';
import {
  canRead,
  pathRefusal,
  principalOf,
  writeRefusalText,
  type PersonRole,
  type RecordScope,
} from '../../../src/shared/access';
import { aTemplateBody } from '../../factories';

const TENANT = 'kab-contoh';
const scope: RecordScope = { tenantId: TENANT, kind: 'template', unitIds: [], createdBy: 'server' };
const who = (role: PersonRole, tenantId = TENANT) =>
  principalOf({ id: `user-${role}`, tenantId, role, unitIds: role === 'coordinator' ? [] : ['unit-a'] });
const body = aTemplateBody();

describe('template records', () => {
  it('are read by every role of the tenant and by nobody of another', () => {
    for (const role of ['coordinator', 'facilitator', 'innovator', 'viewer'] as const)
      expect(canRead(who(role), scope), role).toBe(true);
    expect(canRead(who('coordinator', 'kab-lain'), scope)).toBe(false);
  });

  it('are written by a coordinator only; the others get a refusal that says so', () => {
    const change = { scope, before: body, after: { ...body, status: 'retired' } };
    expect(pathRefusal(who('coordinator'), change, 'status')).toBeNull();
    expect(pathRefusal(who('coordinator'), { ...change, before: null }, 'template')).toBeNull();
    expect(pathRefusal(who('facilitator'), change, 'status')).toBe('template-writer');
    expect(pathRefusal(who('innovator'), { ...change, before: null }, 'template')).toBe('template-writer');
    expect(pathRefusal(who('viewer'), change, 'status')).toBe('viewer');
    expect(writeRefusalText('template-writer')).toBe(
      'Hanya admin lokal yang dapat mengimpor dan mengaktifkan templat proposal. / ' +
        'Only a local admin can import and activate proposal templates.',
    );
  });
});
