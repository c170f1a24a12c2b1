/**
 * The shared access rules as a matrix: every role against every kind of record, in the person's own unit,
 * another unit, and without a unit (made by them or by someone else). The server and the phone both use these.
 */
import { describe, expect, it } from 'vitest';
import {
  canRead,
  canWrite,
  principalOf,
  scopeOfRecord,
  unitIdsOf,
  type AccessPrincipal,
  type PersonRole,
  type RecordScope,
} from '../../../src/shared/access';
import type { RecordKind } from '../../../src/shared/records';

const TENANT = 'kab-contoh';
const OWN_UNIT = 'unit-own';
const OTHER_UNIT = 'unit-other';
const ME = 'user-me';
const SOMEONE_ELSE = 'user-else';

const ROLES = ['coordinator', 'facilitator', 'innovator', 'viewer'] as const satisfies readonly PersonRole[];

function principal(role: PersonRole): AccessPrincipal {
  // Coordinators get no unit list (the whole tenant); the others work in OWN_UNIT.
  return principalOf({ id: ME, tenantId: TENANT, role, unitIds: role === 'coordinator' ? [] : [OWN_UNIT] });
}

type Place = 'own unit' | 'other unit' | 'no unit, made by me' | 'no unit, made by someone else';
const PLACES: Record<Place, Pick<RecordScope, 'unitIds' | 'createdBy'>> = {
  'own unit': { unitIds: [OWN_UNIT], createdBy: SOMEONE_ELSE },
  'other unit': { unitIds: [OTHER_UNIT], createdBy: SOMEONE_ELSE },
  'no unit, made by me': { unitIds: [], createdBy: ME },
  'no unit, made by someone else': { unitIds: [], createdBy: SOMEONE_ELSE },
};

/** Who may [read, write] a record of a unit (sessions, drafts, checklists, submissions), by place. */
const UNIT_RECORDS: Record<Place, Record<PersonRole, [boolean, boolean]>> = {
  'own unit': {
    coordinator: [true, true],
    facilitator: [true, true],
    innovator: [true, true],
    viewer: [true, false],
  },
  'other unit': {
    coordinator: [true, true],
    facilitator: [false, false],
    innovator: [false, false],
    viewer: [false, false],
  },
  'no unit, made by me': {
    coordinator: [true, true],
    facilitator: [true, true],
    innovator: [true, true],
    viewer: [true, false],
  },
  'no unit, made by someone else': {
    coordinator: [true, true],
    facilitator: [false, false],
    innovator: [false, false],
    viewer: [false, false],
  },
};

/**
 * Units and people: the whole tenant reads them wherever they are; coordinators write them, and facilitators
 * reach people (which people: the field-path matrix in paths.test.ts).
 */
const TENANT_WIDE: Record<'unit' | 'person', Record<PersonRole, [boolean, boolean]>> = {
  unit: {
    coordinator: [true, true],
    facilitator: [true, false],
    innovator: [true, false],
    viewer: [true, false],
  },
  person: {
    coordinator: [true, true],
    facilitator: [true, true],
    innovator: [true, false],
    viewer: [true, false],
  },
};

const UNIT_KINDS = ['session', 'draft', 'checklist', 'submission'] as const satisfies readonly RecordKind[];

describe('shared access rules: the matrix', () => {
  for (const role of ROLES) {
    for (const [place, where] of Object.entries(PLACES) as [Place, (typeof PLACES)[Place]][]) {
      for (const kind of UNIT_KINDS) {
        it(`${role} on a ${kind} in "${place}"`, () => {
          const rec: RecordScope = { tenantId: TENANT, kind, ...where };
          const [read, write] = UNIT_RECORDS[place][role];
          expect([canRead(principal(role), rec), canWrite(principal(role), rec)]).toEqual([read, write]);
        });
      }
      for (const kind of ['unit', 'person'] as const) {
        it(`${role} on a ${kind} record (${place})`, () => {
          const rec: RecordScope = { tenantId: TENANT, kind, ...where };
          expect([canRead(principal(role), rec), canWrite(principal(role), rec)]).toEqual(
            TENANT_WIDE[kind][role],
          );
        });
      }
    }
  }

  it('nobody reads or writes another tenant, whatever the kind or place', () => {
    for (const role of ROLES)
      for (const kind of [...UNIT_KINDS, 'unit', 'person'] as const)
        for (const where of Object.values(PLACES)) {
          const rec: RecordScope = { tenantId: 'kab-lain', kind, ...where };
          expect(canRead(principal(role), rec)).toBe(false);
          expect(canWrite(principal(role), rec)).toBe(false);
        }
  });

  it('a record in several units is reachable through any one of them', () => {
    const rec: RecordScope = {
      tenantId: TENANT,
      kind: 'session',
      unitIds: [OTHER_UNIT, OWN_UNIT],
      createdBy: SOMEONE_ELSE,
    };
    expect(canWrite(principal('facilitator'), rec)).toBe(true);
    expect(canWrite(principal('innovator'), { ...rec, unitIds: [OTHER_UNIT, 'unit-third'] })).toBe(false);
  });
});

describe('principalOf', () => {
  it('gives coordinators the whole tenant, viewers no writes, the others their own units', () => {
    const base = { id: ME, tenantId: TENANT, unitIds: [OWN_UNIT] };
    expect(principalOf({ ...base, role: 'coordinator' })).toEqual({
      userId: ME,
      tenantId: TENANT,
      role: 'coordinator',
      unitIds: null,
      canWrite: true,
    });
    expect(principalOf({ ...base, role: 'viewer' })).toMatchObject({ unitIds: [OWN_UNIT], canWrite: false });
    expect(principalOf({ ...base, role: 'innovator' })).toMatchObject({
      unitIds: [OWN_UNIT],
      canWrite: true,
    });
  });
});

describe('scope of a record', () => {
  it('takes the units from the body as the server stores them', () => {
    expect(unitIdsOf('session', { unitIds: [OWN_UNIT, OTHER_UNIT] })).toEqual([OWN_UNIT, OTHER_UNIT]);
    expect(unitIdsOf('draft', { unitId: OWN_UNIT })).toEqual([OWN_UNIT]);
    expect(unitIdsOf('draft', { unitId: null })).toEqual([]);
    expect(unitIdsOf('checklist', { unitId: OTHER_UNIT })).toEqual([OTHER_UNIT]);
    expect(unitIdsOf('unit', { name: 'Puskesmas' })).toEqual([]);
    expect(scopeOfRecord('draft', { tenantId: TENANT, createdBy: ME, unitId: OWN_UNIT, title: 'x' })).toEqual(
      {
        tenantId: TENANT,
        kind: 'draft',
        unitIds: [OWN_UNIT],
        createdBy: ME,
      },
    );
  });
});
