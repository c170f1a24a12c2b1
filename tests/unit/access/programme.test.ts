/** Programme settings are tenant data: everyone of the tenant reads them, only a local admin writes them. */
import { describe, expect, it } from 'vitest';
import {
  canRead,
  pathRefusal,
  principalOf,
  writeRefusalText,
  type PersonRole,
  type RecordScope,
} from '../../../src/shared/access';
import { aProgrammeBody } from '../../factories';

const TENANT = 'kab-contoh';
const scope: RecordScope = { tenantId: TENANT, kind: 'programme', unitIds: [], createdBy: 'server' };
const who = (role: PersonRole, tenantId = TENANT) =>
  principalOf({ id: `user-${role}`, tenantId, role, unitIds: role === 'coordinator' ? [] : ['unit-a'] });
const body = aProgrammeBody();

describe('programme records', () => {
  it('are read by every role of the tenant and by nobody of another', () => {
    for (const role of ['coordinator', 'facilitator', 'innovator', 'viewer'] as const)
      expect(canRead(who(role), scope), role).toBe(true);
    expect(canRead(who('coordinator', 'kab-lain'), scope)).toBe(false);
  });

  it('are written by a coordinator only; the others get a refusal that says so', () => {
    const change = {
      scope,
      before: body,
      after: { ...body, reviewFlow: { headApproval: true, internalReview: false } },
    };
    expect(pathRefusal(who('coordinator'), change, 'reviewFlow')).toBeNull();
    expect(pathRefusal(who('facilitator'), change, 'reviewFlow')).toBe('programme-writer');
    expect(pathRefusal(who('innovator'), { ...change, before: null }, 'unitTypes')).toBe('programme-writer');
    expect(pathRefusal(who('viewer'), change, 'reviewFlow')).toBe('viewer');
    expect(pathRefusal(who('coordinator', 'kab-lain'), change, 'reviewFlow')).toBe('scope');
    expect(writeRefusalText('programme-writer')).toBe(
      'Hanya admin lokal yang dapat mengubah pengaturan program (jenis unit, alur tinjauan). / ' +
        "Only a local admin can change the programme's settings (unit types, review flow).",
    );
  });
});
